// The platform's Excel question template, the pure half: header mapping, one row of cell texts →
// a validated QuestionDraft (or row-numbered Chinese errors), and a QuestionDraft → row texts for
// the export. The exceljs reading and writing live in excel-read.server.ts / excel-write.server.ts.
//
// Columns (row 1, matched by header text in any order, surrounding spaces ignored):
//   题型 | 题干 | 选项A … 选项H | 答案 | 解析 | 难度 | 知识点 | 适用层级 | 评分要点 | 法规条款 | 标签
// Required: 题型, 题干, 答案. The others may be left out of the sheet.
//
//   题型      单选 / 多选 / 判断 / 填空 / 简答 (also 单选题…, or the codes single/multiple/…)
//   答案      单选/多选: option letters — A, A,C, AC, A、C, A，C
//             判断: 对 / 正确 / √ / T / TRUE and 错 / 错误 / × / F / FALSE
//             填空: blanks separated by "|", accepted alternatives of one blank by "/":
//                   "119|火警/报警" = 2 blanks, the second accepting 火警 or 报警; a literal
//                   / or | inside an answer is written \/ or \| ("25km\/h"). The stem marks
//                   each blank with ____ (4+ underscores) or empty brackets （）/ ( ), full- or
//                   half-width, with only spaces (also the ideographic U+3000) inside; the
//                   number of markers must equal the number of blanks.
//             简答: the reference answer (optional); the scoring rubric goes in 评分要点.
//   难度      1–5, blank = not set
//   知识点    a path, levels joined by "/" (安全生产法/法律责任)
//   适用层级  tier names or codes, separated by "," or "、": 站(队)长 chief, 工作人员 staff,
//             村社网格员 grid, 机关干部 cadre
//   法规条款  the provision the question rests on, free text
//   标签      free tags separated by "," "，" "、" or ";"
import { QUESTION_TYPE_LABELS, type ChoiceOption, type QuestionDraft, type QuestionType } from "../model";

export const QUESTION_SHEET = "试题";
export const INSTRUCTIONS_SHEET = "填写说明";
export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;
/** Rows of one file; larger banks go in several files. */
export const MAX_QUESTION_ROWS = 10_000;
/** Excel's limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Stems of the template's example rows start with this; such rows are refused on import. */
export const EXAMPLE_MARK = "【示例】";

export type ColumnKey =
  | "type"
  | "stem"
  | `option${(typeof OPTION_LETTERS)[number]}`
  | "answer"
  | "explanation"
  | "difficulty"
  | "knowledgePoint"
  | "tiers"
  | "rubric"
  | "source"
  | "tags";

export const QUESTION_COLUMNS: ReadonlyArray<{ key: ColumnKey; header: string; required: boolean; width: number }> = [
  { key: "type", header: "题型", required: true, width: 8 },
  { key: "stem", header: "题干", required: true, width: 48 },
  ...OPTION_LETTERS.map((letter) => ({ key: `option${letter}` as ColumnKey, header: `选项${letter}`, required: false, width: 18 })),
  { key: "answer", header: "答案", required: true, width: 16 },
  { key: "explanation", header: "解析", required: false, width: 36 },
  { key: "difficulty", header: "难度", required: false, width: 6 },
  { key: "knowledgePoint", header: "知识点", required: false, width: 24 },
  { key: "tiers", header: "适用层级", required: false, width: 20 },
  { key: "rubric", header: "评分要点", required: false, width: 36 },
  { key: "source", header: "法规条款", required: false, width: 28 },
  { key: "tags", header: "标签", required: false, width: 16 },
];
export const QUESTION_HEADERS: readonly string[] = QUESTION_COLUMNS.map((c) => c.header);

/** The four training tiers (db/seed/city-data.ts TRAINING_TIERS); a caller may pass the live list. */
export const DEFAULT_TIERS: ReadonlyArray<{ code: string; name: string }> = [
  { code: "chief", name: "站(队)长" },
  { code: "staff", name: "工作人员" },
  { code: "grid", name: "村社网格员" },
  { code: "cadre", name: "机关干部" },
];

const TYPE_BY_TEXT: ReadonlyMap<string, QuestionType> = new Map(
  (Object.entries(QUESTION_TYPE_LABELS) as Array<[QuestionType, string]>).flatMap(([code, label]) => [
    [label, code],
    [`${label}题`, code],
    [code, code],
  ]),
);

const TRUE_TEXTS = new Set(["对", "正确", "√", "✓", "✔", "T", "TRUE", "是"]);
const FALSE_TEXTS = new Set(["错", "错误", "×", "✗", "✘", "X", "F", "FALSE", "否"]);

/** Blank markers in a 填空 stem: ____ (4+ underscores, or 2+ full-width ＿), or empty brackets （）/ () with only spaces or U+3000 inside. */
export const BLANK_MARKER = /_{4,}|＿{2,}|[（(][ \u3000]*[）)]/g;

export function countBlankMarkers(stem: string): number {
  return stem.match(BLANK_MARKER)?.length ?? 0;
}

/** Which column index holds which field; problems are file-level (the whole file is refused). */
export function mapQuestionHeader(headers: readonly string[]): {
  columns: Partial<Record<ColumnKey, number>>;
  problems: string[];
  unknown: string[];
} {
  const columns: Partial<Record<ColumnKey, number>> = {};
  const problems: string[] = [];
  const unknown: string[] = [];
  headers.forEach((raw, index) => {
    const text = raw.trim();
    if (!text) return;
    const column = QUESTION_COLUMNS.find((c) => c.header === text);
    if (!column) {
      unknown.push(text);
      return;
    }
    if (columns[column.key] !== undefined) problems.push(`表头「${column.header}」出现了两次`);
    else columns[column.key] = index;
  });
  const missing = QUESTION_COLUMNS.filter((c) => c.required && columns[c.key] === undefined).map((c) => `「${c.header}」`);
  if (missing.length > 0) problems.unshift(`表头缺少必需的列：${missing.join("、")}（第 1 行应为表头：${QUESTION_HEADERS.join("、")}）`);
  return { columns, problems, unknown };
}

export type RowTexts = Partial<Record<ColumnKey, string>>;

export interface RowContext {
  knownKnowledgePoints?: ReadonlySet<string>;
  tiers?: ReadonlyArray<{ code: string; name: string }>;
}

export type RowResult = { question: QuestionDraft; warnings: string[] } | { errors: string[]; warnings: string[] };

/** Full-width letters, digits, brackets, commas to ASCII, for the short code-like cells. */
const fold = (text: string) => text.normalize("NFKC").trim();
/** Free text as typed, only line endings unified and the ends trimmed. */
export const cleanText = (text: string | undefined) => (text ?? "").replace(/\r\n?/g, "\n").trim();

/** Option letters of a choice answer: "A", "A,C", "AC", "A、C", "a c"; null if malformed or repeated. */
export function parseAnswerLetters(raw: string): { letters: string[] } | { message: string } {
  const text = fold(raw).toUpperCase();
  if (!/^[A-Z](?:[\s,，、;；]*[A-Z])*$/.test(text)) return { message: `答案「${raw.trim()}」格式不正确，应为选项字母，如 A 或 A,C` };
  const letters = text.replace(/[\s,，、;；]/g, "").split("");
  const repeated = letters.find((l, i) => letters.indexOf(l) !== i);
  if (repeated) return { message: `答案字母 ${repeated} 重复` };
  return { letters: [...letters].sort() };
}

/** Splits on unescaped separators; a backslash makes the next character literal (25km\/h is one answer). */
function splitEscaped(text: string, separators: RegExp): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\\" && i + 1 < text.length) current += text[++i];
    else if (separators.test(char)) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** A 填空 answer: "119|火警/报警" → [["119"], ["火警", "报警"]]; backslash-escaped / and | are literal. */
export function parseBlanks(raw: string): { blanks: string[][] } | { message: string } {
  const blanks = splitBlankGroups(raw).map((blank) => splitEscaped(blank, /[/／]/).map((alt) => alt.trim()));
  for (const [i, alternatives] of blanks.entries()) {
    if (alternatives.every((a) => !a)) return { message: `答案中第 ${i + 1} 个空为空（各空用「|」分隔）` };
    if (alternatives.some((a) => !a)) return { message: `答案中第 ${i + 1} 个空有空白的备选答案（备选答案用「/」分隔）` };
  }
  return { blanks };
}

/** The blank groups of a 填空 answer, escapes kept for the second split. */
function splitBlankGroups(raw: string): string[] {
  const groups: string[] = [];
  let current = "";
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char === "\\" && i + 1 < raw.length) current += char + raw[++i];
    else if (char === "|" || char === "｜") {
      groups.push(current);
      current = "";
    } else current += char;
  }
  groups.push(current);
  return groups;
}

/** One accepted answer as written in the 答案 cell: separators and backslashes escaped. */
export function escapeBlankAnswer(answer: string): string {
  return answer.replace(/[\\|｜/／]/g, (c) => `\\${c}`);
}

/** 适用层级 names or codes → codes, in the order written. */
function parseTiers(raw: string, tiers: ReadonlyArray<{ code: string; name: string }>): { codes: string[] } | { message: string } {
  const codes: string[] = [];
  for (const part of fold(raw).split(/[,，、;；\s]+/)) {
    if (!part) continue;
    const tier = tiers.find((t) => fold(t.name) === part || t.code.toLowerCase() === part.toLowerCase());
    if (!tier) return { message: `适用层级「${part}」不存在，可选：${tiers.map((t) => `${t.name}（${t.code}）`).join("、")}` };
    if (!codes.includes(tier.code)) codes.push(tier.code);
  }
  return { codes };
}

/** Shared with the import plan, so Excel and text files report an unknown point alike. */
export const unknownPointMessage = (path: string) => `知识点「${path}」不在本题库的知识点中（可先在题库中添加，或勾选“自动新建知识点”）`;

const TAG_SEPARATOR = /[,，、;；]/;

/** 标签 cell → tags, trimmed, empty and repeated ones dropped. */
function splitTags(raw: string): string[] {
  return [...new Set(raw.split(TAG_SEPARATOR).map((t) => t.trim()).filter(Boolean))];
}

/** A knowledge point path, levels trimmed: " 安全生产法 / 法律责任 " → "安全生产法/法律责任". */
export function normalizeKnowledgePoint(raw: string): string {
  return raw
    .split(/[/／]/)
    .map((level) => level.trim())
    .filter(Boolean)
    .join("/");
}

/**
 * One data row as texts → a QuestionDraft, or every problem of the row. Options must be filled
 * from 选项A without gaps; the answer must refer to filled options only.
 */
export function validateQuestionRow(row: RowTexts, ctx: RowContext = {}): RowResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const typeText = fold(row.type ?? "");
  const type = TYPE_BY_TEXT.get(typeText) ?? TYPE_BY_TEXT.get(typeText.toLowerCase());
  if (!typeText) errors.push("题型为空");
  else if (!type) errors.push(`题型「${typeText}」无效，可选：${Object.values(QUESTION_TYPE_LABELS).join("、")}`);

  const stem = cleanText(row.stem);
  if (!stem) errors.push("题干为空");
  else if (stem.startsWith(EXAMPLE_MARK)) errors.push("这是模板中的示例行，请删除后再导入");

  const options = OPTION_LETTERS.map((letter) => cleanText(row[`option${letter}`]));
  const lastFilled = options.reduce((last, text, i) => (text ? i : last), -1);
  const answerRaw = cleanText(row.answer);
  const base: Record<string, unknown> = { stem, stemFormat: "plain" };

  const explanation = cleanText(row.explanation);
  if (explanation) base.explanation = explanation;

  const difficultyText = fold(row.difficulty ?? "");
  if (difficultyText) {
    const difficulty = Number(difficultyText);
    if (!/^[1-5](?:\.0+)?$/.test(difficultyText) || !Number.isInteger(difficulty)) errors.push(`难度「${difficultyText}」无效，应为 1–5 的整数`);
    else base.difficulty = difficulty;
  }

  const knowledgePoint = normalizeKnowledgePoint(row.knowledgePoint ?? "");
  if (knowledgePoint) {
    if (ctx.knownKnowledgePoints && !ctx.knownKnowledgePoints.has(knowledgePoint)) errors.push(unknownPointMessage(knowledgePoint));
    else base.knowledgePoint = knowledgePoint;
  }

  const tiersText = row.tiers ?? "";
  if (fold(tiersText)) {
    const tiers = parseTiers(tiersText, ctx.tiers ?? DEFAULT_TIERS);
    if ("message" in tiers) errors.push(tiers.message);
    else if (tiers.codes.length > 0) base.tiers = tiers.codes;
  }

  const source = cleanText(row.source);
  if (source) base.source = source;
  const tags = splitTags(row.tags ?? "");
  if (tags.length > 0) base.tags = tags;

  const rubric = cleanText(row.rubric);
  if (rubric && type && type !== "essay") warnings.push(`「评分要点」只用于简答题，${QUESTION_TYPE_LABELS[type]}题的评分要点已忽略`);

  let question: QuestionDraft | undefined;
  if (type === "single" || type === "multiple") {
    const gap = options.findIndex((text, i) => !text && i < lastFilled);
    if (gap >= 0) errors.push(`选项${OPTION_LETTERS[gap]}为空，但其后的选项${OPTION_LETTERS[lastFilled]}有内容（选项须从 A 起连续填写）`);
    const count = lastFilled + 1;
    if (count < 2) errors.push(`${QUESTION_TYPE_LABELS[type]}题至少需要 2 个选项（选项A、选项B…）`);
    if (!answerRaw) errors.push("答案为空");
    else {
      const parsed = parseAnswerLetters(answerRaw);
      if ("message" in parsed) errors.push(parsed.message);
      else {
        const outside = parsed.letters.filter((l) => l.charCodeAt(0) - 65 >= count);
        if (outside.length > 0) {
          errors.push(
            count > 0
              ? `答案 ${outside.join("、")} 超出已填写的选项（${count === 1 ? "A" : `A–${OPTION_LETTERS[count - 1]}`}）`
              : `答案 ${outside.join("、")} 没有对应的选项`,
          );
        } else if (type === "single" && parsed.letters.length > 1) {
          errors.push(`单选题只能有一个答案，实为 ${parsed.letters.join(",")}`);
        } else if (count >= 2 && gap < 0) {
          if (type === "multiple" && parsed.letters.length === 1) warnings.push("多选题只有一个正确答案");
          const choiceOptions: ChoiceOption[] = options
            .slice(0, count)
            .map((text, i) => ({ text, correct: parsed.letters.includes(OPTION_LETTERS[i]) }));
          question = { ...(base as { stem: string; stemFormat: "plain" }), type, options: choiceOptions };
        }
      }
    }
  } else if (type) {
    if (lastFilled >= 0) warnings.push(`${QUESTION_TYPE_LABELS[type]}题不使用选项列，选项已忽略`);
    if (type === "truefalse") {
      const value = fold(answerRaw).toUpperCase();
      if (!value) errors.push("答案为空");
      else if (TRUE_TEXTS.has(value)) question = { ...(base as { stem: string; stemFormat: "plain" }), type, answer: true };
      else if (FALSE_TEXTS.has(value)) question = { ...(base as { stem: string; stemFormat: "plain" }), type, answer: false };
      else errors.push(`判断题答案「${answerRaw}」无效，应为 对/错（也可写 正确/错误、√/×、T/F）`);
    } else if (type === "fill") {
      if (!answerRaw) errors.push("答案为空");
      else {
        const parsed = parseBlanks(answerRaw);
        if ("message" in parsed) errors.push(parsed.message);
        else {
          const markers = countBlankMarkers(stem);
          if (markers === 0) errors.push("填空题的题干中没有填空标记（用 ____ 或 （　） 标出每个空）");
          else if (markers !== parsed.blanks.length) {
            errors.push(`题干中有 ${markers} 处填空标记，答案却有 ${parsed.blanks.length} 个空（各空用「|」分隔）`);
          } else question = { ...(base as { stem: string; stemFormat: "plain" }), type, blanks: parsed.blanks };
        }
      }
    } else {
      const essay: QuestionDraft = { ...(base as { stem: string; stemFormat: "plain" }), type: "essay" };
      if (answerRaw) essay.referenceAnswer = answerRaw;
      if (rubric) essay.rubric = rubric;
      question = essay;
    }
  }
  if (errors.length > 0 || !question) return { errors: errors.length > 0 ? errors : ["无法识别此行"], warnings };
  return { question, warnings };
}

const TRUE_LABEL = "对";
const FALSE_LABEL = "错";

/** The cells of one export row, by column key (texts, and 难度 as a number). */
export function questionRowValues(question: QuestionDraft, tiers = DEFAULT_TIERS): Partial<Record<ColumnKey, string | number>> {
  const values: Partial<Record<ColumnKey, string | number>> = {
    type: QUESTION_TYPE_LABELS[question.type],
    stem: question.stem,
  };
  if (question.explanation) values.explanation = question.explanation;
  if (question.difficulty !== undefined) values.difficulty = question.difficulty;
  if (question.knowledgePoint) values.knowledgePoint = question.knowledgePoint;
  if (question.tiers?.length) values.tiers = question.tiers.map((code) => tiers.find((t) => t.code === code)?.name ?? code).join("、");
  if (question.source) values.source = question.source;
  if (question.tags?.length) values.tags = question.tags.join("、");
  switch (question.type) {
    case "single":
    case "multiple":
      question.options.slice(0, OPTION_LETTERS.length).forEach((option, i) => {
        values[`option${OPTION_LETTERS[i]}`] = option.text;
      });
      values.answer = question.options.flatMap((o, i) => (o.correct ? [OPTION_LETTERS[i] ?? "?"] : [])).join(",");
      break;
    case "truefalse":
      values.answer = question.answer ? TRUE_LABEL : FALSE_LABEL;
      break;
    case "fill":
      values.answer = question.blanks.map((alternatives) => alternatives.map(escapeBlankAnswer).join("/")).join("|");
      break;
    case "essay":
      if (question.referenceAnswer) values.answer = question.referenceAnswer;
      if (question.rubric) values.rubric = question.rubric;
      break;
  }
  return values;
}

/**
 * What writing this question to the Excel template would lose or change, in Chinese; empty when
 * a write → read round trip gives the question back unchanged.
 */
export function excelLosses(question: QuestionDraft, ctx: RowContext = {}): string[] {
  const lost: string[] = [];
  const tiers = ctx.tiers ?? DEFAULT_TIERS;
  if (question.title) lost.push("标题（Excel 模板没有标题列）");
  if (question.stemFormat !== "plain") lost.push(`题干格式 ${question.stemFormat}（Excel 中按纯文本保存）`);
  if (question.tags?.some((t) => TAG_SEPARATOR.test(t) || t !== t.trim() || !t)) lost.push("标签中的分隔符（, ， 、 ;）或首尾空白");
  if (question.tags && new Set(question.tags).size !== question.tags.length) lost.push("重复的标签");
  if (question.source !== undefined && question.source !== cleanText(question.source)) lost.push("法规条款首尾的空白");
  if (question.stem !== cleanText(question.stem)) lost.push("题干首尾的空白或 \\r 换行");
  if (question.explanation && question.explanation !== cleanText(question.explanation)) {
    lost.push("解析首尾的空白");
  }
  if (question.difficulty !== undefined && !(Number.isInteger(question.difficulty) && question.difficulty >= 1 && question.difficulty <= 5)) {
    lost.push(`难度 ${question.difficulty}（只能是 1–5 的整数）`);
  }
  if (question.knowledgePoint && question.knowledgePoint !== normalizeKnowledgePoint(question.knowledgePoint)) {
    lost.push("知识点中的空白或空层级");
  }
  if (question.tiers) {
    const unknown = question.tiers.filter((code) => !tiers.some((t) => t.code === code));
    if (unknown.length > 0) lost.push(`未知的适用层级 ${unknown.join("、")}`);
    if (question.tiers.length === 0) lost.push("空的适用层级列表");
    if (new Set(question.tiers).size !== question.tiers.length) lost.push("重复的适用层级");
  }
  const empty: string[] = (["explanation", "knowledgePoint"] as const).filter((key) => question[key] === "");
  if (question.type === "essay") empty.push(...(["referenceAnswer", "rubric"] as const).filter((key) => question[key] === ""));
  if (empty.length > 0) lost.push(`空字符串（${empty.join("、")}）读回时为未填写`);
  if (!question.stem.trim()) lost.push("空题干，导入时会报错");
  const texts: string[] = [question.stem, question.explanation ?? ""];
  switch (question.type) {
    case "single":
    case "multiple": {
      if (question.options.length > OPTION_LETTERS.length) lost.push(`第 ${OPTION_LETTERS.length + 1} 个及以后的选项（模板只有选项A–H）`);
      if (question.options.some((o) => o.feedback)) lost.push("选项反馈");
      if (question.options.some((o) => o.weight !== undefined)) lost.push("选项分值比例");
      if (question.options.some((o) => o.text !== cleanText(o.text) || !o.text)) lost.push("选项首尾的空白或空选项");
      const correct = question.options.filter((o) => o.correct).length;
      if (question.options.length < 2) lost.push("选项少于 2 个，导入时会报错");
      if (correct === 0) lost.push("没有正确选项，导入时会报错");
      if (question.type === "single" && correct > 1) lost.push("单选题有多个正确选项，导入时会报错");
      texts.push(...question.options.map((o) => o.text));
      break;
    }
    case "truefalse":
      if (question.trueFeedback || question.falseFeedback) lost.push("判断题的对/错反馈");
      break;
    case "fill": {
      const flat = question.blanks.flat();
      if (flat.some((a) => a !== a.trim() || !a) || question.blanks.some((b) => b.length === 0)) lost.push("填空答案首尾的空白或空答案");
      if (countBlankMarkers(question.stem) !== question.blanks.length) {
        lost.push(`题干中的填空标记（${countBlankMarkers(question.stem)} 处）与空数（${question.blanks.length}）不一致，导入时会报错`);
      }
      texts.push(question.blanks.map((b) => b.map(escapeBlankAnswer).join("/")).join("|"));
      break;
    }
    case "essay":
      if (question.referenceAnswer && question.referenceAnswer !== cleanText(question.referenceAnswer)) lost.push("参考答案首尾的空白");
      if (question.rubric && question.rubric !== cleanText(question.rubric)) lost.push("评分要点首尾的空白");
      texts.push(question.referenceAnswer ?? "", question.rubric ?? "");
      break;
  }
  if (texts.some((t) => t.length > MAX_CELL_CHARS)) lost.push(`超过 ${MAX_CELL_CHARS} 字的内容（Excel 单元格上限）`);
  return lost;
}
