import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormMessage } from "~/components/form";
import { can, ROLE_LABELS, scopesFor } from "~/modules/auth/permissions";
import { ORG_UNIT_TYPE_LABELS } from "~/modules/org/org-types";
import { unitCountsByType } from "~/modules/org/stats.server";
import { pathLabel } from "~/modules/org/units.server";
import { peopleCountsByTier } from "~/modules/people/stats.server";
import { currentYear } from "~/modules/study/calendar";
import { formatHours } from "~/modules/study/hours";
import { myHours } from "~/modules/study/my-learning.server";
import { tierRequirements } from "~/modules/study/report.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "首页 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { db } = args.context;
  const seesPeople = can(user, "person:read");
  const year = currentYear();
  const studies = can(user, "study");
  const [hours, requirements] = studies ? await Promise.all([myHours(db, user.id, year), tierRequirements(db, year)]) : [null, null];
  const [unitPath, tierCounts, unitCounts] = await Promise.all([
    pathLabel(db, user.orgPath),
    seesPeople ? peopleCountsByTier(db, user) : Promise.resolve(null),
    can(user, "org:read") ? unitCountsByType(db, user, "org:read") : Promise.resolve(null),
  ]);
  return {
    name: user.name,
    employeeNo: user.employeeNo,
    unitPath,
    roles: [...new Set(user.grants.map((g) => ROLE_LABELS[g.role]))],
    scopes: await Promise.all(
      user.grants
        .filter((g) => g.role === "manager" && g.scopePath)
        .map((g) => pathLabel(db, g.scopePath!)),
    ),
    people: tierCounts,
    units: unitCounts ? [...unitCounts].map(([type, n]) => ({ label: ORG_UNIT_TYPE_LABELS[type], n })) : null,
    study: hours
      ? { year, earned: formatHours(hours.totalX100), required: requirements?.has(user.tier) ? formatHours(requirements.get(user.tier)!) : null }
      : null,
    canImport: can(user, "person:import"),
    canWriteOrg: can(user, "org:write"),
    cityWide: scopesFor(user, "person:read") === "all",
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("passwordChanged") ? <FormMessage tone="success">密码已修改。</FormMessage> : null}
      <div className="page-header">
        <h1>您好，{data.name}</h1>
      </div>
      <section className="card">
        <dl className="kv">
          <dt>工号</dt>
          <dd>{data.employeeNo}</dd>
          <dt>所在单位</dt>
          <dd>{data.unitPath}</dd>
          <dt>角色</dt>
          <dd>{data.roles.join("、")}</dd>
          {data.scopes.length > 0 ? (
            <>
              <dt>管理范围</dt>
              <dd>{data.scopes.join("；")}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {data.study ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>我的学习</h2>
          <p>
            {data.study.year} 年已获 <strong>{data.study.earned}</strong> 学时
            {data.study.required !== null ? `，大纲要求 ${data.study.required} 学时` : ""}。
          </p>
          <Link className="btn btn--primary" to="/learn">
            去学习
          </Link>{" "}
          <Link className="btn" to="/learn/hours">
            我的学时
          </Link>
        </section>
      ) : null}

      {data.people ? (
        <section>
          <h2>{data.cityWide ? "全市人员" : "管理范围内人员"}</h2>
          <div className="stats">
            <div className="stat">
              <strong>{data.people.total.toLocaleString("zh-CN")}</strong>
              <span>在岗人员</span>
            </div>
            {data.people.byTier.map((t) => (
              <div className="stat" key={t.tier}>
                <strong>{t.n.toLocaleString("zh-CN")}</strong>
                <span>{t.name}</span>
              </div>
            ))}
          </div>
          <p>
            <Link className="btn" to="/people">
              查看人员
            </Link>{" "}
            {data.canImport ? (
              <Link className="btn" to="/people/import">
                批量导入人员
              </Link>
            ) : null}
          </p>
        </section>
      ) : null}

      {data.units ? (
        <section>
          <h2>组织机构</h2>
          <div className="stats">
            {data.units.map((u) => (
              <div className="stat" key={u.label}>
                <strong>{u.n.toLocaleString("zh-CN")}</strong>
                <span>{u.label}</span>
              </div>
            ))}
          </div>
          <p>
            <Link className="btn" to="/org">
              {data.canWriteOrg ? "管理组织机构" : "查看组织机构"}
            </Link>
          </p>
        </section>
      ) : null}

      <section className="card">
        <h2 style={{ marginTop: 0 }}>账号安全</h2>
        <p className="muted">请定期修改密码，不要与他人共用账号。</p>
        <Link className="btn" to="/password">
          修改密码
        </Link>
      </section>
    </>
  );
}
