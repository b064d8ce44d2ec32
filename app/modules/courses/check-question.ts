import { z } from "zod";

/** A lesson's optional check question: answered before the lesson counts as complete. */
export const checkQuestionSchema = z
  .object({
    question: z.string().trim().min(1, "请填写检查题题干").max(500, "题干最多 500 字"),
    options: z.array(z.string().trim().min(1, "选项不能为空").max(200, "选项最多 200 字")).min(2, "至少 2 个选项").max(8, "最多 8 个选项"),
    answer: z.number().int().min(0),
    explanation: z.string().trim().max(1000, "解析最多 1000 字").default(""),
  })
  .refine((q) => q.answer < q.options.length, { path: ["answer"], message: "正确答案不在选项范围内" });

export type CheckQuestion = z.infer<typeof checkQuestionSchema>;

export function parseCheckQuestion(json: string | null): CheckQuestion | null {
  if (!json) return null;
  const result = checkQuestionSchema.safeParse(JSON.parse(json));
  return result.success ? result.data : null;
}

/** What the trainee may see before answering: no answer, no explanation. */
export function publicCheckQuestion(question: CheckQuestion | null) {
  return question ? { question: question.question, options: question.options } : null;
}
