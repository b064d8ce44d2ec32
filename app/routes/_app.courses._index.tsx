import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FilterActions } from "~/components/filter-actions";
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
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/courses";
  return (
    <>
      <div className="page-header">
        <h1>课程</h1>
        <Link className="btn btn--primary" to="/courses/new">
          新建课程
        </Link>
      </div>

      <Form method="get" className="filters authoring-filters" role="search">
        <label>
          <span className="muted">课程名称 / 简介</span>
          <input type="search" name="q" defaultValue={filters.q ?? ""} placeholder="输入关键词" maxLength={50} />
        </label>
        <label>
          <span className="muted">状态</span>
          <select name="status" defaultValue={filters.status ?? ""}>
            <option value="">全部状态</option>
            {COURSE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {COURSE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="muted">分类</span>
          <select name="category" defaultValue={filters.category ?? ""}>
            <option value="">全部分类</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="authoring-check">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine === "1"} />
          只看我负责的
        </label>
        <FilterActions resetTo="/courses" searching={searching} className="authoring-filters__actions" />
      </Form>

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
              <tr>
                <td colSpan={8} className="authoring-empty muted">
                  没有符合条件的课程
                </td>
              </tr>
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
