// The bank forms (new bank, settings, members, knowledge points, bulk actions on the question
// list): one zod schema per form with Chinese messages, shared by page and action. Client-safe.
import { z } from "zod";

const bankKey = z
  .string({ error: "请填写题库代码" })
  .trim()
  .toLowerCase()
  .min(1, "请填写题库代码")
  .min(2, "题库代码至少 2 位")
  .max(63, "题库代码最多 63 位")
  .regex(/^[a-z0-9-]+$/, "题库代码只能用小写字母、数字和连字符（-），如 fire-law-2026")
  .regex(/^[a-z0-9].*[a-z0-9]$/, "题库代码不能以连字符开头或结尾");

const bankInfo = {
  title: z.string({ error: "请填写题库名称" }).trim().min(1, "请填写题库名称").max(200, "题库名称最多 200 字"),
  category: z.string({ error: "请选择分类" }).trim().min(1, "请选择分类").max(32, "请选择分类"),
  description: z.string().trim().max(1000, "简介最多 1000 字").default(""),
};

export const newBankSchema = z.object({ bankKey, ...bankInfo });
export type NewBankInput = z.output<typeof newBankSchema>;

export const bankSettingsSchema = z.object({
  ...bankInfo,
  // An unchecked checkbox posts nothing.
  archived: z
    .literal("1")
    .optional()
    .transform((v) => v === "1"),
});

export const BANK_ROLES = ["owner", "editor"] as const;

export const memberSchema = z.object({
  employeeNo: z.string({ error: "请输入工号" }).trim().min(1, "请输入工号").max(32, "工号过长"),
  role: z.enum(BANK_ROLES, { error: "请选择角色" }),
});

export const personRefSchema = z.object({ personId: z.coerce.number().int().positive() });

export const pointPathSchema = z.object({
  path: z.string({ error: "请填写知识点" }).trim().min(1, "请填写知识点").max(400, "知识点路径最多 400 字"),
});

export const pointRefSchema = z.object({ pointId: z.coerce.number().int().positive() });

export const SETTINGS_INTENTS = ["update", "add-member", "set-role", "remove-member", "add-point", "delete-point"] as const;
export type SettingsIntent = (typeof SETTINGS_INTENTS)[number];
export const settingsIntentSchema = z.object({ intent: z.enum(SETTINGS_INTENTS) });

export const BULK_INTENTS = ["publish", "retire", "restore", "move", "tag", "untag"] as const;
export type BulkIntent = (typeof BULK_INTENTS)[number];
export const bulkIntentSchema = z.enum(BULK_INTENTS, { error: "未知的操作" });

/** Bulk actions on the question list: the checked rows, or every question matching the filters. */
export const bulkSchema = z
  .object({
    intent: bulkIntentSchema,
    scope: z.enum(["checked", "all"]).catch("checked"),
    ids: z.array(z.coerce.number().int().positive()).max(1000).default([]),
    toBankId: z.coerce.number().int().positive().optional().catch(undefined),
    tag: z.string().trim().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "checked" && v.ids.length === 0) ctx.addIssue({ code: "custom", path: ["ids"], message: "请先勾选试题，或选择“全部符合筛选条件的试题”" });
    if (v.intent === "move" && v.toBankId === undefined) ctx.addIssue({ code: "custom", path: ["toBankId"], message: "请选择目标题库" });
    if (v.intent === "tag" || v.intent === "untag") {
      if (v.tag.length === 0) ctx.addIssue({ code: "custom", path: ["tag"], message: "请输入标签" });
      else if (v.tag.length > 50) ctx.addIssue({ code: "custom", path: ["tag"], message: "标签最多 50 字" });
    }
  });
export type BulkInput = z.output<typeof bulkSchema>;

/** The bulk form as posted (ids may repeat as several checkboxes). */
export function bulkValues(form: FormData) {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : undefined;
  };
  return {
    intent: text("intent"),
    scope: text("scope"),
    ids: form.getAll("ids").filter((v): v is string => typeof v === "string"),
    toBankId: text("toBankId") || undefined,
    tag: text("tag") ?? "",
  };
}
