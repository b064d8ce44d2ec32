import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { points } from "~/components/exam/attempt-line";
import { ReviewItem } from "~/components/exam/review-item";
import { attemptResult } from "~/modules/exams/attempt-view.server";
import { closeIfOverdue, DEFAULT_SAVE_GRACE_MS } from "~/modules/exams/attempts.server";
import examStyles from "~/styles/exam-taking.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.result.title ?? "考试"} · 成绩` }];

function whenVisible(policy: string, closesAt: number): string {
  if (policy === "never") return "本考试不公布";
  if (policy === "after_close") return `将于考试结束（${formatInstant(closesAt)}）后公布`;
  return "交卷后公布";
}

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { id } = getParams(args.params, idParam);
  const db = args.context.db;
  const now = Date.now();
  let result = await attemptResult(db, id, user.id, now);
  if (!result) notFound();
  if (result.status === "open") {
    if (!(await closeIfOverdue(db, id, now, DEFAULT_SAVE_GRACE_MS))) throw redirect(`/attempts/${id}`);
    result = (await attemptResult(db, id, user.id, now))!;
  }
  return {
    result: {
      ...result,
      finishedLabel: result.finishedAt ? formatInstant(result.finishedAt, "yyyy-MM-dd HH:mm:ss") : null,
      scoreWhen: whenVisible(result.scoreVisibility, result.closesAt),
      reviewWhen: whenVisible(result.reviewVisibility, result.closesAt),
    },
  };
}

export default function AttemptResultPage() {
  const { result } = useLoaderData<typeof loader>();
  const score = result.score;
  return (
    <>
      <p>
        <Link to={`/my/exams/${result.examId}`}>← 返回考试</Link>
      </p>
      <div className="page-header">
        <h1>{result.title} · 成绩</h1>
      </div>
      <section className="card exam-result">
        <p>
          交卷时间：{result.finishedLabel}
          {result.closedBy === "deadline" ? "（时间到自动交卷）" : ""}
        </p>
        {score ? (
          <>
            <p className="exam-result__score">
              {score.scoreX100 === null ? "—" : points(score.scoreX100)} <small>/ {points(score.maxX100)} 分</small>
            </p>
            {score.pending > 0 ? (
              <p className="badge">待阅卷（{score.pending} 题），阅卷后出最终成绩</p>
            ) : (
              <p className={score.passed ? "badge badge--ok" : "badge badge--off"}>{score.passed ? "通过" : "未通过"}（及格 {points(score.passX100)} 分）</p>
            )}
          </>
        ) : (
          <p className="muted">成绩{result.scoreWhen}。</p>
        )}
      </section>
      {result.review ? (
        <section className="card">
          <h2>答题回顾</h2>
          {result.review.map((item) => (
            <ReviewItem key={item.position} item={item} />
          ))}
        </section>
      ) : (
        <p className="muted">答题回顾（答案与解析）{result.reviewWhen}。</p>
      )}
      <p>
        <Link to="/my/exams">返回我的考试</Link>
      </p>
    </>
  );
}
