// Starter banks from content/questions/<key>.yaml, imported by stable keys: a bank is created once
// (with no members, so any instructor may take it on), its knowledge points ensured, and each
// question created, given a new version when the file changed, or left alone when an instructor
// has edited it in the app (its current version was not written by the importer).
import type { Db } from "#db/client";
import { plainToDoc } from "~/modules/richtext/plain";
import type { BankFile } from "./bank-file";
import { createBank } from "./banks.server";
import { questionContentSchema, versionHash, type QuestionContent } from "./content";
import { ensurePointPath } from "./knowledge-points.server";
import { insertQuestion, saveNewVersionIn } from "./store.server";

export interface BankImportReport {
  created: string[];
  updated: string[];
  unchanged: number;
  keptEdited: string[];
}

type BankQuestion = BankFile["questions"][number];

/** One question of a bank file as stored content. */
export function bankQuestionContent(q: BankQuestion): QuestionContent {
  const base = {
    stem: plainToDoc(q.stem),
    explanation: plainToDoc(q.explanation),
    difficulty: q.difficulty,
    knowledgePoint: q.knowledgePoint,
    tiers: q.tiers,
    ...(q.source ? { source: q.source } : {}),
  };
  switch (q.type) {
    case "single":
    case "multiple":
      return questionContentSchema.parse({ ...base, type: q.type, options: q.options.map((text, i) => ({ text, correct: q.answer.includes(i) })) });
    case "truefalse":
      return questionContentSchema.parse({ ...base, type: "truefalse", answer: q.answer });
    case "fill":
      return questionContentSchema.parse({ ...base, type: "fill", blanks: q.answer });
    case "essay":
      return questionContentSchema.parse({ ...base, type: "essay", referenceAnswer: q.answer, ...(q.rubric ? { rubric: q.rubric } : {}) });
  }
}

async function ensureBank(db: Db, file: BankFile, report: BankImportReport, now: number): Promise<number> {
  const existing = await db.selectFrom("question_banks").select("id").where("bank_key", "=", file.key).executeTakeFirst();
  if (existing) return existing.id;
  const id = await createBank(db, null, { bankKey: file.key, title: file.title, description: "", category: file.category }, now);
  return id;
}

export async function importBankFile(db: Db, file: BankFile, report: BankImportReport, now = Date.now()): Promise<void> {
  const bankId = await ensureBank(db, file, report, now);
  const points = new Map<string, number>();
  for (const path of file.knowledgePoints) await ensurePointPath(db, bankId, path, points);
  const stored = await db
    .selectFrom("questions as q")
    .innerJoin("question_versions as v", (join) => join.onRef("v.question_id", "=", "q.id").onRef("v.version", "=", "q.current_version"))
    .select(["q.id", "q.bank_id", "q.content_key", "q.current_version", "v.content_hash", "v.created_by"])
    .where("q.content_key", "in", file.questions.map((q) => q.key))
    .execute();
  const byKey = new Map(stored.map((s) => [s.content_key!, s]));
  let created = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    for (const q of file.questions) {
      const content = bankQuestionContent(q);
      const current = byKey.get(q.key);
      if (!current) {
        await insertQuestion(trx, { bankId, content, status: "published", contentKey: q.key, actorId: null, origin: "import", points }, now);
        created++;
      } else if (current.content_hash === versionHash(content)) report.unchanged++;
      else if (current.created_by !== null) report.keptEdited.push(`试题 ${q.key}`);
      else {
        await saveNewVersionIn(trx, { questionId: current.id, bankId: current.bank_id, baseVersion: current.current_version, content, actorId: null, note: "题库文件更新" }, now);
        updated++;
      }
    }
  });
  if (created > 0) report.created.push(`题库 ${file.title}：${created} 道试题`);
  if (updated > 0) report.updated.push(`题库 ${file.title}：${updated} 道试题有新版本`);
}
