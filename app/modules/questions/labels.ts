// Words and badge classes for questions and banks, shared by the bank pages and the question pages.
// Client-safe: plain constants and functions only.
import type { BankMemberRole, QuestionStatus } from "#db/schema";
import type { BankAccess } from "./access";
import { QUESTION_TYPE_LABELS, type QuestionType } from "./model";
import { QUESTION_STATUS_LABELS } from "./search-schema";

export { QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS };

export const QUESTION_STATUS_BADGES: Record<QuestionStatus, string> = {
  draft: "badge",
  published: "badge badge--ok",
  retired: "badge badge--off",
};

/** The label of a type read from a database row (a plain string there). */
export function typeLabel(type: string): string {
  return QUESTION_TYPE_LABELS[type as QuestionType] ?? type;
}

export const DIFFICULTY_LABELS: Record<number, string> = { 1: "易", 2: "较易", 3: "中等", 4: "较难", 5: "难" };

/** "3 中等", or a dash when the question has no difficulty. */
export function difficultyLabel(difficulty: number | null | undefined): string {
  if (!difficulty) return "—";
  return `${difficulty} ${DIFFICULTY_LABELS[difficulty] ?? ""}`.trim();
}

export function versionLabel(version: number): string {
  return `第 ${version} 版`;
}

export const BANK_ROLE_LABELS: Record<BankMemberRole, string> = { owner: "负责人", editor: "编辑" };

export const BANK_ACCESS_LABELS: Record<Exclude<BankAccess, "none">, string> = { manage: "管理", edit: "编辑试题", read: "只读" };
