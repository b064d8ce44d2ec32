import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "~/modules/auth/permissions";
import { pathLabel } from "~/modules/org/units.server";
import { requireUser } from "~/utils/auth.server";
import { formatInstant } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "我的账号 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { db } = args.context;
  const [person, sessions, unitPath] = await Promise.all([
    db
      .selectFrom("persons as p")
      .leftJoin("training_tiers as t", "t.code", "p.tier")
      .innerJoin("accounts as a", "a.person_id", "p.id")
      .select(["p.name", "p.employee_no", "p.mobile", "p.post", "t.name as tier_name", "p.rank", "a.password_changed_at"])
      .where("p.id", "=", user.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("sessions")
      .select(["id", "created_at", "client_address", "user_agent"])
      .where("user_id", "=", user.id)
      .orderBy("created_at", "desc")
      .limit(20)
      .execute(),
    pathLabel(db, user.orgPath),
  ]);
  return {
    person: { ...person, passwordChanged: person.password_changed_at ? formatInstant(person.password_changed_at) : "从未修改" },
    unitPath,
    roles: [...new Set(user.grants.map((g) => ROLE_LABELS[g.role]))],
    sessions: sessions.map((s) => ({
      current: s.id === user.sessionId,
      started: formatInstant(s.created_at),
      address: s.client_address ?? "",
      agent: (s.user_agent ?? "").slice(0, 80),
    })),
  };
}

export default function Account() {
  const { person, unitPath, roles, sessions } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>我的账号</h1>
        <Link className="btn btn--primary" to="/password">
          修改密码
        </Link>
      </div>
      <section className="card">
        <dl className="kv">
          <dt>姓名</dt>
          <dd>{person.name}</dd>
          <dt>工号</dt>
          <dd>{person.employee_no}</dd>
          <dt>手机</dt>
          <dd>{person.mobile ?? "未登记"}</dd>
          <dt>单位</dt>
          <dd>{unitPath}</dd>
          <dt>岗位</dt>
          <dd>{person.post}</dd>
          <dt>培训层级</dt>
          <dd>{person.tier_name}</dd>
          {person.rank ? (
            <>
              <dt>职级</dt>
              <dd>{person.rank}</dd>
            </>
          ) : null}
          <dt>角色</dt>
          <dd>{roles.join("、")}</dd>
          <dt>密码修改于</dt>
          <dd>{person.passwordChanged}</dd>
        </dl>
      </section>
      <h2>登录中的设备</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>登录时间</th>
              <th>地址</th>
              <th>浏览器</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              <tr key={i}>
                <td>
                  {s.started} {s.current ? <span className="badge badge--ok">当前</span> : null}
                </td>
                <td>{s.address}</td>
                <td>{s.agent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
