// The exam settings, audience and accommodation forms: zod schemas with Chinese messages, shared by
// page and action. Client-safe. Window times are typed as datetime-local in Beijing time.
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { formatInstant, TIME_ZONE } from "~/utils/time";
import { pointsX100 } from "./paper-schema";

export const EXAM_KIND_LABELS = { final: "结业考试", certificate: "证书考试", practice: "练习", contest: "竞赛" } as const;
export const CERTIFICATE_TYPE_LABELS = { enforcement: "执法证", auxiliary: "辅助人员工作证" } as const;
export const COUNTING_LABELS = { highest: "最高分", last: "最后一次" } as const;
export const VISIBILITY_LABELS = { after_submit: "交卷后", after_close: "考试结束后", never: "不公开" } as const;
export const EXAM_STATUS_LABELS = { draft: "草稿", published: "已发布", archived: "已归档" } as const;

/** "2026-12-01T09:00" in Beijing time → epoch ms, or null when malformed. */
export function parseLocalDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, TIME_ZONE);
  // Rejects 2026-02-31, which Date would roll over into March.
  return date.getDate() === d ? date.getTime() : null;
}

/** Epoch ms → the value a datetime-local input shows, in Beijing time. */
export const toLocalDateTime = (epochMs: number) => formatInstant(epochMs, "yyyy-MM-dd'T'HH:mm");

const dateTime = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .transform((v, ctx) => {
      const ms = parseLocalDateTime(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `${label}格式不正确` });
        return z.NEVER;
      }
      return ms;
    });

const optionalDateTime = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const ms = parseLocalDateTime(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `${label}格式不正确` });
        return z.NEVER;
      }
      return ms;
    });

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number().int().positive().nullable());

const int = (label: string, min: number, max: number) =>
  z.coerce.number({ error: `请填写${label}` }).int(`${label}须为整数`).min(min, `${label}最少 ${min}`).max(max, `${label}最多 ${max}`);

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on");

const visibility = z.enum(["after_submit", "after_close", "never"], { error: "请选择" });

export const examFormSchema = z
  .object({
    title: z.string({ error: "请填写考试名称" }).trim().min(1, "请填写考试名称").max(200, "考试名称最多 200 字"),
    description: z.string().trim().max(2000, "说明最多 2000 字").default(""),
    kind: z.enum(["final", "certificate", "practice", "contest"], { error: "请选择考试类型" }),
    certificateType: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.enum(["enforcement", "auxiliary"], { error: "请选择证书类型" }).nullable()),
    certificateValidMonths: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? Number(v) : null))
      .pipe(z.number({ error: "有效期须为整数月" }).int("有效期须为整数月").min(1, "有效期最少 1 个月").max(240, "有效期最多 240 个月").nullable()),
    courseId: optionalId,
    requiredCourseId: optionalId,
    paperId: z.coerce.number({ error: "请选择试卷" }).int().positive("请选择试卷"),
    opensAt: dateTime("开始时间"),
    closesAt: dateTime("结束时间"),
    durationMinutes: int("考试时长", 1, 600),
    maxAttempts: int("可考次数", 1, 50),
    counting: z.enum(["highest", "last"], { error: "请选择成绩计算方式" }),
    pass: pointsX100("及格分"),
    shuffleQuestions: checkbox,
    shuffleOptions: checkbox,
    scoreVisibility: visibility,
    reviewVisibility: visibility,
    confirmChange: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.closesAt <= v.opensAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "结束时间须晚于开始时间" });
    if (v.kind === "final" && v.courseId === null) ctx.addIssue({ code: "custom", path: ["courseId"], message: "结业考试须选择所属课程" });
    if (v.kind === "certificate") {
      if (v.certificateType === null) ctx.addIssue({ code: "custom", path: ["certificateType"], message: "证书考试须选择证书类型" });
      if (v.certificateValidMonths === null) ctx.addIssue({ code: "custom", path: ["certificateValidMonths"], message: "请填写证书有效期（月）" });
    }
    // A review shown before the score would reveal the score anyway.
    const order = { after_submit: 0, after_close: 1, never: 2 } as const;
    if (order[v.reviewVisibility] < order[v.scoreVisibility]) ctx.addIssue({ code: "custom", path: ["reviewVisibility"], message: "答题解析不能早于成绩公开" });
  });
export type ExamFormInput = z.infer<typeof examFormSchema>;

export const EXAM_INTENTS = ["update", "publish", "unpublish", "archive", "audience", "accommodation", "remove-accommodation"] as const;
export type ExamIntent = (typeof EXAM_INTENTS)[number];
export const examIntentSchema = z.object({ intent: z.enum(EXAM_INTENTS) });

/** 工号 typed one per line or separated by commas/spaces (Chinese punctuation too). */
export function splitEmployeeNos(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,，、;；]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export const audienceSchema = z.object({
  tiers: z.array(z.string().max(32)).max(20).default([]),
  unitIds: z.array(z.coerce.number().int().positive()).max(500, "最多选择 500 个单位").default([]),
  employeeNos: z
    .string()
    .default("")
    .transform(splitEmployeeNos)
    .pipe(z.array(z.string().max(32, "工号过长")).max(2000, "最多 2000 人")),
});

export const accommodationSchema = z
  .object({
    employeeNo: z.string({ error: "请输入工号" }).trim().min(1, "请输入工号").max(32, "工号过长"),
    extraMinutes: int("延长时间", 0, 600),
    extraAttempts: int("增加次数", 0, 20),
    opensAt: optionalDateTime("个人开始时间"),
    closesAt: optionalDateTime("个人结束时间"),
    note: z.string().trim().max(200, "备注最多 200 字").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.opensAt !== null && v.closesAt !== null && v.closesAt <= v.opensAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "结束时间须晚于开始时间" });
    if (v.extraMinutes === 0 && v.extraAttempts === 0 && v.opensAt === null && v.closesAt === null)
      ctx.addIssue({ code: "custom", path: ["extraMinutes"], message: "请至少填写一项照顾安排（延长时间、增加次数或个人时间窗）" });
  });

export const personRefSchema = z.object({ personId: z.coerce.number().int().positive() });

export const examListFiltersSchema = z.object({
  q: z.string().trim().max(50).optional().catch(undefined),
  kind: z.enum(["final", "certificate", "practice", "contest"]).optional().catch(undefined),
  status: z.enum(["draft", "published", "archived"]).optional().catch(undefined),
});
export type ExamListFilters = z.infer<typeof examListFiltersSchema>;

export function parseExamListFilters(params: URLSearchParams): ExamListFilters {
  return examListFiltersSchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== "")));
}

/** The exam form's posted strings, for zod and for re-filling after a failed submit. */
export const EXAM_FORM_KEYS = [
  "title",
  "description",
  "kind",
  "certificateType",
  "certificateValidMonths",
  "courseId",
  "requiredCourseId",
  "paperId",
  "opensAt",
  "closesAt",
  "durationMinutes",
  "maxAttempts",
  "counting",
  "pass",
  "shuffleQuestions",
  "shuffleOptions",
  "scoreVisibility",
  "reviewVisibility",
] as const;
export type ExamFormValues = Record<(typeof EXAM_FORM_KEYS)[number], string>;

export function examFormValues(form: FormData): ExamFormValues {
  const out = {} as ExamFormValues;
  for (const key of EXAM_FORM_KEYS) {
    const v = form.get(key);
    out[key] = typeof v === "string" ? v : "";
  }
  return out;
}
