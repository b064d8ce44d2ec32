// The stored question: what one immutable version holds (stem and 解析 as rich-text documents,
// options, the key, metadata), its zod schema, and the conversions to and from the QuestionDraft
// that importers produce and exporters consume. Pure: no I/O.
import { z } from "zod";
import { richDocSchema, type RichDoc } from "~/modules/richtext/schema";
import { plainText, isEmptyDoc } from "~/modules/richtext/render";
import { docToText, textToDoc } from "~/modules/richtext/html";
import { docToPlain, isPlainDoc, plainToDoc } from "~/modules/richtext/plain";
import { docToMarkdown } from "~/modules/richtext/to-markdown";
import { canonicalJson, contentHash } from "~/modules/courses/content-hash";
import type { QuestionDraft, QuestionType, TextFormat } from "./model";

export const QUESTION_TYPES = ["single", "multiple", "truefalse", "fill", "essay"] as const satisfies readonly QuestionType[];
export const MAX_OPTIONS = 8;

const shortText = (max: number) => z.string().trim().max(max);

const optionSchema = z.object({
  text: shortText(2000).min(1, "选项内容不能为空"),
  correct: z.boolean(),
  weight: z.number().int().min(-100).max(100).optional(),
  feedback: shortText(2000).optional(),
});

const metadata = {
  title: shortText(200).optional(),
  stem: richDocSchema,
  explanation: richDocSchema.optional(),
  difficulty: z.number().int().min(1).max(5).optional(),
  knowledgePoint: shortText(400).optional(),
  tiers: z.array(z.string().min(1).max(32)).default([]),
  source: shortText(500).optional(),
};

export const questionContentSchema = z.discriminatedUnion("type", [
  z.object({ ...metadata, type: z.literal("single"), options: z.array(optionSchema).min(2).max(MAX_OPTIONS) }),
  z.object({ ...metadata, type: z.literal("multiple"), options: z.array(optionSchema).min(2).max(MAX_OPTIONS) }),
  z.object({
    ...metadata,
    type: z.literal("truefalse"),
    answer: z.boolean(),
    trueFeedback: shortText(2000).optional(),
    falseFeedback: shortText(2000).optional(),
  }),
  z.object({ ...metadata, type: z.literal("fill"), blanks: z.array(z.array(shortText(200).min(1)).min(1).max(20)).min(1).max(20) }),
  z.object({ ...metadata, type: z.literal("essay"), referenceAnswer: shortText(10_000).optional(), rubric: shortText(10_000).optional() }),
]);

export type QuestionContent = z.output<typeof questionContentSchema>;
export type ChoiceContent = Extract<QuestionContent, { type: "single" | "multiple" }>;

/** Rules the schema cannot say alone, as Chinese messages; empty when the question is sound. */
export function contentProblems(content: QuestionContent): string[] {
  const problems: string[] = [];
  if (isEmptyDoc(content.stem)) problems.push("题干不能为空");
  if (content.type === "single" || content.type === "multiple") {
    const correct = content.options.filter((o) => o.correct).length;
    if (correct === 0) problems.push("请至少标出一个正确选项");
    if (content.type === "single" && correct > 1) problems.push("单选题只能有一个正确选项");
    const texts = content.options.map((o) => normalizeForMatch(o.text));
    if (new Set(texts).size !== texts.length) problems.push("有两个选项内容相同");
  }
  if (content.type === "fill") {
    const markers = countBlanks(plainText(content.stem));
    if (markers !== content.blanks.length) problems.push(`题干中有 ${markers} 处填空标记（____），答案却有 ${content.blanks.length} 个空`);
  }
  return problems;
}

/** Blank markers in a 填空 stem, as the Excel template defines them. */
const BLANK_MARKER = /_{4,}|＿{2,}|[（(][ \u3000]*[）)]/g;
export function countBlanks(stemText: string): number {
  return stemText.match(BLANK_MARKER)?.length ?? 0;
}

/**
 * Text folded for duplicate detection: NFKC (full-width → half-width), lower case, every kind of
 * space and punctuation removed. (Grading 填空 answers is stricter: exams/grading.ts.)
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

/** Two questions are duplicates when type, normalised stem and the set of normalised options agree. */
export function duplicateKey(content: QuestionContent): string {
  const options = content.type === "single" || content.type === "multiple" ? content.options.map((o) => normalizeForMatch(o.text)).sort() : [];
  return contentHash({ type: content.type, stem: normalizeForMatch(plainText(content.stem)), options });
}

export function versionHash(content: QuestionContent): string {
  return contentHash(content);
}

export function serializeContent(content: QuestionContent): string {
  return canonicalJson(content);
}

export function parseStoredContent(json: string): QuestionContent {
  return questionContentSchema.parse(JSON.parse(json));
}

/** Everything a text search should find, one line each: stem, options, answers, 解析, source. */
export function searchTextOf(content: QuestionContent): string {
  const parts = [content.title ?? "", plainText(content.stem)];
  if (content.type === "single" || content.type === "multiple") parts.push(...content.options.map((o) => o.text));
  if (content.type === "fill") parts.push(content.blanks.map((b) => b.join(" ")).join(" "));
  if (content.type === "essay") parts.push(content.referenceAnswer ?? "");
  if (content.explanation) parts.push(plainText(content.explanation));
  parts.push(content.source ?? "");
  return parts.filter(Boolean).join("\n");
}

/** The correct answer in the notation of the Excel template: "A,C", 对/错, "119|火警/报警". */
export function answerSummary(content: QuestionContent): string {
  switch (content.type) {
    case "single":
    case "multiple":
      return content.options.flatMap((o, i) => (o.correct ? [String.fromCharCode(65 + i)] : [])).join(",");
    case "truefalse":
      return content.answer ? "对" : "错";
    case "fill":
      return content.blanks.map((b) => b.join("/")).join("|");
    case "essay":
      return content.referenceAnswer ?? "";
  }
}

/** Option/feedback text of a draft → plain text, noting a loss when formatting had to go. */
function plainOf(text: string, format: TextFormat, what: string, losses: string[]): string {
  if (format === "plain") return text.trim();
  const { doc, losses: more } = textToDoc(text, format);
  losses.push(...more);
  if (!isPlainDoc(doc)) losses.push(`${what}中的格式已转为纯文本`);
  return docToPlain(doc).trim() || plainText(doc);
}

/** An imported draft → stored content, with what the conversion could not keep (in Chinese). */
export function draftToContent(draft: QuestionDraft): { content: QuestionContent; losses: string[] } {
  const losses: string[] = [];
  const stem = textToDoc(draft.stem, draft.stemFormat);
  losses.push(...stem.losses);
  const base: Record<string, unknown> = { stem: stem.doc, tiers: draft.tiers ?? [] };
  if (draft.title) base.title = draft.title;
  if (draft.explanation) {
    const explanation = textToDoc(draft.explanation, draft.stemFormat);
    losses.push(...explanation.losses);
    if (!isEmptyDoc(explanation.doc)) base.explanation = explanation.doc;
  }
  if (draft.difficulty !== undefined) base.difficulty = draft.difficulty;
  if (draft.knowledgePoint) base.knowledgePoint = draft.knowledgePoint;
  if (draft.source) base.source = draft.source;
  const format = draft.stemFormat;
  let content: unknown;
  switch (draft.type) {
    case "single":
    case "multiple":
      content = {
        ...base,
        type: draft.type,
        options: draft.options.map((o, i) => {
          const letter = String.fromCharCode(65 + i);
          const option: Record<string, unknown> = { text: plainOf(o.text, format, `选项${letter}`, losses), correct: o.correct };
          if (o.weight !== undefined) option.weight = Math.round(o.weight);
          if (o.weight !== undefined && !Number.isInteger(o.weight)) losses.push(`选项${letter}的分值比例 ${o.weight}% 已取整`);
          if (o.feedback) option.feedback = plainOf(o.feedback, format, `选项${letter}的反馈`, losses);
          return option;
        }),
      };
      break;
    case "truefalse":
      content = { ...base, type: "truefalse", answer: draft.answer, ...optionalTexts({ trueFeedback: draft.trueFeedback, falseFeedback: draft.falseFeedback }, format, losses) };
      break;
    case "fill":
      content = { ...base, type: "fill", blanks: draft.blanks.map((b) => b.map((a) => a.trim())) };
      break;
    case "essay":
      content = { ...base, type: "essay", ...optionalTexts({ referenceAnswer: draft.referenceAnswer, rubric: draft.rubric }, "plain", losses) };
      break;
  }
  return { content: questionContentSchema.parse(content), losses };
}

function optionalTexts(texts: Record<string, string | undefined>, format: TextFormat, losses: string[]) {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(texts)) {
    if (value && value.trim()) out[key] = plainOf(value, format, "反馈", losses);
  }
  return out;
}

/**
 * Stored content → a draft for the exporters. Stem and 解析 go out as plain text when they have
 * no formatting, otherwise both as Markdown (with option texts escaped to match).
 */
export function contentToDraft(content: QuestionContent, tags: readonly string[] = []): QuestionDraft {
  const stem = docToText(content.stem);
  const explanation = content.explanation ? docToText(content.explanation) : null;
  const rich = stem.format === "markdown" || explanation?.format === "markdown";
  const format: TextFormat = rich ? "markdown" : "plain";
  const asText = (doc: RichDoc) => (rich ? docToMarkdown(doc) : docToPlain(doc));
  const inline = (text: string) => (rich ? docToMarkdown(plainToDoc(text)) : text);
  const base: Record<string, unknown> = { stem: asText(content.stem), stemFormat: format };
  if (content.title) base.title = content.title;
  if (content.explanation) base.explanation = asText(content.explanation);
  if (content.difficulty !== undefined) base.difficulty = content.difficulty;
  if (content.knowledgePoint) base.knowledgePoint = content.knowledgePoint;
  if (content.tiers.length > 0) base.tiers = [...content.tiers];
  if (content.source) base.source = content.source;
  if (tags.length > 0) base.tags = [...tags];
  switch (content.type) {
    case "single":
    case "multiple":
      return {
        ...(base as { stem: string; stemFormat: TextFormat }),
        type: content.type,
        options: content.options.map((o) => ({
          text: inline(o.text),
          correct: o.correct,
          ...(o.weight !== undefined ? { weight: o.weight } : {}),
          ...(o.feedback ? { feedback: inline(o.feedback) } : {}),
        })),
      };
    case "truefalse":
      return {
        ...(base as { stem: string; stemFormat: TextFormat }),
        type: "truefalse",
        answer: content.answer,
        ...(content.trueFeedback ? { trueFeedback: inline(content.trueFeedback) } : {}),
        ...(content.falseFeedback ? { falseFeedback: inline(content.falseFeedback) } : {}),
      };
    case "fill":
      return { ...(base as { stem: string; stemFormat: TextFormat }), type: "fill", blanks: content.blanks.map((b) => [...b]) };
    case "essay":
      return {
        ...(base as { stem: string; stemFormat: TextFormat }),
        type: "essay",
        ...(content.referenceAnswer ? { referenceAnswer: content.referenceAnswer } : {}),
        ...(content.rubric ? { rubric: content.rubric } : {}),
      };
  }
}

/** Which parts differ between two versions, in Chinese, for the history view. */
export function changedParts(before: QuestionContent, after: QuestionContent): string[] {
  const parts: Array<[string, (c: QuestionContent) => unknown]> = [
    ["题型", (c) => c.type],
    ["标题", (c) => c.title ?? ""],
    ["题干", (c) => c.stem],
    ["选项", (c) => ("options" in c ? c.options.map((o) => [o.text, o.weight, o.feedback]) : null)],
    ["答案", (c) => answerSummary(c)],
    ["解析", (c) => c.explanation ?? null],
    ["难度", (c) => c.difficulty ?? null],
    ["知识点", (c) => c.knowledgePoint ?? ""],
    ["适用层级", (c) => [...c.tiers].sort()],
    ["法规条款", (c) => c.source ?? ""],
    ["评分要点", (c) => (c.type === "essay" ? (c.rubric ?? "") : "")],
  ];
  return parts.filter(([, pick]) => canonicalJson(pick(before)) !== canonicalJson(pick(after))).map(([label]) => label);
}
