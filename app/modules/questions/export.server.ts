// Exporting a bank, or a filtered selection of it, to the Excel template or GIFT. Every question
// goes through the same draft model the importers produce, so export → import gives it back; what
// a format cannot hold is listed per question (and written into the file as a note).
import type { Db } from "#db/client";
import { plainText } from "~/modules/richtext/render";
import { contentToDraft, parseStoredContent } from "./content";
import { excelLosses } from "./formats/excel-rows";
import { writeQuestionWorkbook, XLSX_CONTENT_TYPE } from "./formats/excel-write.server";
import { exportGift, giftLosses } from "./formats/gift";
import type { QuestionDraft } from "./model";

export const EXPORT_FORMATS = ["excel", "gift"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedQuestion {
  id: number;
  draft: QuestionDraft;
  excerpt: string;
}

/** Current content of the given questions of a bank, in id order, as drafts. */
export async function loadForExport(db: Db, bankId: number, ids: readonly number[]): Promise<ExportedQuestion[]> {
  const out: ExportedQuestion[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom("questions as q")
      .innerJoin("question_versions as v", (join) => join.onRef("v.question_id", "=", "q.id").onRef("v.version", "=", "q.current_version"))
      .select(["q.id", "v.content"])
      .where("q.bank_id", "=", bankId)
      .where("q.id", "in", chunk)
      .orderBy("q.id")
      .execute();
    const tags = await db.selectFrom("question_tags").select(["question_id", "tag"]).where("question_id", "in", chunk).orderBy("tag").execute();
    for (const row of rows) {
      const content = parseStoredContent(row.content);
      const draft = contentToDraft(
        content,
        tags.filter((t) => t.question_id === row.id).map((t) => t.tag),
      );
      out.push({ id: row.id, draft, excerpt: plainText(content.stem, 40) });
    }
  }
  return out;
}

/** What each question loses in the format, for questions that lose anything. */
export function exportLosses(questions: readonly ExportedQuestion[], format: ExportFormat, tiers?: ReadonlyArray<{ code: string; name: string }>) {
  return questions
    .map((q) => ({ id: q.id, excerpt: q.excerpt, losses: format === "excel" ? excelLosses(q.draft, { tiers }) : giftLosses(q.draft) }))
    .filter((q) => q.losses.length > 0);
}

/** The file: body, type and a name. GIFT files start with the loss notes as comments. */
export async function exportFile(questions: readonly ExportedQuestion[], format: ExportFormat, baseName: string, tiers?: ReadonlyArray<{ code: string; name: string }>) {
  if (format === "excel") {
    const data = await writeQuestionWorkbook(questions.map((q) => q.draft), tiers);
    return { body: new Uint8Array(data), contentType: XLSX_CONTENT_TYPE, fileName: `${baseName}.xlsx` };
  }
  const notes = exportLosses(questions, "gift").map((q) => `// #${q.id} ${q.excerpt.replace(/\s+/g, " ")}：${q.losses.join("；")}`);
  const header = notes.length > 0 ? `// 以下内容无法写入 GIFT：\n${notes.join("\n")}\n\n` : "";
  const text = header + exportGift(questions.map((q) => q.draft));
  return { body: new TextEncoder().encode(text), contentType: "text/plain; charset=utf-8", fileName: `${baseName}.gift.txt` };
}
