// The question form of the new and edit pages: its posted fields ↔ QuestionContent. Pure, so
// the form component, the routes and the unit tests share the field names and the rules. Every
// value is kept as typed (strings) so a refused form is shown again exactly as it was posted.
//
// Fields: type; stem and explanation (rich-text JSON in hidden inputs); option0…option7 with a
// checkbox correct0…correct7 (多选) or one radio `correct` holding the row index (单选); `answer`
// (判断: "true"/"false"); `blanks` (填空: one line per blank, alternatives split by "/");
// referenceAnswer and rubric (简答); difficulty; knowledgePoint (the bank's points) or
// newKnowledgePoint (a path typed in); tiers (checkboxes); source; tags; status (new only); note
// (edit only). Parts of imported questions the form has no control for (GIFT title, option
// feedback and weights, 判断 feedback) ride along in hidden fields so an edit never drops them.
import { z } from "zod";
import { docToPlain, plainToDoc } from "~/modules/richtext/plain";
import { plainText, isEmptyDoc } from "~/modules/richtext/render";
import { richDocJsonSchema, type RichDoc } from "~/modules/richtext/schema";
import { contentProblems, countBlanks, MAX_OPTIONS, normalizeForMatch, QUESTION_TYPES, questionContentSchema, type QuestionContent } from "./content";
import type { QuestionType } from "./model";

export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;
/** Option rows shown at once; the rest wait in a <details> (all MAX_OPTIONS are always rendered). */
export const VISIBLE_OPTION_ROWS = 4;
/** The same limits as store.server.ts cleanTags, checked here to report them instead of dropping tags. */
export const MAX_TAG_LENGTH = 50;
export const MAX_TAGS = 20;
/** The same limits as knowledge-points.server.ts splitPointPath (a .server module the browser cannot import). */
export const MAX_POINT_DEPTH = 4;
export const MAX_POINT_NAME = 100;
export const MAX_NOTE_LENGTH = 200;
export const NEW_STATUSES = ["draft", "published"] as const;
export type NewQuestionStatus = (typeof NEW_STATUSES)[number];

/** Which form sections each type reads (the others are shown without JavaScript but ignored). */
export const SECTION_TYPES = {
  options: ["single", "multiple"],
  truefalse: ["truefalse"],
  fill: ["fill"],
  essay: ["essay"],
} as const satisfies Record<string, readonly QuestionType[]>;

export const optionField = (i: number) => `option${i}`;
export const correctField = (i: number) => `correct${i}`;
export const weightField = (i: number) => `weight${i}`;
export const feedbackField = (i: number) => `feedback${i}`;
/** Error key of an option row, as used by parseQuestionForm and shown next to that row. */
export const optionErrorKey = (i: number) => `options.${i}.text`;

/** The form as posted. Arrays of option rows always have MAX_OPTIONS entries. */
export interface QuestionFormValues {
  type: string;
  title: string;
  stem: string;
  options: string[];
  /** 多选: the checkbox of each row. */
  correct: boolean[];
  /** 单选: the index of the chosen row, as posted ("" when none). */
  singleCorrect: string;
  weights: string[];
  feedbacks: string[];
  /** 判断: "true" or "false". */
  answer: string;
  trueFeedback: string;
  falseFeedback: string;
  blanks: string;
  referenceAnswer: string;
  rubric: string;
  explanation: string;
  difficulty: string;
  knowledgePoint: string;
  newKnowledgePoint: string;
  tiers: string[];
  source: string;
  tags: string;
  status: string;
  note: string;
}

const rows = <T>(fill: (i: number) => T): T[] => Array.from({ length: MAX_OPTIONS }, (_, i) => fill(i));

export function emptyQuestionFormValues(type: QuestionType = "single"): QuestionFormValues {
  return {
    type,
    title: "",
    stem: "",
    options: rows(() => ""),
    correct: rows(() => false),
    singleCorrect: "",
    weights: rows(() => ""),
    feedbacks: rows(() => ""),
    answer: "",
    trueFeedback: "",
    falseFeedback: "",
    blanks: "",
    referenceAnswer: "",
    rubric: "",
    explanation: "",
    difficulty: "",
    knowledgePoint: "",
    newKnowledgePoint: "",
    tiers: [],
    source: "",
    tags: "",
    status: "draft",
    note: "",
  };
}

/** The plain text a rich-text field holds, for the textarea that stands in for the editor without JavaScript. */
export function docPlainText(json: string): string {
  if (!json) return "";
  const parsed = richDocJsonSchema.safeParse(json);
  return parsed.success ? docToPlain(parsed.data) : "";
}

/**
 * The document a rich-text field posted. Without JavaScript the editor cannot run, and a plain
 * textarea (`<name>Text`, inside <noscript>) is posted beside the unchanged JSON: when its text
 * differs from the document's, it replaces the document (formatting is lost, as its hint says).
 */
function postedDoc(form: FormData, name: string): string {
  const json = form.get(name);
  const jsonText = typeof json === "string" ? json : "";
  const typed = form.get(`${name}Text`);
  if (typeof typed !== "string") return jsonText;
  if (clean(typed) === clean(docPlainText(jsonText))) return jsonText;
  return clean(typed) ? JSON.stringify(plainToDoc(typed)) : "";
}

/** The posted form as values (files and unknown fields ignored). */
export function readQuestionForm(form: FormData): QuestionFormValues {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  return {
    type: text("type"),
    title: text("title"),
    stem: postedDoc(form, "stem"),
    options: rows((i) => text(optionField(i))),
    correct: rows((i) => form.has(correctField(i))),
    singleCorrect: text("correct"),
    weights: rows((i) => text(weightField(i))),
    feedbacks: rows((i) => text(feedbackField(i))),
    answer: text("answer"),
    trueFeedback: text("trueFeedback"),
    falseFeedback: text("falseFeedback"),
    blanks: text("blanks"),
    referenceAnswer: text("referenceAnswer"),
    rubric: text("rubric"),
    explanation: postedDoc(form, "explanation"),
    difficulty: text("difficulty"),
    knowledgePoint: text("knowledgePoint"),
    newKnowledgePoint: text("newKnowledgePoint"),
    tiers: form.getAll("tiers").filter((v): v is string => typeof v === "string"),
    source: text("source"),
    tags: text("tags"),
    status: text("status"),
    note: text("note"),
  };
}

/** Tags typed in one field: separated by commas (half- or full-width), 、, semicolons or lines. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\n\r]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** A knowledge-point path as typed → levels trimmed and joined by "/" ("" when nothing). */
export function normalizePointPath(text: string): string {
  return text
    .split(/[/／]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join("/");
}

// An alternative that itself contains "/" is written "\/" in the blanks field.
const ALTERNATIVE_SEPARATOR = /(?<!\\)[/／]/;

/**
 * The 填空 answers field: one line per blank, in the order of the ____ markers in the stem;
 * accepted alternatives of one blank separated by "/" ("火警/报警"). Blank lines are skipped.
 */
export function parseBlankLines(text: string): string[][] {
  return text
    .split(/\r?\n|\r/)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(ALTERNATIVE_SEPARATOR).map((alt) => alt.replace(/\\([/／])/g, "$1").trim()));
}

export function formatBlankLines(blanks: readonly (readonly string[])[]): string {
  return blanks.map((alternatives) => alternatives.map((a) => a.replace(/[/／]/g, (s) => `\\${s}`)).join("/")).join("\n");
}

/** Blank markers (____ or （ ）) in a stem document, for the form's "N 处填空" hint. */
export function stemBlankCount(doc: unknown): number {
  return countBlanks(plainText(doc));
}

/** The rich-text documents of the posted form, for showing it again (null when unreadable or blank). */
export function formDocs(values: Pick<QuestionFormValues, "stem" | "explanation">): { stem: RichDoc | null; explanation: RichDoc | null } {
  const read = (json: string) => {
    if (!json) return null;
    const parsed = richDocJsonSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  };
  return { stem: read(values.stem), explanation: read(values.explanation) };
}

export interface ParsedQuestionForm {
  content: QuestionContent;
  tags: string[];
  /** New questions only. */
  status: NewQuestionStatus;
  note: string;
}

export type QuestionFormResult = { ok: true; question: ParsedQuestionForm } | { ok: false; errors: Record<string, string> };

export interface QuestionFormContext {
  /** "new" reads the status; "edit" reads the change note. */
  mode: "new" | "edit";
  /** Tier codes a question may name: active tiers plus those it already has. */
  tierCodes: readonly string[];
}

const FIELD_LABELS: Record<string, string> = {
  type: "题型",
  title: "标题",
  stem: "题干",
  options: "选项",
  answer: "答案",
  blanks: "填空答案",
  referenceAnswer: "参考答案",
  rubric: "评分要点",
  explanation: "解析",
  difficulty: "难度",
  knowledgePoint: "知识点",
  tiers: "适用层级",
  source: "法规条款",
  trueFeedback: "判断反馈",
  falseFeedback: "判断反馈",
};

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);
const clean = (text: string) => text.replace(/\r\n?/g, "\n").trim();

/** The error key of a content-schema path: options.<i>.text for anything inside an option row. */
function keyOfPath(path: readonly PropertyKey[]): string {
  const [head, index] = path;
  if (head === "options" && typeof index === "number") return optionErrorKey(index);
  return head === undefined ? "_form" : String(head);
}

/** Where the messages of contentProblems belong. */
function keyOfProblem(message: string): string {
  if (message.startsWith("题干")) return message.includes("填空") ? "blanks" : "stem";
  if (message.includes("正确选项")) return "answer";
  if (message.includes("选项")) return "options";
  return "_form";
}

/**
 * The form → content, tags, status and note; or one Chinese message per field key (`stem`,
 * `options.2.text`, `answer`, `blanks`…). Only the chosen type's section is read.
 */
export function parseQuestionForm(values: QuestionFormValues, ctx: QuestionFormContext): QuestionFormResult {
  const errors: Record<string, string> = {};
  const fail = (key: string, message: string) => {
    errors[key] ??= message;
  };
  const type = (QUESTION_TYPES as readonly string[]).includes(values.type) ? (values.type as QuestionType) : null;
  if (!type) fail("type", "请选择题型");

  const raw: Record<string, unknown> = { type: type ?? "single", tiers: [] };

  const title = clean(values.title);
  if (title.length > 200) fail("title", "标题最多 200 字");
  else if (title) raw.title = title;

  const stem = richDocJsonSchema.safeParse(values.stem);
  if (!stem.success) fail("stem", values.stem.trim() ? (stem.error.issues[0]?.message ?? "题干格式无效").replace(/正文/g, "题干") : "请填写题干");
  else if (isEmptyDoc(stem.data)) fail("stem", "请填写题干");
  else raw.stem = stem.data;

  if (values.explanation.trim()) {
    const explanation = richDocJsonSchema.safeParse(values.explanation);
    if (!explanation.success) fail("explanation", (explanation.error.issues[0]?.message ?? "解析格式无效").replace(/正文/g, "解析"));
    else if (!isEmptyDoc(explanation.data)) raw.explanation = explanation.data;
  }

  const difficulty = values.difficulty.trim();
  if (difficulty) {
    if (/^[1-5]$/.test(difficulty)) raw.difficulty = Number(difficulty);
    else fail("difficulty", "难度应为 1–5（1 最易），或不设");
  }

  const typedPoint = values.newKnowledgePoint.trim() !== "";
  const point = normalizePointPath(typedPoint ? values.newKnowledgePoint : values.knowledgePoint);
  if (typedPoint && !point) fail("knowledgePoint", "新知识点不能只有“/”，请填写名称，如：安全生产法/法律责任");
  else if (point) {
    const levels = point.split("/");
    if (levels.length > MAX_POINT_DEPTH) fail("knowledgePoint", `知识点最多 ${MAX_POINT_DEPTH} 级`);
    else if (levels.some((l) => l.length > MAX_POINT_NAME)) fail("knowledgePoint", `知识点每级名称不能超过 ${MAX_POINT_NAME} 字`);
    else raw.knowledgePoint = point;
  }

  const tiers = [...new Set(values.tiers.map((t) => t.trim()).filter(Boolean))];
  const unknownTier = tiers.find((t) => !ctx.tierCodes.includes(t));
  if (unknownTier) fail("tiers", `适用层级「${unknownTier}」不存在，请刷新页面后重新选择`);
  else raw.tiers = tiers;

  const source = clean(values.source);
  if (source.length > 500) fail("source", "法规条款最多 500 字");
  else if (source) raw.source = source;

  if (type === "single" || type === "multiple") readOptions(values, type, raw, fail);
  else if (type === "truefalse") readTrueFalse(values, raw, fail);
  else if (type === "fill") readBlanks(values, raw, fail);
  else if (type === "essay") readEssay(values, raw, fail);

  const tags = splitTags(values.tags);
  const longTag = tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (longTag) fail("tags", `标签「${longTag.slice(0, 20)}…」超过 ${MAX_TAG_LENGTH} 字`);
  else if (tags.length > MAX_TAGS) fail("tags", `标签最多 ${MAX_TAGS} 个`);

  const status = NEW_STATUSES.find((s) => s === values.status);
  if (ctx.mode === "new" && !status) fail("status", "请选择保存为草稿还是直接发布");

  const note = clean(values.note);
  if (ctx.mode === "edit" && note.length > MAX_NOTE_LENGTH) fail("note", `修改说明最多 ${MAX_NOTE_LENGTH} 字`);

  if (!type) return { ok: false, errors };
  const parsed = questionContentSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = keyOfPath(issue.path);
      const label = key.startsWith("options.") ? `选项${OPTION_LETTERS[Number(key.split(".")[1])] ?? ""}` : (FIELD_LABELS[key] ?? "内容");
      fail(key, hasChinese(issue.message) ? issue.message : `${label}不符合要求，请检查`);
    }
  } else {
    for (const message of contentProblems(parsed.data)) {
      const key = keyOfProblem(message);
      // A stem without any marker is already reported on the stem itself.
      if (key === "blanks" && errors.stem) continue;
      fail(key, message);
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, question: { content: parsed.data, tags, status: status ?? "draft", note: ctx.mode === "edit" ? note : "" } };
}

type Fail = (key: string, message: string) => void;

function readOptions(values: QuestionFormValues, type: "single" | "multiple", raw: Record<string, unknown>, fail: Fail) {
  const texts = values.options.map(clean);
  const last = texts.reduce((found, text, i) => (text ? i : found), -1);
  for (let i = 0; i < last; i++) {
    if (!texts[i]) fail(optionErrorKey(i), `选项${OPTION_LETTERS[i]}为空，但其后的选项${OPTION_LETTERS[last]}已填写；请填写，或把后面的选项上移`);
  }
  if (last < 1) fail("options", "请至少填写 2 个选项（从选项A起填写）");
  texts.forEach((text, i) => {
    if (text.length > 2000) fail(optionErrorKey(i), `选项${OPTION_LETTERS[i]}最多 2000 字`);
    const same = text ? texts.findIndex((other, j) => j < i && other && normalizeForMatch(other) === normalizeForMatch(text)) : -1;
    if (same >= 0) fail(optionErrorKey(i), `选项${OPTION_LETTERS[i]}与选项${OPTION_LETTERS[same]}内容相同`);
  });

  let correct: boolean[];
  if (type === "single") {
    const chosen = values.singleCorrect.trim();
    const index = /^[0-9]$/.test(chosen) ? Number(chosen) : -1;
    if (chosen === "") fail("answer", "请选择正确答案（点选正确选项前的圆圈）");
    else if (index < 0 || index >= values.options.length) fail("answer", "正确答案无效，请重新选择");
    else if (!texts[index]) fail("answer", `正确答案选项${OPTION_LETTERS[index]}没有内容，请重新选择`);
    correct = texts.map((_, i) => i === index);
  } else {
    correct = values.correct.map(Boolean);
    const emptyMarked = correct.findIndex((c, i) => c && !texts[i]);
    if (emptyMarked >= 0) fail("answer", `选项${OPTION_LETTERS[emptyMarked]}被勾选为正确，但没有内容`);
    else if (!correct.some(Boolean)) fail("answer", "请至少勾选一个正确选项");
  }

  raw.options = texts.slice(0, Math.max(last + 1, 0)).map((text, i) => {
    const option: Record<string, unknown> = { text, correct: correct[i] ?? false };
    const weight = values.weights[i]?.trim() ?? "";
    if (weight) {
      if (/^-?\d{1,3}$/.test(weight) && Math.abs(Number(weight)) <= 100) option.weight = Number(weight);
      else fail(optionErrorKey(i), `选项${OPTION_LETTERS[i]}的分值比例无效`);
    }
    const feedback = clean(values.feedbacks[i] ?? "");
    if (feedback) option.feedback = feedback;
    return option;
  });
}

function readTrueFalse(values: QuestionFormValues, raw: Record<string, unknown>, fail: Fail) {
  if (values.answer === "true" || values.answer === "false") raw.answer = values.answer === "true";
  else fail("answer", "请选择本题的说法是“正确”还是“错误”");
  const trueFeedback = clean(values.trueFeedback);
  const falseFeedback = clean(values.falseFeedback);
  if (trueFeedback) raw.trueFeedback = trueFeedback;
  if (falseFeedback) raw.falseFeedback = falseFeedback;
}

function readBlanks(values: QuestionFormValues, raw: Record<string, unknown>, fail: Fail) {
  const blanks = parseBlankLines(values.blanks);
  if (blanks.length === 0) {
    fail("blanks", "请填写每个空的答案（每行一个空）");
    return;
  }
  const emptyAlternative = blanks.findIndex((alternatives) => alternatives.some((a) => !a));
  if (emptyAlternative >= 0) fail("blanks", `第 ${emptyAlternative + 1} 行（第 ${emptyAlternative + 1} 个空）有空白的备选答案，备选答案之间用一个“/”分隔`);
  if (blanks.length > 20) fail("blanks", "填空题最多 20 个空");
  const crowded = blanks.findIndex((alternatives) => alternatives.length > 20);
  if (crowded >= 0) fail("blanks", `第 ${crowded + 1} 个空的备选答案最多 20 个`);
  const long = blanks.findIndex((alternatives) => alternatives.some((a) => a.length > 200));
  if (long >= 0) fail("blanks", `第 ${long + 1} 个空的答案过长（每个答案最多 200 字）`);
  const stem = raw.stem as RichDoc | undefined;
  if (stem && stemBlankCount(stem) === 0) {
    fail("stem", "填空题的题干中没有填空标记：请用 ____（4 个以上下划线）或（　）标出每个空");
  }
  raw.blanks = blanks;
}

function readEssay(values: QuestionFormValues, raw: Record<string, unknown>, fail: Fail) {
  const referenceAnswer = clean(values.referenceAnswer);
  const rubric = clean(values.rubric);
  if (referenceAnswer.length > 10_000) fail("referenceAnswer", "参考答案最多 10000 字");
  else if (referenceAnswer) raw.referenceAnswer = referenceAnswer;
  if (rubric.length > 10_000) fail("rubric", "评分要点最多 10000 字");
  else if (rubric) raw.rubric = rubric;
}

/** A stored question → the form's initial values (the edit page). */
export function contentToFormValues(content: QuestionContent, tags: readonly string[] = []): QuestionFormValues {
  const values = emptyQuestionFormValues(content.type);
  values.title = content.title ?? "";
  values.stem = JSON.stringify(content.stem);
  values.explanation = content.explanation ? JSON.stringify(content.explanation) : "";
  values.difficulty = content.difficulty === undefined ? "" : String(content.difficulty);
  values.knowledgePoint = content.knowledgePoint ?? "";
  values.tiers = [...content.tiers];
  values.source = content.source ?? "";
  values.tags = tags.join("、");
  values.status = "";
  switch (content.type) {
    case "single":
    case "multiple": {
      content.options.slice(0, MAX_OPTIONS).forEach((o, i) => {
        values.options[i] = o.text;
        values.correct[i] = o.correct;
        values.weights[i] = o.weight === undefined ? "" : String(o.weight);
        values.feedbacks[i] = o.feedback ?? "";
      });
      const marked = content.options.flatMap((o, i) => (o.correct ? [i] : []));
      // Also for 多选 with one key, so switching the type to 单选 keeps the answer.
      values.singleCorrect = marked.length === 1 ? String(marked[0]) : "";
      break;
    }
    case "truefalse":
      values.answer = String(content.answer);
      values.trueFeedback = content.trueFeedback ?? "";
      values.falseFeedback = content.falseFeedback ?? "";
      break;
    case "fill":
      values.blanks = formatBlankLines(content.blanks);
      break;
    case "essay":
      values.referenceAnswer = content.referenceAnswer ?? "";
      values.rubric = content.rubric ?? "";
      break;
  }
  return values;
}

/** The values as FormData, the way a browser would post them (tests, and a round-trip check). */
export function formValuesToFormData(values: QuestionFormValues): FormData {
  const form = new FormData();
  const scalar: Array<keyof QuestionFormValues> = [
    "type",
    "title",
    "stem",
    "answer",
    "trueFeedback",
    "falseFeedback",
    "blanks",
    "referenceAnswer",
    "rubric",
    "explanation",
    "difficulty",
    "knowledgePoint",
    "newKnowledgePoint",
    "source",
    "tags",
    "status",
    "note",
  ];
  for (const key of scalar) form.set(key, values[key] as string);
  values.options.forEach((text, i) => {
    form.set(optionField(i), text);
    if (values.correct[i]) form.set(correctField(i), "on");
    form.set(weightField(i), values.weights[i] ?? "");
    form.set(feedbackField(i), values.feedbacks[i] ?? "");
  });
  if (values.singleCorrect !== "") form.set("correct", values.singleCorrect);
  for (const tier of values.tiers) form.append("tiers", tier);
  return form;
}

/** Tier codes a question may name: the active tiers, and any the question already has. */
export function allowedTierCodes(tiers: ReadonlyArray<{ code: string; active: boolean }>, current: readonly string[] = []): string[] {
  return [...new Set([...tiers.filter((t) => t.active).map((t) => t.code), ...current])];
}

export const bankPath = (bankId: number) => `/banks/${bankId}`;
export const questionPath = (bankId: number, questionId: number) => `/banks/${bankId}/questions/${questionId}`;

export const questionIdSchema = z.object({ id: z.coerce.number().int().positive(), qid: z.coerce.number().int().positive() });
