// Fixed vocabularies of the instructor pool (师资库), shared by forms, lists and the demo seed.
import type { InstructorsTable } from "#db/schema";

export type InstructorKind = InstructorsTable["kind"];

export const INSTRUCTOR_KINDS: readonly InstructorKind[] = ["internal", "external"];
export const KIND_LABELS: Record<InstructorKind, string> = { internal: "内部", external: "外聘" };

/** 教员级别, highest first. A fixed list: levels are part of the bureau's instructor rules. */
export const INSTRUCTOR_LEVELS = ["特聘专家", "高级教员", "中级教员", "初级教员"] as const;
export type InstructorLevel = (typeof INSTRUCTOR_LEVELS)[number];

export const STATUS_FILTERS = ["active", "inactive", "all"] as const;
export type InstructorStatusFilter = (typeof STATUS_FILTERS)[number];
export const STATUS_FILTER_LABELS: Record<InstructorStatusFilter, string> = { active: "在库", inactive: "已停用", all: "全部" };

export const RATING_MIN = 1;
export const RATING_MAX = 5;

export const BIO_MAX = 2000;
