import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AttemptLine, PHASE_LABELS } from "~/components/exam/attempt-line";
import { myExams } from "~/modules/exams/my-exams.server";
import examStyles from "~/styles/exam-taking.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];
export const meta: MetaFunction = () => [{ title: "我的考试" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const exams = await myExams(args.context.db, user);
  return {
    exams: exams.map((e) => ({
      ...e,
      window: `${formatInstant(e.opensAt)} 至 ${formatInstant(e.closesAt)}`,
      attempts: e.attempts.map((a) => ({ ...a, finishedLabel: a.finishedAt ? formatInstant(a.finishedAt) : null })),
    })),
  };
}

export default function MyExams() {
  const { exams } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>我的考试</h1>
        <Link to="/my/results">我的成绩与证书</Link>
      </div>
      {exams.length === 0 ? <p className="muted">暂时没有安排给你的考试。</p> : null}
      <div className="exam-list">
        {exams.map((e) => (
          <section key={e.id} className="card exam-card">
            <h2>
              <Link to={`/my/exams/${e.id}`}>{e.title}</Link> <span className={`badge exam-phase--${e.phase}`}>{PHASE_LABELS[e.phase]}</span>
            </h2>
            <p className="muted">
              {e.window} · 限时 {e.durationMinutes} 分钟 · 已考 {e.attemptsUsed}/{e.attemptsAllowed} 次
            </p>
            {e.attempts.length ? (
              <ul className="exam-attempts">
                {e.attempts.map((a) => (
                  <AttemptLine key={a.id} attempt={a} />
                ))}
              </ul>
            ) : null}
            {e.openAttemptId ? (
              <Link className="btn btn--primary exam-cta" to={`/attempts/${e.openAttemptId}`}>
                继续作答
              </Link>
            ) : e.refusal ? (
              <p className="exam-refusal">{e.refusal}</p>
            ) : (
              <Link className="btn btn--primary exam-cta" to={`/my/exams/${e.id}`}>
                开始考试
              </Link>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
