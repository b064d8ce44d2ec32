import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isTransientDbError } from "#db/sql-helpers";
import { AttemptNotFound, ExamRefusal, saveAnswer } from "~/modules/exams/attempts.server";
import { remainingMs } from "~/modules/exams/timing";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { getParams, idParam } from "~/utils/params.server";
import { RETRY_AFTER_SECONDS } from "~/server/unavailable";

// The answer's own shape is checked against the frozen question by saveAnswer.
const bodySchema = z.object({
  position: z.number().int().positive(),
  answer: z.unknown(),
  flagged: z.boolean().optional(),
  seq: z.number().int().positive(),
});

const noStore = { "Cache-Control": "no-store" };

/** Autosave of one answer from the taking page (JSON in, JSON out). */
export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { id } = getParams(args.params, idParam);
  if (args.request.method !== "POST") return new Response("Method Not Allowed", { status: 405 });
  const parsed = bodySchema.safeParse(await args.request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "请求无效" }, { status: 400, headers: noStore });
  const now = Date.now();
  try {
    const saved = await saveAnswer(args.context.db, { attemptId: id, personId: user.id, ...parsed.data, answer: parsed.data.answer ?? null, now });
    const { deadlineAt, ...reply } = saved;
    return Response.json({ ...reply, remainingMs: remainingMs(now, deadlineAt) }, { headers: noStore });
  } catch (error) {
    if (error instanceof AttemptNotFound) return Response.json({ error: "题目不存在" }, { status: 404, headers: noStore });
    if (error instanceof ExamRefusal) return Response.json({ error: error.message }, { status: 409, headers: noStore });
    // The page keeps the answer in its journal and sends it again after Retry-After.
    if (isTransientDbError(error)) {
      return Response.json({ error: "系统繁忙，请稍后重试" }, { status: 503, headers: { ...noStore, "Retry-After": String(RETRY_AFTER_SECONDS) } });
    }
    throw error;
  }
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
