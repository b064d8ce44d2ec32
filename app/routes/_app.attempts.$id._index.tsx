import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { answerField, answerFromValues, flagField } from "~/components/exam/answer-form";
import { TakingPage } from "~/components/exam/taking-page";
import { takerAttempt } from "~/modules/exams/attempt-view.server";
import { AttemptNotFound, closeIfOverdue, DEFAULT_SAVE_GRACE_MS, ExamRefusal, submitAttempt } from "~/modules/exams/attempts.server";
import { saveFormAnswers } from "~/modules/exams/my-exams.server";
import { busyHeaders } from "~/server/unavailable";
import { isTransientDbError } from "#db/sql-helpers";
import examStyles from "~/styles/exam-taking.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.attempt.title ?? "考试"} · 作答` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { id } = getParams(args.params, idParam);
  const now = Date.now();
  const attempt = await takerAttempt(args.context.db, id, user.id, now);
  if (!attempt) notFound();
  // An overdue attempt is closed by whichever request touches it first (DESIGN invariant 2); the
  // attempt just read says whether it is overdue, so a page within time costs no further query.
  const overdue = now > attempt.deadlineAt + DEFAULT_SAVE_GRACE_MS;
  const closed = attempt.status !== "open" || (overdue && (await closeIfOverdue(args.context.db, id, now, DEFAULT_SAVE_GRACE_MS)));
  if (closed) throw redirect(`/attempts/${id}/result`);
  return { attempt, serverNow: now };
}

const intentSchema = z.object({ intent: z.enum(["save", "submit"]) });

export async function action(args: ActionFunctionArgs) {
  try {
    return await takeAction(args);
  } catch (error) {
    // The database went away mid-save or mid-submit: nothing was lost (the page's journal keeps
    // every answer, and a submit either closed the attempt or did not), so say "try again".
    if (!isTransientDbError(error)) throw error;
    return data({ errors: {}, message: "系统繁忙，操作未完成，请稍后再试；已作答的答案不会丢失" }, { status: 503, headers: busyHeaders() });
  }
}

async function takeAction(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { id } = getParams(args.params, idParam);
  const form = await args.request.formData();
  const parsed = intentSchema.safeParse({ intent: form.get("intent") });
  if (!parsed.success) return { errors: {}, message: "请求无效" };
  const db = args.context.db;
  const attempt = await takerAttempt(db, id, user.id);
  if (!attempt) notFound();
  if (attempt.status !== "open") throw redirect(`/attempts/${id}/result`);
  let errors: Record<number, string> = {};
  // The no-JavaScript page posts every answer with the button; the script posts only the intent.
  if (form.get("answers") === "1") {
    const submitted = new Map(
      attempt.items.map((item) => [
        item.position,
        { answer: answerFromValues(item.type, form.getAll(answerField(item.position)).map(String), item.blanks), flagged: form.get(flagField(item.position)) === "1" },
      ]),
    );
    errors = await saveFormAnswers(db, { attemptId: id, personId: user.id, stored: attempt.items, submitted });
    if (Object.values(errors).some((e) => /交卷/.test(e))) throw redirect(`/attempts/${id}/result`);
  }
  if (Object.keys(errors).length > 0) return { errors, message: "有答案未能保存，请检查标出的题目" };
  if (parsed.data.intent === "save") return { errors, message: "答案已保存" };
  try {
    await submitAttempt(db, { attemptId: id, personId: user.id });
  } catch (error) {
    if (error instanceof AttemptNotFound) notFound();
    if (error instanceof ExamRefusal) return { errors, message: error.message };
    throw error;
  }
  throw redirect(`/attempts/${id}/result`);
}

// The same object on every render: the page treats a new `errors` object as a new action result.
const NO_ERRORS: Record<number, string> = {};

export default function TakeAttempt() {
  const { attempt, serverNow } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <TakingPage key={attempt.id} attempt={attempt} serverNow={serverNow} errors={result?.errors ?? NO_ERRORS} message={result?.message ?? null} />;
}
