import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyRow } from "~/components/empty-row";
import { choicesOf, FilterSearch, FilterSelect, ListFilterForm } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { examPhase, listExams } from "~/modules/exams/authoring.server";
import { CERTIFICATE_TYPE_LABELS, EXAM_KIND_LABELS, EXAM_STATUS_LABELS, parseExamListFilters } from "~/modules/exams/exam-schema";
import coursesStyles from "~/styles/courses.css";
import examsStyles from "~/styles/exams-admin.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { pageParam } from "~/utils/pagination";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: examsStyles },
];

export const meta: MetaFunction = () => [{ title: "考试管理 · 应急培训考试积分平台" }];

const PHASES = {
  draft: { label: "草稿", badge: "badge" },
  archived: { label: "已归档", badge: "badge badge--off" },
  upcoming: { label: "未开始", badge: "badge" },
  open: { label: "进行中", badge: "badge badge--ok" },
  closed: { label: "已结束", badge: "badge badge--off" },
} as const;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  const params = new URL(args.request.url).searchParams;
  const filters = parseExamListFilters(params);
  const result = await listExams(args.context.db, filters, pageParam.parse(params.get("page") ?? undefined));
  const now = Date.now();
  return {
    filters,
    ...result,
    rows: result.rows.map((e) => ({
      id: e.id,
      title: e.title,
      kind:
        e.kind === "certificate" && e.certificate_type
          ? (CERTIFICATE_TYPE_LABELS[e.certificate_type as keyof typeof CERTIFICATE_TYPE_LABELS] ?? EXAM_KIND_LABELS.certificate)
          : EXAM_KIND_LABELS[e.kind],
      window: `${formatInstant(e.opens_at)} – ${formatInstant(e.closes_at)}`,
      phase: PHASES[examPhase(e, now)],
      attempts: e.attempts,
      takers: e.takers,
    })),
  };
}

export default function ExamList() {
  const { filters, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>考试管理</h1>
        <div className="authoring-actions">
          <Link className="btn" to="/papers">
            试卷
          </Link>
          <Link className="btn btn--primary" to="/exams/new">
            新建考试
          </Link>
        </div>
      </div>
      <ListFilterForm path="/exams" className="filters authoring-filters" actionsClassName="authoring-filters__actions">
        <FilterSearch label="考试名称" value={filters.q} placeholder="输入关键词" />
        <FilterSelect label="类型" name="kind" value={filters.kind} anyLabel="全部类型" choices={choicesOf(EXAM_KIND_LABELS)} />
        <FilterSelect label="状态" name="status" value={filters.status} anyLabel="未归档" choices={choicesOf(EXAM_STATUS_LABELS)} />
      </ListFilterForm>
      <div className="table-wrap">
        <table className="table authoring-table">
          <thead>
            <tr>
              <th>考试名称</th>
              <th>类型</th>
              <th>时间窗（北京时间）</th>
              <th>状态</th>
              <th className="authoring-num">作答人次</th>
              <th className="authoring-num">参考人数</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <EmptyRow colSpan={6} className="authoring-empty muted">
                没有符合条件的考试
              </EmptyRow>
            ) : (
              rows.map((e) => (
                <tr key={e.id}>
                  <td className="authoring-table__title">
                    <Link to={`/exams/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{e.kind}</td>
                  <td>{e.window}</td>
                  <td>
                    <span className={e.phase.badge}>{e.phase.label}</span>
                  </td>
                  <td className="authoring-num">{e.attempts}</td>
                  <td className="authoring-num">{e.takers}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}
