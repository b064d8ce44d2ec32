import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { currentYear } from "~/modules/study/calendar";
import { describeRule, formatHours } from "~/modules/study/hours";
import { myHours } from "~/modules/study/my-learning.server";
import { getHoursRule } from "~/modules/study/settings.server";
import { tierPlan, versionInForce } from "~/modules/syllabus/syllabus.server";
import learnStyles from "~/styles/learn.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: learnStyles }];
export const meta: MetaFunction = () => [{ title: "我的学时 · 应急培训考试积分平台" }];

const KIND_LABELS: Record<string, string> = { course_completed: "完成课程" };

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { db } = args.context;
  const year = currentYear();
  const [hours, version, rule] = await Promise.all([myHours(db, user.id, year), versionInForce(db, year), getHoursRule(db)]);
  const plan = version ? await tierPlan(db, version.id, user.tier) : null;
  const peak = Math.max(1, ...hours.byMonth.map((m) => m.hoursX100));
  return {
    year,
    total: formatHours(hours.totalX100),
    required: plan ? formatHours(plan.requiredHoursX100) : null,
    met: plan ? hours.totalX100 >= plan.requiredHoursX100 : null,
    rule: describeRule(rule),
    months: hours.byMonth.map((m) => ({ month: m.month, hours: formatHours(m.hoursX100), height: Math.round((m.hoursX100 / peak) * 100) })),
    records: hours.records.map((r) => ({
      id: r.id,
      date: formatInstant(r.occurred_at, "yyyy-MM-dd"),
      kind: KIND_LABELS[r.kind] ?? r.kind,
      title: r.title,
      hours: formatHours(r.hours_x100),
    })),
  };
}

export default function MyHours() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/learn">← 我的学习</Link>
      </p>
      <div className="page-header">
        <h1>我的学时（{data.year} 年）</h1>
      </div>
      <div className="stats">
        <div className="stat">
          <strong>{data.total}</strong>
          <span>已获学时</span>
        </div>
        {data.required !== null ? (
          <div className="stat">
            <strong>{data.required}</strong>
            <span>大纲要求</span>
          </div>
        ) : null}
        {data.met !== null ? (
          <div className="stat">
            <strong>{data.met ? "已达标" : "未达标"}</strong>
            <span>达标情况</span>
          </div>
        ) : null}
      </div>
      <p className="muted">计算规则：{data.rule}。完成课程的全部课时后，按课程预计学习时间计入学时。</p>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>按月</h2>
        <div className="hours-bars" aria-hidden="true">
          {data.months.map((m) => (
            <div key={m.month} style={{ height: `${m.height}%` }} title={`${m.month} 月：${m.hours} 学时`} />
          ))}
        </div>
        <div className="hours-labels">
          {data.months.map((m) => (
            <span key={m.month}>{m.month}月</span>
          ))}
        </div>
        <table className="table" style={{ marginTop: "0.75rem" }}>
          <caption className="muted" style={{ textAlign: "left" }}>
            各月学时
          </caption>
          <tbody>
            <tr>
              {data.months.map((m) => (
                <td key={m.month}>{m.hours}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
      <h2>按课程</h2>
      {data.records.length === 0 ? <p className="muted">本年度还没有获得学时。</p> : null}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>日期</th>
              <th>类型</th>
              <th>名称</th>
              <th>学时</th>
            </tr>
          </thead>
          <tbody>
            {data.records.map((r) => (
              <tr key={r.id}>
                <td>{r.date}</td>
                <td>{r.kind}</td>
                <td>{r.title}</td>
                <td>{r.hours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
