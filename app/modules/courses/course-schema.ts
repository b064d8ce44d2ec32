// The course authoring forms: one zod schema per form, Chinese messages, shared by page and action.
import { z } from "zod";
import type { CourseStatus } from "#db/schema";

/** The category <select> value meaning "create the category typed below". */
export const NEW_CATEGORY = "__new";

export const COURSE_STATUSES = ["draft", "published", "archived"] as const satisfies readonly CourseStatus[];

const categoryName = z.string().trim().min(1, "请填写分类名称").max(50, "分类名称最多 50 字");
const categoryCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, "分类编码为 2–32 位小写字母、数字或连字符，以字母开头，如 fire-safety");

export const categorySchema = z.object({ name: categoryName, code: categoryCode });
export type CategoryInput = z.infer<typeof categorySchema>;

export const courseFormSchema = z
  .object({
    title: z.string({ error: "请填写课程名称" }).trim().min(1, "请填写课程名称").max(200, "课程名称最多 200 字"),
    summary: z.string().trim().max(1000, "课程简介最多 1000 字").default(""),
    category: z.string({ error: "请选择课程分类" }).min(1, "请选择课程分类").max(32, "请选择课程分类"),
    newCategoryName: z.string().trim().default(""),
    newCategoryCode: z.string().trim().default(""),
    audienceTiers: z.array(z.string().max(32)).max(20).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.category !== NEW_CATEGORY) return;
    const name = categoryName.safeParse(v.newCategoryName);
    if (!name.success) ctx.addIssue({ code: "custom", path: ["newCategoryName"], message: name.error.issues[0].message });
    const code = categoryCode.safeParse(v.newCategoryCode);
    if (!code.success) ctx.addIssue({ code: "custom", path: ["newCategoryCode"], message: code.error.issues[0].message });
  });
export type CourseFormInput = z.infer<typeof courseFormSchema>;

/** What the course form posted, as strings (and the tier list), for zod and for re-filling. */
export interface CourseFormValues {
  title: string;
  summary: string;
  category: string;
  newCategoryName: string;
  newCategoryCode: string;
  audienceTiers: string[];
}

export function courseFormValues(form: FormData): CourseFormValues {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  return {
    title: text("title"),
    summary: text("summary"),
    category: text("category"),
    newCategoryName: text("newCategoryName"),
    newCategoryCode: text("newCategoryCode"),
    audienceTiers: form.getAll("audienceTiers").filter((v): v is string => typeof v === "string"),
  };
}

export const courseListFiltersSchema = z.object({
  status: z.enum(COURSE_STATUSES).optional().catch(undefined),
  category: z.string().trim().max(32).optional().catch(undefined),
  q: z.string().trim().max(50).optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
});
export type CourseListFilters = z.infer<typeof courseListFiltersSchema>;

export function parseCourseListFilters(params: URLSearchParams): CourseListFilters {
  const raw = Object.fromEntries([...params].filter(([, v]) => v !== ""));
  return courseListFiltersSchema.parse(raw);
}

export const COURSE_INTENTS = [
  "update",
  "publish",
  "unpublish",
  "archive",
  "move-up",
  "move-down",
  "archive-lesson",
  "restore-lesson",
  "add-owner",
  "remove-owner",
  "set-cover",
  "remove-cover",
] as const;
export type CourseIntent = (typeof COURSE_INTENTS)[number];
export const courseIntentSchema = z.object({ intent: z.enum(COURSE_INTENTS) });

export const lessonRefSchema = z.object({ lessonId: z.coerce.number().int().positive() });

export const addOwnerSchema = z.object({
  employeeNo: z.string({ error: "请输入工号" }).trim().min(1, "请输入工号").max(32, "工号过长"),
});

export const removeOwnerSchema = z.object({ personId: z.coerce.number().int().positive() });
