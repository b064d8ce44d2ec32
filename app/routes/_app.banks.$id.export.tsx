import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { listTiers } from "~/modules/people/options.server";
import { bankForViewer } from "~/modules/questions/banks.server";
import { EXPORT_FORMATS, exportLosses, loadForExport, type ExportFormat } from "~/modules/questions/export.server";
import { listPoints } from "~/modules/questions/knowledge-points.server";
import { DIFFICULTY_LABELS, QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS } from "~/modules/questions/labels";
import { filtersToParams, readQuestionFilters, type QuestionFilters } from "~/modules/questions/search-schema";
import { matchingQuestionIds } from "~/modules/questions/search.server";
import coursesStyles from "~/styles/courses.css";
import questionsStyles from "~/styles/questions.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: questionsStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `导出 · ${data?.bank.title ?? "题库"}` }];

const FORMAT_LABELS: Record<ExportFormat, { name: string; hint: string }> = {
  excel: { name: "Excel", hint: "平台的导入模板格式，可以再导入本平台；保留题型、答案、解析、难度、知识点、适用层级、法规条款和标签" },
  gift: { name: "GIFT", hint: "Moodle 等学习平台通用的文本格式；难度、适用层级、法规条款和标签等无法写入" },
};

/** How many questions with losses are listed one by one; the summary above counts them all. */
const LISTED_LOSSES = 200;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const { id } = getParams(args.params, idParam);
  const { db } = args.context;
  const bank = await bankForViewer(db, user, id);
  if (!bank) notFound();
  const params = new URL(args.request.url).searchParams;
  const filters = readQuestionFilters(params);
  const format = z.enum(EXPORT_FORMATS).catch("excel").parse(params.get("format") ?? undefined);
  const [ids, tiers, points] = await Promise.all([matchingQuestionIds(db, bank.id, filters), listTiers(db, { includeInactive: true }), listPoints(db, bank.id)]);
  // The same conversion the download does, so what is listed here is exactly what the file loses.
  const losses = exportLosses(await loadForExport(db, bank.id, ids), format, tiers);
  const summary = new Map<string, number>();
  for (const q of losses) for (const loss of q.losses) summary.set(loss, (summary.get(loss) ?? 0) + 1);
  const query = filtersToParams(filters);
  const download = new URLSearchParams(query);
  download.set("format", format);
  return {
    bank: { id: bank.id, title: bank.title },
    format,
    count: ids.length,
    filters,
    hidden: [...query.entries()],
    scope: describeFilters(filters, tiers, points),
    listHref: `/banks/${bank.id}${query.toString() ? `?${query}` : ""}`,
    downloadHref: `/banks/${bank.id}/export/download?${download}`,
    lossCount: losses.length,
    summary: [...summary].sort((a, b) => b[1] - a[1]).map(([loss, n]) => ({ loss, n })),
    losses: losses.slice(0, LISTED_LOSSES),
  };
}

/** The filters in words, for "将导出 N 题（…）". */
function describeFilters(
  filters: QuestionFilters,
  tiers: ReadonlyArray<{ code: string; name: string }>,
  points: ReadonlyArray<{ id: number; path: string }>,
): string[] {
  const parts: string[] = [];
  if (filters.q) parts.push(`关键词“${filters.q}”`);
  if (filters.type) parts.push(`题型：${QUESTION_TYPE_LABELS[filters.type]}`);
  if (filters.difficulty) parts.push(`难度：${filters.difficulty} ${DIFFICULTY_LABELS[filters.difficulty]}`);
  if (filters.tier) parts.push(`适用层级：${tiers.find((t) => t.code === filters.tier)?.name ?? filters.tier}`);
  if (filters.point) parts.push(`知识点：${points.find((p) => p.id === filters.point)?.path ?? "（已删除）"}（含下级）`);
  if (filters.tag) parts.push(`标签：${filters.tag}`);
  parts.push(filters.status === undefined ? "状态：未停用" : filters.status === "all" ? "状态：全部" : `状态：${QUESTION_STATUS_LABELS[filters.status]}`);
  return parts;
}

export default function BankExport() {
  const { bank, format, count, hidden, scope, listHref, downloadHref, lossCount, summary, losses } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const loading = useNavigation().state === "loading";
  return (
    <>
      <p className="authoring-crumbs">
        <Link to={listHref}>← {bank.title}</Link>
      </p>
      <div className="page-header">
        <h1>导出试题</h1>
      </div>

      <section className="card">
        <h2 className="export-count">将导出 {count} 题</h2>
        <p className="muted">
          范围：{scope.join("；")}。<Link to={listHref}>回到列表修改筛选条件</Link>
        </p>
        <Form method="get" className="export-format" onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}>
          {hidden.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <fieldset className="authoring-fieldset">
            <legend>文件格式</legend>
            {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((f) => (
              <label key={f} className="authoring-check export-format__option">
                <input type="radio" name="format" value={f} defaultChecked={f === format} />
                <span>
                  <strong>{FORMAT_LABELS[f].name}</strong> <span className="muted">{FORMAT_LABELS[f].hint}</span>
                </span>
              </label>
            ))}
            <noscript>
              <button className="btn" type="submit">
                检查所选格式
              </button>
            </noscript>
          </fieldset>
        </Form>
        <div className="authoring-actions export-actions">
          {count > 0 ? (
            <a className="btn btn--primary" href={downloadHref} download>
              下载 {FORMAT_LABELS[format].name} 文件（{count} 题）
            </a>
          ) : null}
          <Link className="btn" to={listHref}>
            返回
          </Link>
        </div>
        {count > 0 && lossCount > 0 ? <p className="field__hint">下载前请先查看下方所选格式无法保存的内容。</p> : null}
      </section>

      <section className="card export-report" aria-busy={loading}>
        <h2>
          {FORMAT_LABELS[format].name} 无法保存的内容{lossCount > 0 ? `（${lossCount} 题）` : ""}
        </h2>
        {count === 0 ? (
          <p className="muted">没有符合条件的试题。</p>
        ) : lossCount === 0 ? (
          <p className="notice notice--success">所选格式可以完整保存这 {count} 题。</p>
        ) : (
          <>
            <ul className="export-summary">
              {summary.map((s) => (
                <li key={s.loss}>
                  {s.loss}：<strong>{s.n}</strong> 题
                </li>
              ))}
            </ul>
            <div className="table-wrap">
              <table className="table authoring-table export-losses">
                <thead>
                  <tr>
                    <th className="authoring-num">ID</th>
                    <th>题干</th>
                    <th>无法保存的内容</th>
                  </tr>
                </thead>
                <tbody>
                  {losses.map((q) => (
                    <tr key={q.id}>
                      <td className="authoring-num">{q.id}</td>
                      <td className="authoring-table__title">
                        <Link to={`/banks/${bank.id}/questions/${q.id}`}>{q.excerpt}</Link>
                      </td>
                      <td className="authoring-table__note">{q.losses.join("；")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {lossCount > losses.length ? <p className="muted">只列出前 {losses.length} 题，其余 {lossCount - losses.length} 题的情况见上方汇总。</p> : null}
          </>
        )}
      </section>

    </>
  );
}
