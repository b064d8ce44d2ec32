import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyRow } from "~/components/empty-row";
import { choicesOf, FilterSearch, FilterSelect, ListFilterForm } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { listPapers } from "~/modules/exams/authoring.server";
import { formatPoints, PAPER_MODE_LABELS, parsePaperListFilters } from "~/modules/exams/paper-schema";
import coursesStyles from "~/styles/courses.css";
import examsStyles from "~/styles/exams-admin.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { pageParam } from "~/utils/pagination";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: examsStyles },
];

export const meta: MetaFunction = () => [{ title: "试卷 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  const params = new URL(args.request.url).searchParams;
  const filters = parsePaperListFilters(params);
  const result = await listPapers(args.context.db, filters, pageParam.parse(params.get("page") ?? undefined));
  return {
    filters,
    ...result,
    rows: result.rows.map((r) => ({ ...r, modeLabel: PAPER_MODE_LABELS[r.mode], total: formatPoints(r.totalX100), updatedAt: formatInstant(r.updatedAt) })),
  };
}

export default function PaperList() {
  const { filters, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>试卷</h1>
        <div className="authoring-actions">
          <Link className="btn" to="/exams">
            考试管理
          </Link>
          <Link className="btn btn--primary" to="/papers/new">
            新建试卷
          </Link>
        </div>
      </div>
      <ListFilterForm path="/papers" className="filters authoring-filters" actionsClassName="authoring-filters__actions">
        <FilterSearch label="试卷名称" value={filters.q} placeholder="输入关键词" />
        <FilterSelect label="组卷方式" name="mode" value={filters.mode} anyLabel="全部" choices={choicesOf(PAPER_MODE_LABELS)} />
      </ListFilterForm>
      <div className="table-wrap">
        <table className="table authoring-table">
          <thead>
            <tr>
              <th>试卷名称</th>
              <th>组卷方式</th>
              <th className="authoring-num">题数</th>
              <th className="authoring-num">总分</th>
              <th>最近修改</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <EmptyRow colSpan={5} className="authoring-empty muted">
                没有符合条件的试卷
              </EmptyRow>
            ) : (
              rows.map((p) => (
                <tr key={p.id}>
                  <td className="authoring-table__title">
                    <Link to={`/papers/${p.id}`}>{p.title}</Link>
                  </td>
                  <td>{p.modeLabel}</td>
                  <td className="authoring-num">{p.questionCount}</td>
                  <td className="authoring-num">{p.total}</td>
                  <td>{p.updatedAt}</td>
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
