import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyRow } from "~/components/empty-row";
import { choicesOf, FilterSearch, FilterSelect, ListFilterForm } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { categoryOptions, listAuthoringCourses } from "~/modules/courses/authoring.server";
import { COURSE_STATUS_LABELS } from "~/modules/courses/categories";
import { COURSE_STATUSES, parseCourseListFilters } from "~/modules/courses/course-schema";
import { creditedHoursX100, formatHours } from "~/modules/study/hours";
import { getHoursRule } from "~/modules/study/settings.server";
import coursesStyles from "~/styles/courses.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { pageParam } from "~/utils/pagination";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }];

export const meta: MetaFunction = () => [{ title: "课程 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:author");
  const { db } = args.context;
  const params = new URL(args.request.url).searchParams;
  const filters = parseCourseListFilters(params);
  const page = pageParam.parse(params.get("page") ?? undefined);
  const [result, categories, rule] = await Promise.all([
    listAuthoringCourses(db, user.id, filters, page),
    categoryOptions(db),
    getHoursRule(db),
  ]);
  return {
    filters,
    categories,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    rows: result.rows.map((r) => ({
      ...r,
      statusLabel: COURSE_STATUS_LABELS[r.status],
      hours: formatHours(creditedHoursX100(r.minutes, rule)),
      updatedAt: formatInstant(r.updatedAt),
    })),
  };
}

const STATUS_BADGE = { draft: "badge", published: "badge badge--ok", archived: "badge badge--off" } as const;

export default function CourseList() {
  const { filters, categories, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>课程</h1>
        <Link className="btn btn--primary" to="/courses/new">
          新建课程
        </Link>
      </div>

      <ListFilterForm path="/courses" className="filters authoring-filters" actionsClassName="authoring-filters__actions">
        <FilterSearch label="课程名称 / 简介" value={filters.q} placeholder="输入关键词" />
        <FilterSelect label="状态" name="status" value={filters.status} anyLabel="全部状态" choices={choicesOf(COURSE_STATUS_LABELS, COURSE_STATUSES)} />
        <FilterSelect label="分类" name="category" value={filters.category} anyLabel="全部分类" choices={categories.map((c) => ({ value: c.code, label: c.name }))} />
        <label className="authoring-check">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine === "1"} />
          只看我负责的
        </label>
      </ListFilterForm>

      <div className="table-wrap">
        <table className="table authoring-table">
          <thead>
            <tr>
              <th>课程名称</th>
              <th>分类</th>
              <th>状态</th>
              <th className="authoring-num">课时</th>
              <th className="authoring-num">分钟</th>
              <th className="authoring-num">学时</th>
              <th>负责人</th>
              <th>最近修改</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <EmptyRow colSpan={8} className="authoring-empty muted">
                没有符合条件的课程
              </EmptyRow>
            ) : (
              rows.map((c) => (
                <tr key={c.id}>
                  <td className="authoring-table__title">
                    <Link to={`/courses/${c.id}`}>{c.title}</Link>
                    {c.imported ? <span className="badge authoring-badge">导入</span> : null}
                  </td>
                  <td>{c.categoryName}</td>
                  <td>
                    <span className={STATUS_BADGE[c.status]}>{c.statusLabel}</span>
                  </td>
                  <td className="authoring-num">{c.lessonCount}</td>
                  <td className="authoring-num">{c.minutes}</td>
                  <td className="authoring-num">{c.hours}</td>
                  <td>{c.owners.length > 0 ? c.owners.map((o) => o.name).join("、") : <span className="muted">（未指定）</span>}</td>
                  <td>{c.updatedAt}</td>
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
