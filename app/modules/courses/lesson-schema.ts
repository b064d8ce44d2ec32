// The lesson form: title, minutes, the rich-text body (Tiptap JSON in a hidden input), an optional
// check question typed as separate fields, and the change note. Shared by the new and edit pages.
import { z } from "zod";
import { isEmptyDoc } from "~/modules/richtext/render";
import { richDocJsonSchema, type RichDoc } from "~/modules/richtext/schema";
import { checkQuestionSchema, type CheckQuestion } from "./check-question";

export const MIN_LESSON_MINUTES = 1;
export const MAX_LESSON_MINUTES = 600;
/** Option slots the form offers (checkQuestionSchema allows 2–8). */
export const CHECK_OPTION_SLOTS = 8;
export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;

const lessonFieldsSchema = z.object({
  title: z.string({ error: "请填写课时名称" }).trim().min(1, "请填写课时名称").max(200, "课时名称最多 200 字"),
  minutes: z.coerce
    .number({ error: `预计学习时长须为 ${MIN_LESSON_MINUTES}–${MAX_LESSON_MINUTES} 分钟的整数` })
    .int(`预计学习时长须为 ${MIN_LESSON_MINUTES}–${MAX_LESSON_MINUTES} 分钟的整数`)
    .min(MIN_LESSON_MINUTES, `预计学习时长至少 ${MIN_LESSON_MINUTES} 分钟`)
    .max(MAX_LESSON_MINUTES, `预计学习时长最多 ${MAX_LESSON_MINUTES} 分钟`),
  body: richDocJsonSchema.refine((doc) => !isEmptyDoc(doc), "请填写课时正文"),
  note: z.string().trim().max(255, "修改说明最多 255 字").default(""),
});

export const expectedRevisionSchema = z.coerce.number().int().positive();

/** The lesson form as posted, kept as typed so a failed save can show it again unchanged. */
export interface LessonFormValues {
  title: string;
  minutes: string;
  body: string;
  checkQuestion: string;
  /** Always CHECK_OPTION_SLOTS entries, empty ones included: the answer points at a slot. */
  checkOptions: string[];
  /** Index of the correct slot, as a string ("" when none chosen). */
  checkAnswer: string;
  checkExplanation: string;
  note: string;
}

export function lessonFormValues(form: FormData): LessonFormValues {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  const options = form.getAll("checkOptions").map((v) => (typeof v === "string" ? v : ""));
  return {
    title: text("title"),
    minutes: text("minutes"),
    body: text("body"),
    checkQuestion: text("checkQuestion"),
    checkOptions: Array.from({ length: CHECK_OPTION_SLOTS }, (_, i) => options[i] ?? ""),
    checkAnswer: text("checkAnswer"),
    checkExplanation: text("checkExplanation"),
    note: text("note"),
  };
}

/** The form's check-question fields for a stored question (or blank ones). */
export function checkQuestionValues(question: CheckQuestion | null): Pick<LessonFormValues, "checkQuestion" | "checkOptions" | "checkAnswer" | "checkExplanation"> {
  return {
    checkQuestion: question?.question ?? "",
    checkOptions: Array.from({ length: CHECK_OPTION_SLOTS }, (_, i) => question?.options[i] ?? ""),
    checkAnswer: question ? String(question.answer) : "",
    checkExplanation: question?.explanation ?? "",
  };
}

const CHECK_FIELD: Record<string, keyof LessonFormValues> = {
  question: "checkQuestion",
  options: "checkOptions",
  answer: "checkAnswer",
  explanation: "checkExplanation",
};

/**
 * The check question from its form fields: null when all are blank; otherwise empty option slots
 * are dropped (the answer follows its slot) and the result is validated with checkQuestionSchema.
 */
export function parseCheckQuestionFields(values: LessonFormValues): { question: CheckQuestion | null; errors: Record<string, string> } {
  const options = values.checkOptions.map((o) => o.trim());
  const filled = options.map((text, slot) => ({ text, slot })).filter((o) => o.text !== "");
  if (!values.checkQuestion.trim() && filled.length === 0 && !values.checkExplanation.trim()) return { question: null, errors: {} };
  const errors: Record<string, string> = {};
  const slot = values.checkAnswer === "" ? NaN : Number(values.checkAnswer);
  let answer = -1;
  if (!Number.isInteger(slot) || slot < 0 || slot >= CHECK_OPTION_SLOTS) errors.checkAnswer = "请选择正确答案";
  else if (!options[slot]) errors.checkAnswer = `正确答案选项 ${OPTION_LETTERS[slot]} 为空，请重新选择`;
  else answer = filled.findIndex((o) => o.slot === slot);
  const parsed = checkQuestionSchema.safeParse({
    question: values.checkQuestion,
    options: filled.map((o) => o.text),
    answer: Math.max(answer, 0),
    explanation: values.checkExplanation,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = CHECK_FIELD[String(issue.path[0])] ?? "checkQuestion";
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { question: null, errors };
  return { question: parsed.data, errors: {} };
}

export interface ParsedLesson {
  title: string;
  minutes: number;
  doc: RichDoc;
  /** The canonical JSON to store (attributes outside the allow-list stripped). */
  body: string;
  checkQuestion: CheckQuestion | null;
  note: string;
}

export type LessonFormResult = { ok: true; lesson: ParsedLesson } | { ok: false; errors: Record<string, string>; doc: RichDoc | null };

/** Validates the whole lesson form; on failure, one Chinese message per field. */
export function parseLessonForm(values: LessonFormValues): LessonFormResult {
  const errors: Record<string, string> = {};
  const fields = lessonFieldsSchema.safeParse(values);
  if (!fields.success) {
    for (const issue of fields.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  }
  const check = parseCheckQuestionFields(values);
  Object.assign(errors, check.errors);
  if (!fields.success || Object.keys(errors).length > 0) {
    const doc = richDocJsonSchema.safeParse(values.body);
    return { ok: false, errors, doc: doc.success ? doc.data : null };
  }
  const { title, minutes, body: doc, note } = fields.data;
  return { ok: true, lesson: { title, minutes, doc, body: JSON.stringify(doc), checkQuestion: check.question, note } };
}
