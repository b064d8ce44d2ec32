import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { examsWithParticipation } from "~/modules/exams/reports.server";
import examReportStyles from "~/styles/exam-reports.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examReportStyles }];

export const meta: MetaFunction = () => [{ title: "考试统计 · 应急培训考试积分平台" }];

const KIND_LABELS: Record<string, string> = { final: "结业考试", certificate: "取证考试", practice: "练习", contest: "竞赛" };

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "report:exam");
  const exams = await examsWithParticipation(args.context.db, user);
  return {
    exams: exams.map((e) => ({
      id: e.id,
      title: e.title,
      kind: KIND_LABELS[e.kind] ?? e.kind,
      archived: e.status === "archived",
      window: `${formatInstant(e.opensAt)} 至 ${formatInstant(e.closesAt)}`,
      participants: e.participants,
      attempts: e.attempts,
    })),
  };
}

export default function ExamReports() {
  const { exams } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>考试统计</h1>
      </div>
      <p className="muted">参考人数按考生参加考试时所在单位统计，只含您有权查看的单位。</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>考试</th>
              <th>类型</th>
              <th>考试时间</th>
              <th>参考人数</th>
              <th>答卷数</th>
            </tr>
          </thead>
          <tbody>
            {exams.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  还没有已发布的考试
                </td>
              </tr>
            ) : (
              exams.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/reports/exams/${e.id}`}>{e.title}</Link> {e.archived ? <span className="badge badge--off">已归档</span> : null}
                  </td>
                  <td>{e.kind}</td>
                  <td>{e.window}</td>
                  <td>{e.participants}</td>
                  <td>{e.attempts}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
