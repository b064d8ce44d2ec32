import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExamHistoryTable } from "~/components/exam-history-table";
import { examHistoryOf, historyView } from "~/modules/exams/history.server";
import certificateStyles from "~/styles/certificates.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateStyles }];

export const meta: MetaFunction = () => [{ title: "我的成绩 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "self:read");
  // Own results only, and scores only as far as each exam's score policy allows.
  const rows = await examHistoryOf(args.context.db, user.id, { audience: "self" });
  return { rows: historyView(rows, (ms) => formatInstant(ms)) };
}

export default function MyResults() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>我的成绩与证书</h1>
        <Link className="btn" to="/my/exams">
          我的考试
        </Link>
      </div>
      <ExamHistoryTable rows={rows} linkExams />
    </>
  );
}
