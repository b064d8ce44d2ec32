import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { EmptyRow } from "~/components/empty-row";
import { FilterActions } from "~/components/filter-actions";
import { FormMessage } from "~/components/form";
import { FieldFilterSelect, useFilterSearching } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { Stat } from "~/components/stat";
import { can } from "~/modules/auth/permissions";
import { examItemAnalysis } from "~/modules/exams/item-stats.server";
import { RegradeError, regradeQuestion } from "~/modules/exams/regrade.server";
import { buildExamReport, examForReport, parseExamReportParams, percentText, scoreEvents, scoreText } from "~/modules/exams/reports.server";
import { unitOptions } from "~/modules/people/options.server";
import { typeLabel } from "~/modules/questions/labels";
import examReportStyles from "~/styles/exam-reports.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { pageCount, pageParam, PAGE_SIZE } from "~/utils/pagination";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examReportStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.exam.title ?? "考试"} · 考试统计` }];

const LEVELS = [
  { value: "station", label: "按应消站(专职队)" },
  { value: "town", label: "按乡镇(街道)" },
  { value: "district", label: "按区县" },
] as const;

const RESULTS = [
  { value: "passed", label: "合格" },
  { value: "failed", label: "不合格" },
  { value: "pending", label: "待评分" },
] as const;

const VIEWS = [
  { value: "person", label: "人员成绩" },
  { value: "group", label: "单位汇总" },
  { value: "items", label: "试题分析" },
] as const;

async function examFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "report:exam");
  const { id } = getParams(args.params, idParam);
  const exam = await examForReport(args.context.db, id);
  if (!exam) notFound();
  return { user, exam };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, exam } = await examFromParams(args);
  const { db } = args.context;
  const search = new URL(args.request.url).searchParams;
  const params = parseExamReportParams(search);
  const page = pageParam.parse(search.get("page") ?? 1);
  const [report, units] = await Promise.all([buildExamReport(db, user, exam, params), unitOptions(db, user, "report:exam", { leaves: false })]);
  const items = params.view === "items" ? await itemsView(db, user, exam.id) : null;
  const s = report.summary;
  return {
    exam: { id: exam.id, title: exam.title, counting: exam.counting === "highest" ? "取最高分" : "取最后一次", pass: scoreText(exam.passX100) },
    params,
    units,
    summary: {
      audience: s.audience,
      participants: s.participants,
      participation: percentText(s.participation),
      average: scoreText(s.averageX100),
      passRate: percentText(s.passRate),
      pending: s.pending,
      highest: scoreText(s.highestX100),
      lowest: scoreText(s.lowestX100),
    },
    histogram: s.histogram.map((b) => ({ label: `${scoreText(b.fromX100)}–${scoreText(b.toX100)}`, count: b.count })),
    people: report.people.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((p) => ({
      personId: p.personId,
      name: p.name,
      employeeNo: p.employeeNo,
      unitName: p.unitName,
      attempts: p.attempts,
      score: scoreText(p.scoreX100),
      passed: p.passed,
      finishedAt: p.finishedAt === null ? "—" : formatInstant(p.finishedAt),
    })),
    peopleTotal: report.people.length,
    page,
    pageCount: pageCount(report.people.length),
    groups: report.groups.map((g) => ({
      key: g.unitId ?? 0,
      unitName: g.unitName,
      audience: g.audience,
      participants: g.participants,
      participation: percentText(g.participation),
      average: scoreText(g.averageX100),
      passRate: percentText(g.passRate),
    })),
    items,
    canRegrade: can(user, "exam:grade"),
  };
}

async function itemsView(db: LoaderFunctionArgs["context"]["db"], user: Parameters<typeof examItemAnalysis>[1], examId: number) {
  const [rows, events] = await Promise.all([examItemAnalysis(db, user, examId), scoreEvents(db, user, examId)]);
  return {
    rows: rows.map((r, index) => ({
      no: index + 1,
      questionId: r.questionId,
      bankId: r.bankId,
      excerpt: r.excerpt,
      type: typeLabel(r.type),
      takers: r.stats.takers,
      facility: r.stats.facility === null ? "—" : r.stats.facility.toFixed(2),
      discrimination: r.stats.discrimination === null ? "—" : r.stats.discrimination.toFixed(2),
      unanswered: r.stats.unanswered,
      options: r.stats.options?.map((o) => `${String.fromCharCode(65 + o.index)} ${o.count}（${percentText(o.share)}）`) ?? null,
      flags: r.stats.flags.map((f) => f.label),
      drawnVersion: r.drawnVersion,
      newerVersions: r.newerVersions,
    })),
    events: events.map((e) => ({
      id: e.id,
      who: `${e.personName}（${e.employeeNo}）`,
      action: e.action === "regrade" ? "重新评分" : "人工评分",
      change: `${scoreText(e.oldScoreX100)} → ${scoreText(e.newScoreX100)}`,
      result: e.oldPassed === e.newPassed ? null : e.newPassed ? "改为合格" : "改为不合格",
      actor: e.actorName ?? "系统",
      at: formatInstant(e.at),
      reason: e.reason ?? "",
    })),
  };
}

const regradeSchema = z.object({
  intent: z.literal("regrade"),
  questionId: z.coerce.number().int().positive(),
  toVersion: z.coerce.number({ error: "请选择更正后的版本" }).int().positive("请选择更正后的版本"),
  reason: z.string().trim().min(2, "请填写重新评分的原因").max(200, "原因不超过 200 字"),
});

export async function action(args: ActionFunctionArgs) {
  const { user, exam } = await examFromParams(args);
  requirePermission(user, "exam:grade");
  const { db } = args.context;
  const parsed = regradeSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data({ ok: false, questionId: null as number | null, field: String(issue?.path[0] ?? ""), message: issue?.message ?? "请求无效" }, { status: 400 });
  }
  const input = parsed.data;
  // Only versions the item analysis offers: the question must be in this exam's attempts.
  const row = (await examItemAnalysis(db, user, exam.id)).find((r) => r.questionId === input.questionId);
  if (!row) notFound();
  if (!row.newerVersions.includes(input.toVersion)) {
    return data({ ok: false, questionId: input.questionId, field: "toVersion", message: "请选择比考生作答时更新的版本" }, { status: 400 });
  }
  try {
    const summary = await regradeQuestion(db, { questionId: input.questionId, toVersion: input.toVersion, examId: exam.id, actorId: user.id, reason: input.reason });
    return {
      ok: true,
      questionId: input.questionId,
      field: "",
      message: `已按第 ${input.toVersion} 版重新评分 ${summary.attempts} 份答卷：分数变化 ${summary.changedScores} 份，合格结果变化 ${summary.changedResults} 份。`,
    };
  } catch (error) {
    if (error instanceof RegradeError) return data({ ok: false, questionId: input.questionId, field: "toVersion", message: error.message }, { status: 400 });
    throw error;
  }
}

export default function ExamReport() {
  const data = useLoaderData<typeof loader>();
  const { params, exam } = data;
  const location = useLocation();
  const searching = useFilterSearching(location.pathname);
  const base = `/reports/exams/${exam.id}`;
  const viewHref = (view: string) => {
    const search = new URLSearchParams(location.search);
    search.set("view", view);
    search.delete("page");
    return `${base}?${search.toString()}`;
  };
  const exportQuery = new URLSearchParams(location.search);
  exportQuery.delete("page");
  return (
    <>
      <p className="muted">
        <Link to="/reports/exams">← 考试统计</Link>
      </p>
      <div className="page-header">
        <h1>{exam.title}</h1>
        <a className="btn" href={`${base}.xlsx?${exportQuery.toString()}`} download>
          导出Excel
        </a>
      </div>
      <p className="muted">
        成绩计算：{exam.counting} · 合格分 {exam.pass} · 成绩归属考生参加考试时所在单位
      </p>
      <Summary summary={data.summary} histogram={data.histogram} />

      <nav className="exam-report-tabs" aria-label="统计视图">
        {VIEWS.map((v) => (
          <Link key={v.value} to={viewHref(v.value)} className={params.view === v.value ? "is-active" : undefined} aria-current={params.view === v.value ? "page" : undefined}>
            {v.label}
          </Link>
        ))}
      </nav>

      {params.view !== "items" ? (
        <Form method="get" className="filters" key={location.search}>
          <input type="hidden" name="view" value={params.view} />
          {params.view === "group" ? (
            <FieldFilterSelect label="汇总到" name="level" value={params.level} choices={LEVELS} />
          ) : (
            <>
              <FieldFilterSelect label="单位（含下级）" name="unit" value={params.unit} anyLabel="全部" choices={data.units.map((u) => ({ value: u.id, label: u.label }))} />
              <FieldFilterSelect label="结果" name="status" value={params.status} anyLabel="全部" choices={RESULTS} />
              <label className="field">
                姓名或工号
                <input type="search" name="q" defaultValue={params.q ?? ""} maxLength={50} />
              </label>
            </>
          )}
          <FilterActions resetTo={`${base}?view=${params.view}`} searching={searching} />
        </Form>
      ) : null}

      {params.view === "person" ? <PeopleTable /> : null}
      {params.view === "group" ? <GroupTable /> : null}
      {params.view === "items" && data.items ? <ItemAnalysis /> : null}
    </>
  );
}

function Summary({ summary, histogram }: { summary: ReturnType<typeof useLoaderData<typeof loader>>["summary"]; histogram: Array<{ label: string; count: number }> }) {
  const peak = Math.max(1, ...histogram.map((b) => b.count));
  return (
    <div className="exam-report-summary">
      <div className="stats">
        <Stat value={summary.audience} label="应考人数" />
        <Stat value={summary.participants} label="参考人数" />
        <Stat value={summary.participation} label="参考率" />
        <Stat value={summary.average} label="平均分" />
        <Stat value={summary.passRate} label="合格率" />
        <Stat value={`${summary.highest} / ${summary.lowest}`} label="最高 / 最低分" />
        {summary.pending > 0 ? <Stat value={summary.pending} label="待评分" /> : null}
      </div>
      <figure className="card score-histogram" aria-label="成绩分布">
        <figcaption>成绩分布（人）</figcaption>
        <div className="score-histogram__bars">
          {histogram.map((b) => (
            <div key={b.label} className="score-histogram__col" title={`${b.label} 分：${b.count} 人`}>
              <span className="score-histogram__count">{b.count}</span>
              <span className="score-histogram__bar" style={{ height: `${(b.count / peak) * 100}%` }} />
              <span className="score-histogram__label">{b.label}</span>
            </div>
          ))}
        </div>
      </figure>
    </div>
  );
}

function PeopleTable() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>姓名</th>
              <th>工号</th>
              <th>考试时所在单位</th>
              <th>答卷数</th>
              <th>成绩</th>
              <th>结果</th>
              <th>交卷时间</th>
            </tr>
          </thead>
          <tbody>
            {data.people.length === 0 ? (
              <EmptyRow colSpan={7}>没有符合条件的考生</EmptyRow>
            ) : (
              data.people.map((p) => (
                <tr key={p.personId}>
                  <td>{p.name}</td>
                  <td>{p.employeeNo}</td>
                  <td>{p.unitName}</td>
                  <td>{p.attempts}</td>
                  <td>{p.score}</td>
                  <td>
                    {p.passed === null ? (
                      <span className="badge">待评分</span>
                    ) : p.passed ? (
                      <span className="badge badge--ok">合格</span>
                    ) : (
                      <span className="badge badge--off">不合格</span>
                    )}
                  </td>
                  <td>{p.finishedAt}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageCount={data.pageCount} total={data.peopleTotal} />
    </>
  );
}

function GroupTable() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>单位</th>
            <th>应考人数</th>
            <th>参考人数</th>
            <th>参考率</th>
            <th>平均分</th>
            <th>合格率</th>
          </tr>
        </thead>
        <tbody>
          {data.groups.map((g) => (
            <tr key={g.key}>
              <td>{g.unitName}</td>
              <td>{g.audience}</td>
              <td>{g.participants}</td>
              <td>{g.participation}</td>
              <td>{g.average}</td>
              <td>{g.passRate}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ItemAnalysis() {
  const { items, canRegrade } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!items) return null;
  return (
    <>
      {result?.ok ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      <p className="muted">难度系数为得分率（越高越容易）；区分度为高分组（前 27%）与低分组（后 27%）得分率之差，作答少于 10 人时不计算。</p>
      <div className="table-wrap">
        <table className="table item-analysis">
          <thead>
            <tr>
              <th>#</th>
              <th>题目</th>
              <th>题型</th>
              <th>作答人数</th>
              <th>难度系数</th>
              <th>区分度</th>
              <th>选项分布</th>
              <th>未作答</th>
              <th>提示</th>
            </tr>
          </thead>
          <tbody>
            {items.rows.length === 0 ? (
              <EmptyRow colSpan={9}>还没有已交卷的答卷</EmptyRow>
            ) : (
              items.rows.map((r) => (
                <tr key={r.questionId} data-question={r.questionId}>
                  <td>{r.no}</td>
                  <td className="item-analysis__stem">
                    {r.excerpt}
                    <span className="muted"> （第 {r.drawnVersion} 版）</span>
                    {canRegrade && r.newerVersions.length > 0 ? (
                      <RegradeForm questionId={r.questionId} versions={r.newerVersions} error={result && !result.ok && result.questionId === r.questionId ? result : null} />
                    ) : null}
                  </td>
                  <td>{r.type}</td>
                  <td>{r.takers}</td>
                  <td>{r.facility}</td>
                  <td>{r.discrimination}</td>
                  <td>{r.options ? r.options.map((o) => <div key={o}>{o}</div>) : <span className="muted">—</span>}</td>
                  <td>{r.unanswered}</td>
                  <td>
                    {r.flags.map((f) => (
                      <span key={f} className="badge badge--off item-flag">
                        {f}
                      </span>
                    ))}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <h2>评分变更记录</h2>
      {items.events.length === 0 ? (
        <p className="muted">暂无人工评分或重新评分记录。</p>
      ) : (
        <div className="table-wrap">
          <table className="table score-events">
            <thead>
              <tr>
                <th>时间</th>
                <th>考生</th>
                <th>方式</th>
                <th>分数</th>
                <th>结果</th>
                <th>操作人</th>
                <th>原因</th>
              </tr>
            </thead>
            <tbody>
              {items.events.map((e) => (
                <tr key={e.id}>
                  <td>{e.at}</td>
                  <td>{e.who}</td>
                  <td>{e.action}</td>
                  <td>{e.change}</td>
                  <td>{e.result ?? <span className="muted">不变</span>}</td>
                  <td>{e.actor}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function RegradeForm({ questionId, versions, error }: { questionId: number; versions: number[]; error: { field: string; message: string } | null }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("questionId") === String(questionId);
  const location = useLocation();
  const versionError = error && error.field !== "reason" ? error.message : null;
  const reasonError = error?.field === "reason" ? error.message : null;
  return (
    <details className="regrade" open={Boolean(error)}>
      <summary>更正答案后重新评分</summary>
      <Form method="post" action={`${location.pathname}${location.search}`} className="regrade__form">
        <input type="hidden" name="intent" value="regrade" />
        <input type="hidden" name="questionId" value={questionId} />
        <div className={versionError ? "field field--error" : "field"}>
          <label htmlFor={`toVersion-${questionId}`}>更正后的版本</label>
          <select id={`toVersion-${questionId}`} name="toVersion" defaultValue={versions[0]} aria-invalid={versionError ? true : undefined}>
            {versions.map((v) => (
              <option key={v} value={v}>
                第 {v} 版
              </option>
            ))}
          </select>
          {versionError ? (
            <p className="field__error" role="alert">
              {versionError}
            </p>
          ) : null}
        </div>
        <div className={reasonError ? "field field--error" : "field"}>
          <label htmlFor={`reason-${questionId}`}>原因</label>
          <input id={`reason-${questionId}`} name="reason" maxLength={200} required placeholder="如：原答案有误，已更正" aria-invalid={reasonError ? true : undefined} />
          {reasonError ? (
            <p className="field__error" role="alert">
              {reasonError}
            </p>
          ) : null}
        </div>
        <button className="btn btn--primary btn--small" type="submit" disabled={busy}>
          {busy ? "评分中…" : "重新评分"}
        </button>
      </Form>
    </details>
  );
}
