// The syllabus administration forms (培训大纲管理), one zod schema each, with Chinese messages.
import { z } from "zod";
import type { SyllabusItemKind, SyllabusVersionStatus } from "#db/schema";
import { parseHours } from "~/modules/study/hours";

export const VERSION_STATUS_LABELS: Record<SyllabusVersionStatus, string> = { draft: "草稿", published: "已发布" };
export const ITEM_KIND_LABELS: Record<SyllabusItemKind, string> = { required: "必修", elective: "选修" };

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const DESCRIPTION_MAX = 2000;

const yearMessage = `请输入 ${YEAR_MIN}–${YEAR_MAX} 之间的年份`;

export const createSyllabusSchema = z.object({
  year: z.coerce.number({ error: yearMessage }).int(yearMessage).min(YEAR_MIN, yearMessage).max(YEAR_MAX, yearMessage),
  title: z.string({ error: "请输入大纲名称" }).trim().min(2, "大纲名称至少 2 个字").max(200, "大纲名称最多 200 个字"),
});

/** The default title offered for a year. */
export function defaultSyllabusTitle(year: number): string {
  return `${year}年度基层应急消防工作培训大纲`;
}

/** 学时 typed by a person: a number ≥ 0 with at most two decimals, stored × 100. */
export const hoursField = z.string({ error: "请输入学时" }).transform((raw, ctx) => {
  const text = raw.normalize("NFKC").trim();
  if (!text) {
    ctx.issues.push({ code: "custom", message: "请输入学时", input: raw });
    return z.NEVER;
  }
  const value = parseHours(text);
  if (value === null) {
    ctx.issues.push({ code: "custom", message: "学时须为不小于 0 的数字，最多两位小数（如 12 或 1.5）", input: raw });
    return z.NEVER;
  }
  return value;
});

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);
const versionId = id("版本无效，请刷新页面后重试");
const tier = z.string({ error: "请选择培训层级" }).trim().min(1, "请选择培训层级").max(32, "请选择培训层级");

export const SYLLABUS_INTENTS = ["new-version", "describe", "set-hours", "add-course", "remove-course", "publish"] as const;
export type SyllabusIntent = (typeof SYLLABUS_INTENTS)[number];

export const syllabusIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("new-version") }),
    z.object({
      intent: z.literal("describe"),
      versionId,
      description: z
        .string()
        .optional()
        .transform((v) => (v ?? "").replace(/\r\n?/g, "\n").trim())
        .pipe(z.string().max(DESCRIPTION_MAX, `说明最多 ${DESCRIPTION_MAX} 个字`)),
    }),
    z.object({ intent: z.literal("set-hours"), versionId, tier, hours: hoursField }),
    z.object({
      intent: z.literal("add-course"),
      versionId,
      tier,
      courseId: id("请选择课程"),
      kind: z.enum(["required", "elective"], { error: "请选择必修或选修" }),
    }),
    z.object({ intent: z.literal("remove-course"), versionId, tier, courseId: id("请选择课程") }),
    z.object({
      intent: z.literal("publish"),
      versionId,
      confirm: z.literal("yes", { error: "请勾选确认：发布后该版本不能再修改" }),
    }),
  ],
  { error: "未知的操作" },
);
export type SyllabusIntentInput = z.infer<typeof syllabusIntentSchema>;
