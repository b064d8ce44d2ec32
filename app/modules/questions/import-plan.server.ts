// Turning an uploaded file into an import plan: parse (Excel, GIFT, Aiken; text in UTF-8 or GBK),
// convert every question to stored content, check it, find duplicates in the file and in the bank.
// The plan is the dry-run report; nothing is written here. import.server.ts commits a plan.
import type { Db } from "#db/client";
import { formatIssue, type ImportIssue, type ParseResult } from "./model";
import { contentProblems, draftToContent, duplicateKey, type QuestionContent } from "./content";
import { parseAiken } from "./formats/aiken";
import { readQuestionRows } from "./formats/excel-read.server";
import { unknownPointMessage } from "./formats/excel-rows";
import { parseGift } from "./formats/gift";
import { decodeText, type TextEncodingName } from "./formats/text-encoding";
import { pointIdsByPath, splitPointPath } from "./knowledge-points.server";
import { findDuplicates } from "./search.server";

export const IMPORT_FORMATS = ["excel", "gift", "aiken"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = { excel: "Excel 模板", gift: "GIFT", aiken: "Aiken" };

/** Where an item came from: an Excel row or a text line. */
export interface Origin {
  row?: number;
  line?: number;
}

export interface PlannedItem {
  at: Origin;
  content: QuestionContent;
  tags: string[];
  dupHash: string;
  /** Set when the same question is already in the bank or earlier in the file. */
  duplicateOf?: { questionId?: number; at?: Origin };
}

export interface ImportPlan {
  format: ImportFormat;
  encoding: TextEncodingName | null;
  items: PlannedItem[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Knowledge points the import will create (only when allowed). */
  newPoints: string[];
}

export interface PlanOptions {
  format?: ImportFormat;
  /** The bank's point paths: Excel rows then report an unknown point beside their other errors. */
  knownPoints?: ReadonlySet<string>;
  /** Create knowledge points that do not exist yet, instead of reporting them as errors. */
  createPoints?: boolean;
  tiers?: ReadonlyArray<{ code: string; name: string }>;
}

const isZip = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The format of a file by its content first (an .xlsx is a zip), then its name. */
export function detectFormat(fileName: string, bytes: Uint8Array, text?: string): ImportFormat {
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) return "excel";
  if (/\.gift$/i.test(fileName)) return "gift";
  if (/\.aiken$/i.test(fileName)) return "aiken";
  const body = text ?? "";
  // Aiken has ANSWER: lines and no braces; GIFT always has an answer block in braces.
  if (/^\s*ANSWER\s*[:：]/im.test(body) && !/(^|[^\\])\{/.test(body)) return "aiken";
  return "gift";
}

/** Parses a file in the chosen (or detected) format. */
export async function parseQuestionFile(fileName: string, bytes: Uint8Array, options: PlanOptions = {}) {
  const looksExcel = options.format === "excel" || (options.format === undefined && (isZip(bytes) || /\.xlsx$/i.test(fileName)));
  if (looksExcel) {
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const parsed = await readQuestionRows(copy, { tiers: options.tiers, knownKnowledgePoints: options.createPoints ? undefined : options.knownPoints });
    return { format: "excel" as const, encoding: null, parsed };
  }
  if (isZip(bytes)) {
    return { format: options.format!, encoding: null, parsed: failed("这是一个 Excel 文件，请选择「Excel 模板」格式") };
  }
  const decoded = decodeText(bytes);
  const format = options.format ?? detectFormat(fileName, bytes, decoded.text);
  const parsed = format === "aiken" ? parseAiken(decoded.text) : parseGift(decoded.text);
  if (decoded.malformed) parsed.warnings.unshift({ message: "文件中有无法识别的字符（既不是 UTF-8 也不是 GBK 编码），已替换为 �，请检查" });
  return { format, encoding: decoded.encoding, parsed };
}

function failed(message: string): ParseResult {
  return { questions: [], errors: [{ message }], warnings: [] };
}

const originOf = (q: { row?: number; line?: number }): Origin => (q.row !== undefined ? { row: q.row } : q.line !== undefined ? { line: q.line } : {});
export const describeOrigin = (at: Origin) => (at.row !== undefined ? `第 ${at.row} 行` : at.line !== undefined ? `第 ${at.line} 行` : "");

/**
 * Checks parsed questions against the bank: content rules, knowledge points, duplicates. Items
 * with errors are left out of the plan; everything else is planned, duplicates marked.
 */
export async function planImport(db: Db, bankId: number, parsed: ParseResult, format: ImportFormat, encoding: TextEncodingName | null, options: PlanOptions = {}): Promise<ImportPlan> {
  const errors = [...parsed.errors];
  const warnings = [...parsed.warnings];
  const points = await pointIdsByPath(db, bankId);
  const newPoints = new Set<string>();
  const items: PlannedItem[] = [];
  for (const entry of parsed.questions) {
    const at = originOf(entry);
    let converted: ReturnType<typeof draftToContent>;
    try {
      converted = draftToContent(entry.question);
    } catch (error) {
      errors.push({ ...at, message: `内容不符合要求：${zodMessage(error)}` });
      continue;
    }
    const problems = contentProblems(converted.content);
    const point = converted.content.knowledgePoint;
    if (point) {
      const split = splitPointPath(point);
      if ("message" in split) problems.push(split.message);
      else if (!points.has(point)) {
        if (options.createPoints) newPoints.add(point);
        else problems.push(unknownPointMessage(point));
      }
    }
    if (problems.length > 0) {
      for (const message of problems) errors.push({ ...at, message });
      continue;
    }
    for (const message of converted.losses) warnings.push({ ...at, message });
    items.push({ at, content: converted.content, tags: entry.question.tags ?? [], dupHash: duplicateKey(converted.content) });
  }
  await markDuplicates(db, bankId, items);
  const byPosition = (a: ImportIssue, b: ImportIssue) => (a.row ?? a.line ?? 0) - (b.row ?? b.line ?? 0);
  return { format, encoding, items, errors: errors.sort(byPosition), warnings: warnings.sort(byPosition), newPoints: [...newPoints].sort() };
}

/** Parse and plan in one step: the dry-run of a file for a bank (web and command line). */
export async function planFileImport(db: Db, bankId: number, fileName: string, bytes: Uint8Array, options: PlanOptions = {}): Promise<ImportPlan> {
  const knownPoints = new Set((await pointIdsByPath(db, bankId)).keys());
  const { format, encoding, parsed } = await parseQuestionFile(fileName, bytes, { ...options, knownPoints });
  return planImport(db, bankId, parsed, format, encoding, options);
}

/** Marks items already in the bank, or repeating an earlier item of the same file. */
export async function markDuplicates(db: Db, bankId: number, items: PlannedItem[]): Promise<void> {
  const existing = await findDuplicates(db, bankId, items.map((i) => i.dupHash));
  const firstInFile = new Map<string, Origin>();
  for (const item of items) {
    delete item.duplicateOf;
    const stored = existing.get(item.dupHash);
    if (stored && stored.length > 0) item.duplicateOf = { questionId: stored[0]!.id };
    else if (firstInFile.has(item.dupHash)) item.duplicateOf = { at: firstInFile.get(item.dupHash) };
    else firstInFile.set(item.dupHash, item.at);
  }
}

function zodMessage(error: unknown): string {
  const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
  if (!issues) return error instanceof Error ? error.message : String(error);
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".")} ${i.message}`.trim())
    .join("；");
}

/** The plan as report lines, for the command line. */
export function planReportLines(plan: ImportPlan, options: { includeDuplicates?: boolean } = {}): string[] {
  const duplicates = plan.items.filter((i) => i.duplicateOf);
  const creatable = plan.items.length - (options.includeDuplicates ? 0 : duplicates.length);
  const lines = [`格式：${IMPORT_FORMAT_LABELS[plan.format]}${plan.encoding ? `（${plan.encoding.toUpperCase()} 编码）` : ""}`, `可导入：${creatable} 题`];
  if (plan.newPoints.length > 0) lines.push(`将新建知识点：${plan.newPoints.join("、")}`);
  if (duplicates.length > 0) {
    lines.push(`重复：${duplicates.length} 题${options.includeDuplicates ? "（仍将导入）" : "（将跳过）"}`);
    for (const d of duplicates) lines.push(`  ${describeOrigin(d.at)}：${duplicateText(d)}`);
  }
  if (plan.errors.length > 0) {
    lines.push(`错误：${plan.errors.length} 处（这些题不会导入）`);
    for (const e of plan.errors) lines.push(`  ${formatIssue(e)}`);
  }
  if (plan.warnings.length > 0) {
    lines.push(`提示：${plan.warnings.length} 处`);
    for (const w of plan.warnings) lines.push(`  ${formatIssue(w)}`);
  }
  return lines;
}

export function duplicateText(item: PlannedItem): string {
  if (item.duplicateOf?.questionId !== undefined) return `与题库中的试题 #${item.duplicateOf.questionId} 重复`;
  if (item.duplicateOf?.at) return `与本文件${describeOrigin(item.duplicateOf.at)}的试题重复`;
  return "";
}
