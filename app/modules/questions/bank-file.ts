// The starter-bank file format of content/questions/<bank>.yaml, validated with zod; the
// content import will turn each entry into a QuestionDraft.
import { z } from "zod";

const TIERS = ["chief", "staff", "grid", "cadre"] as const;
const BLANK = /_{4,}/g;

const base = {
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  stem: z.string().min(2),
  explanation: z.string().min(2),
  difficulty: z.number().int().min(1).max(5),
  knowledgePoint: z.string().min(1),
  tiers: z.array(z.enum(TIERS)).min(1),
  source: z.string().optional(),
};

const choice = (type: "single" | "multiple") =>
  z
    .object({ ...base, type: z.literal(type), options: z.array(z.string().min(1)).min(2).max(8), answer: z.array(z.number().int().min(0)).min(1) })
    .refine((q) => q.answer.every((a) => a < q.options.length), { message: "answer index out of range" })
    .refine((q) => new Set(q.answer).size === q.answer.length, { message: "duplicate answer index" })
    .refine((q) => (type === "single" ? q.answer.length === 1 : q.answer.length >= 2), { message: `${type} answer count` });

export const bankQuestionSchema = z.union([
  choice("single"),
  choice("multiple"),
  z.object({ ...base, type: z.literal("truefalse"), answer: z.boolean() }),
  z
    .object({ ...base, type: z.literal("fill"), answer: z.array(z.array(z.string().min(1)).min(1)).min(1) })
    .refine((q) => (q.stem.match(BLANK) ?? []).length === q.answer.length, { message: "blank markers (____) and answers differ in number" }),
  z.object({ ...base, type: z.literal("essay"), answer: z.string().min(2), rubric: z.string().optional() }),
]);

export const bankFileSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    title: z.string().min(2),
    category: z.enum(["hazard", "enforcement", "flood", "publicity", "drill", "rescue"]),
    knowledgePoints: z.array(z.string().min(1)).min(1),
    questions: z.array(bankQuestionSchema).min(1),
  })
  .superRefine((bank, ctx) => {
    const points = new Set(bank.knowledgePoints);
    const keys = new Set<string>();
    bank.questions.forEach((q, i) => {
      if (!points.has(q.knowledgePoint)) ctx.addIssue({ code: "custom", path: ["questions", i, "knowledgePoint"], message: `unknown knowledge point ${q.knowledgePoint}` });
      if (keys.has(q.key)) ctx.addIssue({ code: "custom", path: ["questions", i, "key"], message: `duplicate key ${q.key}` });
      keys.add(q.key);
    });
  });

export type BankFile = z.infer<typeof bankFileSchema>;
