// Fixed vocabularies of the people module, shared by forms, import, export and lists.
import type { Gender, PersonStatus, Role } from "#db/schema";

/** 岗位: a fixed list (training tiers, by contrast, are configurable rows of `training_tiers`). */
export const POSTS = ["站(队)长", "工作人员", "执法人员", "辅助人员", "网格员", "机关干部", "教员"] as const;
export type Post = (typeof POSTS)[number];

export function isPost(value: string): value is Post {
  return (POSTS as readonly string[]).includes(value);
}

export const GENDERS: readonly Gender[] = ["male", "female"];
export const GENDER_LABELS: Record<Gender, string> = { male: "男", female: "女" };

export const PERSON_STATUSES: readonly PersonStatus[] = ["active", "left"];
export const STATUS_LABELS: Record<PersonStatus, string> = { active: "在岗", left: "离岗" };

/** Roles an admin may assign on the person page; only the manager role takes a scope unit. */
export const ASSIGNABLE_ROLES = ["trainee", "instructor", "manager", "hr", "admin"] as const satisfies readonly Role[];
export const SCOPED_ROLES: readonly Role[] = ["manager"];

/** Every new account (form or import) starts as a trainee. */
export const DEFAULT_ROLE: Role = "trainee";
