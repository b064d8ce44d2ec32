// The paper authoring forms: one zod schema per form, Chinese messages, shared by page and action.
// Client-safe: no server imports. Scores are typed as points (up to 2 decimals) and stored × 100.
import { z } from "zod";
import { QUESTION_TYPES } from "~/modules/questions/content";

export const PAPER_MODE_LABELS = { fixed: "固定", drawn: "抽题" } as const;
export const MULTIPLE_SCORING_LABELS = { all: "全对得分", partial: "少选得部分分，错选不得分" } as const;
export const FILL_SCORING_LABELS = { per_blank: "按空给分", all: "全对得分" } as const;

/** "2" / "2.5" / "0.25" points → 200 / 250 / 25; messages say what is wrong in Chinese. */
export const pointsX100 = (label = "分值") =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d{1,4}(\.\d{1,2})?$/, `${label}须为数字，最多两位小数`)
    .transform((v) => Math.round(Number(v) * 100))
    .refine((v) => v > 0, `${label}须大于 0`);

/** 250 → "2.5", for filling score inputs back in. */
export function formatPoints(x100: number): string {
  return (x100 / 100).toFixed(2).replace(/\.?0+$/, "");
}

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number().int().positive().nullable());

export const paperFieldsSchema = z.object({
  title: z.string({ error: "请填写试卷名称" }).trim().min(1, "请填写试卷名称").max(200, "试卷名称最多 200 字"),
  description: z.string().trim().max(1000, "说明最多 1000 字").default(""),
  multipleScoring: z.enum(["all", "partial"], { error: "请选择多选题计分方式" }),
  fillScoring: z.enum(["per_blank", "all"], { error: "请选择填空题计分方式" }),
});
export const newPaperSchema = paperFieldsSchema.extend({
  mode: z.enum(["fixed", "drawn"], { error: "请选择组卷方式" }),
});
export type NewPaperInput = z.infer<typeof newPaperSchema>;

export const PAPER_INTENTS = ["update", "add-questions", "save-scores", "move-up", "move-down", "remove-question", "add-rule", "remove-rule"] as const;
export type PaperIntent = (typeof PAPER_INTENTS)[number];
export const paperIntentSchema = z.object({ intent: z.enum(PAPER_INTENTS) });

export const addQuestionsSchema = z.object({
  questionIds: z.array(z.coerce.number().int().positive()).min(1, "请先勾选要加入的试题").max(200, "一次最多加入 200 题"),
  score: pointsX100("每题分值"),
});

export const positionSchema = z.object({ position: z.coerce.number().int().min(1) });

/** The scores table: parallel `questionId` / `score` lists; errors keyed `score.<row>` (0-based). */
export function parseScores(form: FormData): { ok: true; items: Array<{ questionId: number; scoreX100: number }> } | { ok: false; errors: Record<string, string> } {
  const ids = form.getAll("questionId").map((v) => Number(v));
  const scores = form.getAll("score").map((v) => (typeof v === "string" ? v : ""));
  const errors: Record<string, string> = {};
  const items: Array<{ questionId: number; scoreX100: number }> = [];
  ids.forEach((questionId, i) => {
    const parsed = pointsX100().safeParse(scores[i] ?? "");
    if (!Number.isInteger(questionId) || questionId <= 0) errors._form = "提交的数据无效，请刷新后重试";
    else if (!parsed.success) errors[`score.${i}`] = parsed.error.issues[0]!.message;
    else items.push({ questionId, scoreX100: parsed.data });
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, items };
}

export const ruleSchema = z.object({
  bankId: z.coerce.number({ error: "请选择题库" }).int().positive("请选择题库"),
  knowledgePointId: optionalId,
  tag: z
    .string()
    .trim()
    .max(50, "标签最多 50 字")
    .optional()
    .transform((v) => (v ? v : null)),
  type: z.enum(QUESTION_TYPES, { error: "请选择题型" }),
  difficulty: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int().min(1, "难度为 1–5").max(5, "难度为 1–5").nullable()),
  count: z.coerce.number({ error: "请填写题数" }).int("题数须为整数").min(1, "题数至少为 1").max(200, "题数最多 200"),
  score: pointsX100("每题分值"),
});
export type RuleFormInput = z.infer<typeof ruleSchema>;

export const ruleRefSchema = z.object({ position: z.coerce.number().int().min(1) });

export const paperListFiltersSchema = z.object({
  q: z.string().trim().max(50).optional().catch(undefined),
  mode: z.enum(["fixed", "drawn"]).optional().catch(undefined),
});
export type PaperListFilters = z.infer<typeof paperListFiltersSchema>;

export function parsePaperListFilters(params: URLSearchParams): PaperListFilters {
  return paperListFiltersSchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== "")));
}
