import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FilterActions } from "~/components/filter-actions";
import { Pagination } from "~/components/pagination";
import { can } from "~/modules/auth/permissions";
import { POSTS, STATUS_LABELS } from "~/modules/people/constants";
import { getUnit } from "~/modules/org/units.server";
import { listPeople } from "~/modules/people/list.server";
import { listTiers, unitOptions } from "~/modules/people/options.server";
import { filtersToSearch, parsePeopleFilters } from "~/modules/people/schemas";
import peopleStyles from "~/styles/people.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { pageParam } from "~/utils/pagination";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];

export const meta: MetaFunction = () => [{ title: "人员管理 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:read");
  const { db } = args.context;
  const params = new URL(args.request.url).searchParams;
  const filters = parsePeopleFilters(params);
  const page = pageParam.parse(params.get("page") ?? undefined);
  const [result, tiers, units, selectedUnit] = await Promise.all([
    listPeople(db, user, filters, page),
    listTiers(db, { includeInactive: true }),
    unitOptions(db, user, "person:read", { leaves: false }),
    filters.unit ? getUnit(db, filters.unit) : Promise.resolve(undefined),
  ]);
  // A village chosen elsewhere (the org page links here with ?unit=) stays visible in the picker.
  if (selectedUnit && can(user, "person:read", selectedUnit.path) && !units.some((u) => u.id === selectedUnit.id)) {
    units.unshift({ id: selectedUnit.id, name: selectedUnit.name, label: selectedUnit.name });
  }
  return {
    filters,
    ...result,
    tiers,
    units,
    exportHref: `/people/export.xlsx?${filtersToSearch(filters)}`,
    canWrite: can(user, "person:write"),
    canImport: can(user, "person:import"),
  };
}

export default function PeopleList() {
  const { filters, rows, total, page, pageCount, tiers, units, exportHref, canWrite, canImport } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/people";
  return (
    <>
      <div className="page-header">
        <h1>人员管理</h1>
        <div className="people-actions">
          {canWrite ? (
            <Link className="btn btn--primary" to="/people/new">
              新增人员
            </Link>
          ) : null}
          {canImport ? (
            <Link className="btn" to="/people/import">
              批量导入
            </Link>
          ) : null}
          <a className="btn" href={exportHref} download>
            导出Excel
          </a>
        </div>
      </div>

      <Form method="get" className="filters people-filters" role="search">
        <label>
          <span className="muted">姓名 / 工号 / 手机</span>
          <input type="search" name="q" defaultValue={filters.q ?? ""} placeholder="输入姓名、工号或手机号" maxLength={50} />
        </label>
        <label>
          <span className="muted">单位（含下级）</span>
          <select name="unit" defaultValue={filters.unit ?? ""}>
            <option value="">全部单位</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="muted">岗位</span>
          <select name="post" defaultValue={filters.post ?? ""}>
            <option value="">全部岗位</option>
            {POSTS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="muted">培训层级</span>
          <select name="tier" defaultValue={filters.tier ?? ""}>
            <option value="">全部层级</option>
            {tiers.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="muted">状态</span>
          <select name="status" defaultValue={filters.status}>
            <option value="active">{STATUS_LABELS.active}</option>
            <option value="left">{STATUS_LABELS.left}</option>
            <option value="all">全部</option>
          </select>
        </label>
        <FilterActions resetTo="/people" searching={searching} />
      </Form>

      <div className="table-wrap">
        <table className="table people-table">
          <thead>
            <tr>
              <th>姓名</th>
              <th>工号</th>
              <th>手机</th>
              <th>岗位</th>
              <th>层级</th>
              <th>单位</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="people-empty muted">
                  没有符合条件的人员
                </td>
              </tr>
            ) : (
              rows.map((p) => (
                <tr key={p.id} className={p.status === "left" ? "people-row--left" : undefined}>
                  <td>
                    <Link to={`/people/${p.id}`}>{p.name}</Link>
                  </td>
                  <td className="people-table__mono">{p.employeeNo}</td>
                  <td className="people-table__mono">{p.mobile ?? ""}</td>
                  <td>{p.post}</td>
                  <td>{p.tierName}</td>
                  <td>{p.unitName}</td>
                  <td>
                    <span className={p.status === "active" ? "badge badge--ok" : "badge badge--off"}>{STATUS_LABELS[p.status]}</span>
                  </td>
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
