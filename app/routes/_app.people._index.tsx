import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyRow } from "~/components/empty-row";
import { FilterSearch, FilterSelect, ListFilterForm } from "~/components/list-filters";
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

      <ListFilterForm path="/people" className="filters people-filters">
        <FilterSearch label="姓名 / 工号 / 手机" value={filters.q} placeholder="输入姓名、工号或手机号" />
        <FilterSelect label="单位（含下级）" name="unit" value={filters.unit} anyLabel="全部单位" choices={units.map((u) => ({ value: u.id, label: u.label }))} />
        <FilterSelect label="岗位" name="post" value={filters.post} anyLabel="全部岗位" choices={POSTS.map((p) => ({ value: p, label: p }))} />
        <FilterSelect label="培训层级" name="tier" value={filters.tier} anyLabel="全部层级" choices={tiers.map((t) => ({ value: t.code, label: t.name }))} />
        <FilterSelect
          label="状态"
          name="status"
          value={filters.status}
          choices={[
            { value: "active", label: STATUS_LABELS.active },
            { value: "left", label: STATUS_LABELS.left },
            { value: "all", label: "全部" },
          ]}
        />
      </ListFilterForm>

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
              <EmptyRow colSpan={7} className="people-empty muted">
                没有符合条件的人员
              </EmptyRow>
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
