// The question list's filters, read from the URL (shared by the list page, bulk actions and export).
import { z } from "zod";
import { QUESTION_TYPES } from "./content";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined))
    .catch(undefined);

export const QUESTION_STATUSES = ["draft", "published", "retired"] as const;
export const QUESTION_STATUS_LABELS = { draft: "草稿", published: "已发布", retired: "已停用" } as const;

export const questionFiltersSchema = z.object({
  q: optionalText(100),
  type: z.enum(QUESTION_TYPES).optional().catch(undefined),
  point: z.coerce.number().int().positive().optional().catch(undefined),
  difficulty: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  tier: optionalText(32),
  // Without a status filter the list hides retired questions; "all" shows them too.
  status: z.enum([...QUESTION_STATUSES, "all"]).optional().catch(undefined),
  tag: optionalText(50),
});
export type QuestionFilters = Partial<z.output<typeof questionFiltersSchema>>;

export function readQuestionFilters(params: URLSearchParams): QuestionFilters {
  return questionFiltersSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
}

/** The filters back as query-string pairs (for links that keep them). */
export function filtersToParams(filters: QuestionFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  return params;
}
