import { BUILTIN_CATEGORIES } from "./categories";

const NAMES = new Map<string, string>(BUILTIN_CATEGORIES.map((c) => [c.code, c.name]));

/** The Chinese name of a built-in category (custom categories carry their own name). */
export function categoryName(code: string, custom?: ReadonlyMap<string, string>): string {
  return custom?.get(code) ?? NAMES.get(code) ?? code;
}

export const REASON_LABELS = { required: "必修", elective: "选修", assigned: "指派" } as const;
