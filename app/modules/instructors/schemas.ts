// One zod schema per form of the instructor pages, with Chinese messages. Shared by routes and tests.
import { z } from "zod";
import { checkEmployeeNo, checkName, mobileField, normalizeText } from "~/modules/people/fields";
import { BIO_MAX, INSTRUCTOR_KINDS, INSTRUCTOR_LEVELS, RATING_MAX, RATING_MIN, STATUS_FILTERS, type InstructorLevel } from "./constants";

/** A submitted instructor form as typed: text fields plus the two multi-selects. */
export interface InstructorFormValues {
  kind: string;
  employeeNo: string;
  name: string;
  organization: string;
  title: string;
  level: string;
  mobile: string;
  email: string;
  bio: string;
  specialties: string[];
  courseIds: string[];
}

const TEXT_FIELDS = ["kind", "employeeNo", "name", "organization", "title", "level", "mobile", "email", "bio"] as const;

/** Reads the instructor form; checkbox groups arrive as repeated keys. */
export function instructorFormValues(formData: FormData): InstructorFormValues {
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : "";
  };
  const list = (key: string) => formData.getAll(key).filter((v): v is string => typeof v === "string" && v !== "");
  const values = Object.fromEntries(TEXT_FIELDS.map((key) => [key, text(key)])) as Omit<InstructorFormValues, "specialties" | "courseIds">;
  return { ...values, specialties: list("specialties"), courseIds: list("courseIds") };
}

function optionalText(label: string, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = normalizeText(raw ?? "");
      if ([...value].length > max) {
        ctx.issues.push({ code: "custom", message: `${label}最多 ${max} 个字`, input: raw });
        return z.NEVER;
      }
      return value || null;
    });
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailField = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const value = normalizeText(raw ?? "").replace(/\s/g, "");
    if (!value) return null;
    if (value.length > 100 || !EMAIL_PATTERN.test(value)) {
      ctx.issues.push({ code: "custom", message: `邮箱「${value}」格式不正确`, input: raw });
      return z.NEVER;
    }
    return value.toLowerCase();
  });

const bioField = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    // Line breaks are kept: a bio is a short paragraph or a list of qualifications.
    const value = (raw ?? "").normalize("NFKC").replace(/\r\n?/g, "\n").trim();
    if ([...value].length > BIO_MAX) {
      ctx.issues.push({ code: "custom", message: `简介最多 ${BIO_MAX} 个字`, input: raw });
      return z.NEVER;
    }
    return value;
  });

const categoryCode = z.string().trim().min(1).max(32, "专长类别无效");

export const instructorFormSchema = z
  .object({
    kind: z.enum(INSTRUCTOR_KINDS as ["internal", "external"], { error: "请选择教员类别" }),
    employeeNo: z.string().optional(),
    name: z.string().optional(),
    organization: optionalText("工作单位", 100),
    title: optionalText("职务/职称", 100),
    level: z.enum(INSTRUCTOR_LEVELS, { error: "请选择教员级别" }),
    mobile: mobileField,
    email: emailField,
    bio: bioField,
    specialties: z
      .array(categoryCode, { error: "专长类别无效" })
      .max(20, "专长类别最多选 20 个")
      .default([])
      .transform((codes) => [...new Set(codes)]),
    courseIds: z
      .array(z.coerce.number({ error: "所选课程无效" }).int("所选课程无效").positive("所选课程无效"), { error: "所选课程无效" })
      .max(200, "授课课程最多选 200 门")
      .default([])
      .transform((ids) => [...new Set(ids)]),
  })
  .transform((v, ctx): InstructorInput => {
    const common = { level: v.level, title: v.title, mobile: v.mobile, email: v.email, bio: v.bio, specialties: v.specialties, courseIds: v.courseIds };
    if (v.kind === "internal") {
      const employeeNo = checkEmployeeNo(v.employeeNo ?? "");
      if (employeeNo.ok) return { ...common, kind: "internal", employeeNo: employeeNo.value };
      const message = v.employeeNo?.trim() ? employeeNo.message : "内部教员请填写本人工号";
      ctx.issues.push({ code: "custom", path: ["employeeNo"], message, input: v.employeeNo });
      return z.NEVER;
    }
    const name = checkName(v.name ?? "");
    if (!name.ok) ctx.issues.push({ code: "custom", path: ["name"], message: name.message, input: v.name });
    if (!v.organization) ctx.issues.push({ code: "custom", path: ["organization"], message: "外聘专家请填写工作单位", input: v.organization });
    if (!name.ok || !v.organization) return z.NEVER;
    return { ...common, kind: "external", name: name.value, organization: v.organization };
  });

interface InstructorCommon {
  level: InstructorLevel;
  title: string | null;
  mobile: string | null;
  email: string | null;
  bio: string;
  /** Course category codes. */
  specialties: string[];
  courseIds: number[];
}

/** A validated instructor: internal ones are found by 工号; their name and unit come from the person. */
export type InstructorInput = InstructorCommon & ({ kind: "internal"; employeeNo: string } | { kind: "external"; name: string; organization: string });

const scoreMessage = `请选择 ${RATING_MIN}–${RATING_MAX} 分`;
export const ratingSchema = z.object({
  score: z.coerce.number({ error: scoreMessage }).int(scoreMessage).min(RATING_MIN, scoreMessage).max(RATING_MAX, scoreMessage),
});

export const INSTRUCTOR_INTENTS = ["update", "rate", "deactivate", "reactivate"] as const;
export type InstructorIntent = (typeof INSTRUCTOR_INTENTS)[number];
export const instructorIntentSchema = z.object({ intent: z.enum(INSTRUCTOR_INTENTS, { error: "未知的操作" }) });

/** List filters from the query string: anything malformed is simply ignored. */
export const instructorFiltersSchema = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => normalizeText(v ?? "").slice(0, 50) || undefined),
  specialty: z
    .string()
    .max(32)
    .optional()
    .catch(undefined)
    .transform((v) => v?.trim() || undefined),
  level: z.enum(INSTRUCTOR_LEVELS).optional().catch(undefined),
  kind: z.enum(INSTRUCTOR_KINDS as ["internal", "external"]).optional().catch(undefined),
  status: z.enum(STATUS_FILTERS).catch("active"),
});
export type InstructorFilters = z.infer<typeof instructorFiltersSchema>;

export function parseInstructorFilters(params: URLSearchParams): InstructorFilters {
  return instructorFiltersSchema.parse({
    q: params.get("q") ?? undefined,
    specialty: params.get("specialty") ?? undefined,
    level: params.get("level") || undefined,
    kind: params.get("kind") || undefined,
    status: params.get("status") ?? undefined,
  });
}

/** The filters as query-string pairs (links that keep the current filters). */
export function filtersToSearch(filters: InstructorFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.specialty) params.set("specialty", filters.specialty);
  if (filters.level) params.set("level", filters.level);
  if (filters.kind) params.set("kind", filters.kind);
  params.set("status", filters.status);
  return params.toString();
}
