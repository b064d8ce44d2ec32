// One zod schema per form of the people pages, with Chinese messages. Shared by routes and tests.
import { z } from "zod";
import { passwordProblem } from "~/modules/auth/password-policy";
import { ASSIGNABLE_ROLES, POSTS, SCOPED_ROLES } from "./constants";
import {
  birthDateField,
  employeeNoField,
  genderField,
  idField,
  mobileField,
  nameField,
  normalizeText,
  postField,
  rankField,
} from "./fields";

/** The person form (new and edit). Tier and unit existence are checked against the database. */
export const personFormSchema = z.object({
  name: nameField,
  employeeNo: employeeNoField,
  mobile: mobileField,
  gender: genderField,
  birthDate: birthDateField,
  post: postField,
  tier: z.string({ error: "请选择培训层级" }).trim().min(1, "请选择培训层级").max(32, "请选择培训层级"),
  rank: rankField,
  orgUnitId: idField("请选择单位"),
});
export type PersonFormValues = z.infer<typeof personFormSchema>;

/** Blank means "generate one"; a typed password must pass the password policy. */
const initialPasswordField = z
  .string()
  .optional()
  .transform((v) => (v ? v : null));

/** An initial password typed by the admin, checked against the person's own identifiers. */
export function initialPasswordProblem(
  password: string | null,
  context: { employeeNo?: string | null; mobile?: string | null },
): string | null {
  return password === null ? null : passwordProblem(password, context);
}

export const createPersonSchema = personFormSchema
  .extend({ initialPassword: initialPasswordField })
  .superRefine((value, ctx) => {
    const problem = initialPasswordProblem(value.initialPassword, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["initialPassword"], message: problem });
  });

export const PERSON_INTENTS = ["update", "deactivate", "reactivate", "reset-password", "assign-role", "remove-role"] as const;
export type PersonIntent = (typeof PERSON_INTENTS)[number];
export const personIntentSchema = z.object({ intent: z.enum(PERSON_INTENTS, { error: "未知的操作" }) });

export const resetPasswordSchema = z.object({ initialPassword: initialPasswordField });

export const assignRoleSchema = z
  .object({
    role: z.enum(ASSIGNABLE_ROLES, { error: "请选择角色" }),
    scopeOrgUnitId: z.preprocess((v) => (v === "" ? undefined : v), idField("请选择管理范围").optional()),
  })
  .superRefine((value, ctx) => {
    if (SCOPED_ROLES.includes(value.role) && value.scopeOrgUnitId === undefined) {
      ctx.addIssue({ code: "custom", path: ["scopeOrgUnitId"], message: "单位管理员须选择管理范围（单位）" });
    }
  })
  .transform((value) => ({
    role: value.role,
    // Only scoped roles keep a scope; the others are city-wide.
    scopeOrgUnitId: SCOPED_ROLES.includes(value.role) ? (value.scopeOrgUnitId ?? null) : null,
  }));

export const removeRoleSchema = z.object({ assignmentId: idField("请选择要移除的角色") });

export const STATUS_FILTERS = ["active", "left", "all"] as const;

/** List filters from the query string: anything malformed is simply ignored. */
export const peopleFiltersSchema = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => normalizeText(v ?? "").slice(0, 50) || undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  post: z.enum(POSTS).optional().catch(undefined),
  tier: z
    .string()
    .max(32)
    .optional()
    .catch(undefined)
    .transform((v) => v?.trim() || undefined),
  status: z.enum(STATUS_FILTERS).catch("active"),
});
export type PeopleFilters = z.infer<typeof peopleFiltersSchema>;

export function parsePeopleFilters(params: URLSearchParams): PeopleFilters {
  return peopleFiltersSchema.parse({
    q: params.get("q") ?? undefined,
    unit: params.get("unit") || undefined,
    post: params.get("post") || undefined,
    tier: params.get("tier") ?? undefined,
    status: params.get("status") ?? undefined,
  });
}

/** The filters as query-string pairs (export link, pagination). */
export function filtersToSearch(filters: PeopleFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.unit) params.set("unit", String(filters.unit));
  if (filters.post) params.set("post", filters.post);
  if (filters.tier) params.set("tier", filters.tier);
  params.set("status", filters.status);
  return params.toString();
}

export const importIntentSchema = z.object({ intent: z.enum(["preview", "confirm"], { error: "未知的操作" }) });

export const importConfirmSchema = z.object({
  draftId: z.string({ error: "导入批次已失效，请重新上传" }).uuid("导入批次已失效，请重新上传"),
  initialPassword: initialPasswordField,
});
