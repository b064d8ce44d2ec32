// The autosave endpoint's logic, independent of the web framework: one answer from the taking
// page's script (JSON in, JSON out). It is the busiest request of a city-wide exam, so the server
// serves it straight from express (app/server/autosave.ts) rather than through the Remix router.
import { z } from "zod";
import type { Db } from "#db/client";
import { DB_RETRY_AFTER_SECONDS, isTransientDbError } from "#db/sql-helpers";
import { can } from "~/modules/auth/permissions";
import type { SessionUser } from "~/modules/auth/session.server";
import { AttemptNotFound, ExamRefusal, saveAnswer } from "./attempts.server";
import { remainingMs } from "./timing";

// The answer's own shape is checked against the frozen question by saveAnswer.
const bodySchema = z.object({
  position: z.number().int().positive(),
  answer: z.unknown(),
  flagged: z.boolean().optional(),
  seq: z.number().int().positive(),
});

export type AutosaveReply =
  | { status: 200 | 400 | 404 | 409 | 503; body: Record<string, unknown>; retryAfterSeconds?: number }
  | { status: 302; location: string };

/**
 * Saves one answer for the signed-in `user`. Not signed in: to the login page (the page's script
 * keeps the answer and resends it after signing in again); must change the initial password:
 * to that page; no right to study or not this person's attempt: 404.
 */
export async function autosave(db: Db, input: { user: SessionUser | null; attemptId: string; body: unknown; requestPath: string; now?: number }): Promise<AutosaveReply> {
  const { user } = input;
  if (!user) return { status: 302, location: `/login?redirectTo=${encodeURIComponent(input.requestPath)}` };
  if (user.mustChangePassword) return { status: 302, location: "/password" };
  const attemptId = /^[1-9]\d{0,15}$/.test(input.attemptId) ? Number(input.attemptId) : null;
  if (attemptId === null || !can(user, "study")) return { status: 404, body: { error: "题目不存在" } };
  const parsed = bodySchema.safeParse(input.body);
  if (!parsed.success) return { status: 400, body: { error: "请求无效" } };
  const now = input.now ?? Date.now();
  try {
    const { deadlineAt, ...saved } = await saveAnswer(db, { attemptId, personId: user.id, ...parsed.data, answer: parsed.data.answer ?? null, now });
    return { status: 200, body: { ...saved, remainingMs: remainingMs(now, deadlineAt) } };
  } catch (error) {
    if (error instanceof AttemptNotFound) return { status: 404, body: { error: "题目不存在" } };
    if (error instanceof ExamRefusal) return { status: 409, body: { error: error.message } };
    // The page keeps the answer in its journal and sends it again after Retry-After.
    if (isTransientDbError(error)) return { status: 503, body: { error: "系统繁忙，请稍后重试" }, retryAfterSeconds: DB_RETRY_AFTER_SECONDS };
    throw error;
  }
}
