import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyRow } from "~/components/empty-row";
import { choicesOf, FilterSearch, FilterSelect, ListFilterForm } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { can } from "~/modules/auth/permissions";
import { listCategories } from "~/modules/courses/courses.server";
import { INSTRUCTOR_KINDS, INSTRUCTOR_LEVELS, KIND_LABELS, STATUS_FILTER_LABELS, STATUS_FILTERS } from "~/modules/instructors/constants";
import { listInstructors } from "~/modules/instructors/instructors.server";
import { formatRating } from "~/modules/instructors/rating";
import { parseInstructorFilters } from "~/modules/instructors/schemas";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { pageParam } from "~/utils/pagination";

export const meta: MetaFunction = () => [{ title: "师资库 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "instructor:read");
  const { db } = args.context;
  const params = new URL(args.request.url).searchParams;
  const filters = parseInstructorFilters(params);
  const page = pageParam.parse(params.get("page") ?? undefined);
  const [result, categories] = await Promise.all([listInstructors(db, filters, page), listCategories(db)]);
  return {
    filters,
    ...result,
    categories: categories.map((c) => ({ code: c.code, name: c.name })),
    canManage: can(user, "instructor:manage"),
  };
}

export default function InstructorList() {
  const { filters, rows, total, page, pageCount, categories, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>师资库</h1>
        {canManage ? (
          <Link className="btn btn--primary" to="/instructors/new">
            新增教员
          </Link>
        ) : null}
      </div>

      <ListFilterForm path="/instructors" className="filters">
        <FilterSearch label="姓名 / 单位" value={filters.q} placeholder="输入姓名或工作单位" />
        <FilterSelect label="专长" name="specialty" value={filters.specialty} anyLabel="全部专长" choices={categories.map((c) => ({ value: c.code, label: c.name }))} />
        <FilterSelect label="级别" name="level" value={filters.level} anyLabel="全部级别" choices={INSTRUCTOR_LEVELS.map((level) => ({ value: level, label: level }))} />
        <FilterSelect label="类别" name="kind" value={filters.kind} anyLabel="内部和外聘" choices={choicesOf(KIND_LABELS, INSTRUCTOR_KINDS)} />
        <FilterSelect label="状态" name="status" value={filters.status} choices={choicesOf(STATUS_FILTER_LABELS, STATUS_FILTERS)} />
      </ListFilterForm>

      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>姓名</th>
              <th>类别</th>
              <th>级别</th>
              <th>单位 / 机构</th>
              <th>专长</th>
              <th>评分</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <EmptyRow colSpan={7} style={{ textAlign: "center", padding: "1.5rem" }}>
                没有符合条件的教员
              </EmptyRow>
            ) : (
              rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/instructors/${r.id}`}>{r.name}</Link>
                    {r.title ? <span className="muted"> · {r.title}</span> : null}
                  </td>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td>{r.level}</td>
                  <td>{r.affiliation}</td>
                  <td>{r.specialties.join("、") || <span className="muted">—</span>}</td>
                  <td>{r.ratingCount > 0 ? `${formatRating(r.ratingX100)}（${r.ratingCount}）` : <span className="muted">暂无</span>}</td>
                  <td>{r.active ? <span className="badge badge--ok">在库</span> : <span className="badge badge--off">已停用</span>}</td>
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
