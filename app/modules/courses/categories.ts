/** The six handbooks of the bureau's plan, plus "other"; instructors may add more categories. */
export const BUILTIN_CATEGORIES = [
  { code: "hazard", name: "隐患排查" },
  { code: "enforcement", name: "执法办案" },
  { code: "flood", name: "防汛防台" },
  { code: "publicity", name: "宣传教育" },
  { code: "drill", name: "实战演练" },
  { code: "rescue", name: "应急救援" },
  { code: "other", name: "其他" },
] as const;

export const COURSE_STATUS_LABELS = { draft: "草稿", published: "已发布", archived: "已归档" } as const;
