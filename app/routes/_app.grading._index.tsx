import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { gradingQueue } from "~/modules/exams/grading-queue.server";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "阅卷 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:grade");
  return { exams: await gradingQueue(args.context.db) };
}

export default function GradingQueue() {
  const { exams } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>阅卷</h1>
      </div>
      <p className="muted">按题阅卷，答卷不显示姓名、工号和单位。一个考生的简答全部评完后，成绩即为最终成绩。</p>
      {exams.length === 0 ? (
        <p className="muted">暂无待阅的简答题。</p>
      ) : (
        exams.map((exam) => (
          <section className="card" key={exam.examId}>
            <h2>
              {exam.title} <span className="badge">待阅 {exam.pending}</span>
            </h2>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>题目</th>
                    <th>待阅份数</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  {exam.questions.map((q) => (
                    <tr key={q.questionId}>
                      <td>{q.label}</td>
                      <td>{q.pending}</td>
                      <td>
                        <Link className="btn btn--small btn--primary" to={`/grading/${exam.examId}/${q.questionId}`}>
                          开始阅卷
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </>
  );
}
