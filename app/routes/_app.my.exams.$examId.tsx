import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { AttemptLine, PHASE_LABELS, points } from "~/components/exam/attempt-line";
import { AttemptNotFound, ExamRefusal, startAttempt } from "~/modules/exams/attempts.server";
import { myExam } from "~/modules/exams/my-exams.server";
import examStyles from "~/styles/exam-taking.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.exam.title ?? "考试"} · 我的考试` }];

const examParam = z.object({ examId: z.coerce.number().int().positive() });

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { examId } = getParams(args.params, examParam);
  const exam = await myExam(args.context.db, user, examId);
  if (!exam) notFound();
  return {
    exam: {
      ...exam,
      opensLabel: formatInstant(exam.opensAt),
      closesLabel: formatInstant(exam.closesAt),
      attempts: exam.attempts.map((a) => ({ ...a, finishedLabel: a.finishedAt ? formatInstant(a.finishedAt) : null })),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { examId } = getParams(args.params, examParam);
  try {
    const { attemptId } = await startAttempt(args.context.db, { examId, taker: user });
    throw redirect(`/attempts/${attemptId}`);
  } catch (error) {
    if (error instanceof AttemptNotFound) notFound();
    if (error instanceof ExamRefusal) return { refusal: error.message };
    throw error;
  }
}

export default function ExamIntro() {
  const { exam } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const starting = useNavigation().state !== "idle";
  const left = Math.max(0, exam.attemptsAllowed - exam.attemptsUsed);
  const refusal = result?.refusal ?? exam.refusal;
  return (
    <>
      <p>
        <Link to="/my/exams">← 我的考试</Link>
      </p>
      <div className="page-header">
        <h1>{exam.title}</h1>
      </div>
      <section className="card">
        <span className={`badge exam-phase--${exam.phase}`}>{PHASE_LABELS[exam.phase]}</span>
        {exam.description ? <p>{exam.description}</p> : null}
        <dl className="kv exam-rules">
          <dt>考试时间</dt>
          <dd>
            {exam.opensLabel} 至 {exam.closesLabel}
          </dd>
          <dt>答题时长</dt>
          <dd>{exam.durationMinutes} 分钟（开始后计时，到时自动交卷）</dd>
          <dt>题量与总分</dt>
          <dd>
            {exam.questionCount} 题，共 {points(exam.totalX100)} 分
          </dd>
          <dt>及格分</dt>
          <dd>{points(exam.passX100)} 分</dd>
          <dt>剩余机会</dt>
          <dd>
            {left} 次（共 {exam.attemptsAllowed} 次）
          </dd>
        </dl>
        <p className="muted">作答过程中答案自动保存；断网时答案暂存在本机，联网后自动上传。</p>
        {exam.openAttemptId ? (
          <Link className="btn btn--primary exam-cta" to={`/attempts/${exam.openAttemptId}`}>
            继续作答
          </Link>
        ) : refusal ? (
          <p className="exam-refusal" role="alert">
            {refusal}
          </p>
        ) : (
          <Form method="post">
            <button type="submit" className="btn btn--primary exam-cta" disabled={starting}>
              开始考试
            </button>
          </Form>
        )}
      </section>
      {exam.attempts.length ? (
        <section className="card">
          <h2>我的作答记录</h2>
          <ul className="exam-attempts">
            {exam.attempts.map((a) => (
              <AttemptLine key={a.id} attempt={a} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
