// What a taker submits for one question, by type, and its validation against the frozen question
// version. Choice answers name options by their ORIGINAL index in the version: the per-attempt
// display order is only a permutation for rendering, so a stored answer stays meaningful when the
// attempt is regraded or reviewed. Pure: no I/O.
import { z } from "zod";
import type { QuestionContent } from "~/modules/questions/content";
import type { QuestionType } from "~/modules/questions/model";

export const MAX_ESSAY_LENGTH = 5000;
export const MAX_BLANK_LENGTH = 200;

// The object-level message covers a payload that is not an object at all (null, a bare string).
const shape = { error: "答案格式不正确" };
const optionIndex = z.number({ error: "请选择选项" }).int("选项序号必须是整数").min(0, "选项序号不能为负数");

export const singleAnswerSchema = z.object({ choice: optionIndex }, shape);
// The cap only stops absurd payloads early; the real bound is the question's option count.
export const multipleAnswerSchema = z.object({ choices: z.array(optionIndex, { error: "请选择选项" }).max(64, "选项过多") }, shape);
export const trueFalseAnswerSchema = z.object({ value: z.boolean({ error: "请选择“对”或“错”" }) }, shape);
const blank = z.string({ error: "填空答案必须是文字" }).max(MAX_BLANK_LENGTH, `每空不能超过 ${MAX_BLANK_LENGTH} 字`);
export const fillAnswerSchema = z.object({ blanks: z.array(blank, { error: "填空答案格式不正确" }) }, shape);
const essayText = z.string({ error: "作答内容必须是文字" }).max(MAX_ESSAY_LENGTH, `作答内容不能超过 ${MAX_ESSAY_LENGTH} 字`);
export const essayAnswerSchema = z.object({ text: essayText }, shape);

export type SingleAnswer = z.output<typeof singleAnswerSchema>;
export type MultipleAnswer = z.output<typeof multipleAnswerSchema>;
export type TrueFalseAnswer = z.output<typeof trueFalseAnswerSchema>;
export type FillAnswer = z.output<typeof fillAnswerSchema>;
export type EssayAnswer = z.output<typeof essayAnswerSchema>;

export interface AnswerByType {
  single: SingleAnswer;
  multiple: MultipleAnswer;
  truefalse: TrueFalseAnswer;
  fill: FillAnswer;
  essay: EssayAnswer;
}
/** The shapes carry no type tag: the frozen version says the type, and each shape has its own key. */
export type Answer = AnswerByType[QuestionType];

export const answerSchemas = {
  single: singleAnswerSchema,
  multiple: multipleAnswerSchema,
  truefalse: trueFalseAnswerSchema,
  fill: fillAnswerSchema,
  essay: essayAnswerSchema,
} as const;

export type ParsedAnswer<T extends QuestionType> = { ok: true; answer: AnswerByType[T] } | { ok: false; error: string };

/**
 * Validates a submitted answer for `question` (the frozen version). Multiple-choice indexes come
 * back de-duplicated and sorted so equal selections store equally. Errors are Chinese, for the
 * taker: an index outside the question's options, a wrong number of blanks, an over-long essay.
 */
export function parseAnswer<T extends QuestionType>(type: T, raw: unknown, question: QuestionContent): ParsedAnswer<T> {
  if (question.type !== type) return { ok: false, error: "答案与题型不符" };
  const parsed = answerSchemas[type].safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "答案格式不正确" };
  const answer = parsed.data as Answer;
  const problem = problemWith(question, answer);
  if (problem) return { ok: false, error: problem };
  if ("choices" in answer) return { ok: true, answer: { choices: [...new Set(answer.choices)].sort((a, b) => a - b) } as AnswerByType[T] };
  return { ok: true, answer: answer as AnswerByType[T] };
}

function problemWith(question: QuestionContent, answer: Answer): string | null {
  if (question.type === "single" || question.type === "multiple") {
    const count = question.options.length;
    const indexes = "choice" in answer ? [answer.choice] : "choices" in answer ? answer.choices : [];
    if (indexes.some((i) => i >= count)) return `所选选项不存在（本题共 ${count} 个选项）`;
  }
  if (question.type === "fill" && "blanks" in answer && answer.blanks.length !== question.blanks.length) {
    return `本题有 ${question.blanks.length} 个空，提交了 ${answer.blanks.length} 个`;
  }
  return null;
}

/** Whether the taker gave anything: a choice, at least one option, one non-blank blank, non-blank text. */
export function isAnswered(answer: Answer | null | undefined): boolean {
  if (!answer) return false;
  if ("choice" in answer) return Number.isInteger(answer.choice);
  if ("choices" in answer) return answer.choices.length > 0;
  if ("value" in answer) return typeof answer.value === "boolean";
  // trim() also strips U+3000 and the other Unicode spaces a Chinese IME may leave behind.
  if ("blanks" in answer) return answer.blanks.some((b) => b.trim() !== "");
  // Stored rows are re-read before grading and analysis: a corrupt shape counts as no answer.
  return "text" in answer && typeof answer.text === "string" && answer.text.trim() !== "";
}

/** A stored answer row's JSON as an answer; missing or unreadable JSON counts as unanswered. */
export function parseStoredAnswer(json: string | undefined): Answer | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Answer | null;
  } catch {
    return null;
  }
}
