// Person fields: normalisation and validation rules shared by the forms (as zod field schemas)
// and the Excel import (as plain checks), so a value accepted by one is accepted by the other.
// Pure: no I/O.
import { z } from "zod";
import type { Gender } from "#db/schema";
import { todayInShanghai } from "~/utils/time";
import { isPost, POSTS, type Post } from "./constants";

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T = never>(message: string): Check<T> => ({ ok: false, message });

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Trims and collapses whitespace. NFKC folds full-width letters, digits, brackets and the
 * ideographic space (typed by Chinese input methods) into their ASCII forms.
 */
export function normalizeText(value: string): string {
  return value.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** Spaces typed to align two-character names ("王\u3000芳") are not part of the name. */
export function normalizeName(value: string): string {
  return normalizeText(value).replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "");
}

/** 工号 without spaces; letters keep their case (demo and legacy accounts log in as "admin"). */
export function normalizeEmployeeNo(value: string): string {
  return normalizeText(value).replace(/\s/g, "");
}

/**
 * MySQL compares 工号 case-blind and SQLite exactly; uniqueness is checked case-blind on both,
 * by this key in memory and by `employeeNoVariants` in queries (each variant hits the index).
 */
export function employeeNoKey(employeeNo: string): string {
  return employeeNo.toUpperCase();
}

export function employeeNoVariants(employeeNo: string): string[] {
  return [...new Set([employeeNo, employeeNo.toUpperCase(), employeeNo.toLowerCase()])];
}

/** Mobile digits only, without separators or the +86 country code. */
export function normalizeMobile(value: string): string {
  return normalizeText(value)
    .replace(/[\s\-()]/g, "")
    .replace(/^\+?86(?=1\d{10}$)/, "");
}

export const NAME_MAX = 50;
export const EMPLOYEE_NO_MAX = 32;
export const RANK_MAX = 32;
export const EMPLOYEE_NO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export function checkName(raw: string): Check<string> {
  const value = normalizeName(raw);
  if (!value) return fail("请填写姓名");
  if ([...value].length > NAME_MAX) return fail(`姓名最多 ${NAME_MAX} 个字`);
  return ok(value);
}

export function checkEmployeeNo(raw: string): Check<string> {
  const value = normalizeEmployeeNo(raw);
  if (!value) return fail("请填写工号");
  if (value.length > EMPLOYEE_NO_MAX) return fail(`工号最多 ${EMPLOYEE_NO_MAX} 位`);
  if (!EMPLOYEE_NO_PATTERN.test(value)) return fail("工号只能包含字母、数字、短横线和下划线");
  return ok(value);
}

export function checkMobile(raw: string): Check<string | null> {
  const value = normalizeMobile(raw);
  if (!value) return ok(null);
  if (!MOBILE_PATTERN.test(value)) return fail(`手机号「${value}」不是 11 位中国大陆手机号码`);
  return ok(value);
}

const GENDER_WORDS: Record<string, Gender> = {
  男: "male",
  女: "female",
  male: "male",
  female: "female",
  m: "male",
  f: "female",
};

export function checkGender(raw: string): Check<Gender | null> {
  const value = normalizeText(raw).toLowerCase();
  if (!value) return ok(null);
  const gender = GENDER_WORDS[value];
  return gender ? ok(gender) : fail(`性别「${normalizeText(raw)}」无效，只能填 男 或 女`);
}

/** Common spellings of a post mapped to the canonical name. */
const POST_ALIASES: Record<string, Post> = { 站长: "站(队)长", 队长: "站(队)长", "站(队)长": "站(队)长" };

export function checkPost(raw: string): Check<Post> {
  const value = normalizeText(raw).replace(/\s/g, "");
  if (!value) return fail("请填写岗位");
  const post = POST_ALIASES[value] ?? (isPost(value) ? value : undefined);
  return post ? ok(post) : fail(`岗位「${value}」不存在，可选：${POSTS.join("、")}`);
}

export function checkRank(raw: string): Check<string | null> {
  const value = normalizeText(raw);
  if (!value) return ok(null);
  if ([...value].length > RANK_MAX) return fail(`职级最多 ${RANK_MAX} 个字`);
  return ok(value);
}

/** "YYYY-MM-DD" when y-m-d is a real calendar date in 1900–2100, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * A calendar date typed as text: "1990-05-01", "1990/5/1", "1990.5.1", "1990年5月1日" or
 * "19900501". Null when it is not one.
 */
export function parseDateText(raw: string): string | null {
  const text = normalizeText(raw).replace(/\s/g, "");
  const separated = text.match(/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/);
  if (separated) return isoDate(Number(separated[1]), Number(separated[3]), Number(separated[4]));
  const chinese = text.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日?$/);
  if (chinese) return isoDate(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]));
  const compact = text.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return null;
}

export function checkBirthDate(raw: string, today: string): Check<string | null> {
  const text = normalizeText(raw);
  if (!text) return ok(null);
  const date = parseDateText(text);
  if (!date) return fail(`出生日期「${text}」无效，应写成 1990-05-01 或 1990/5/1`);
  if (date > today) return fail(`出生日期 ${date} 晚于今天`);
  return ok(date);
}

/** A zod field for an optional form text input, validated by one of the checks above. */
function checkedField<T>(check: (raw: string) => Check<T>) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const result = check(raw ?? "");
      if (!result.ok) {
        ctx.issues.push({ code: "custom", message: result.message, input: raw });
        return z.NEVER;
      }
      return result.value;
    });
}

export const nameField = checkedField(checkName);
export const employeeNoField = checkedField(checkEmployeeNo);
export const mobileField = checkedField(checkMobile);
export const genderField = checkedField(checkGender);
export const postField = checkedField(checkPost);
export const rankField = checkedField(checkRank);
export const birthDateField = checkedField((raw) => checkBirthDate(raw, todayInShanghai()));

/** A select of ids: blank or malformed means "not chosen". */
export function idField(message: string) {
  return z.coerce.number({ error: message }).int(message).positive(message);
}
