import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage } from "~/components/form";
import type { SessionUser } from "~/modules/auth/session.server";
import { listTiers } from "~/modules/people/options.server";
import { answerSummary } from "~/modules/questions/content";
import { BankRuleError } from "~/modules/questions/errors";
import { confirmImportDraft, saveImportDraft } from "~/modules/questions/import.server";
import { describeOrigin, duplicateText, IMPORT_FORMAT_LABELS, IMPORT_FORMATS, planFileImport, type ImportPlan } from "~/modules/questions/import-plan.server";
import { QUESTION_TYPE_LABELS, type ImportIssue } from "~/modules/questions/model";
import { NEW_STATUSES, bankPath, questionPath } from "~/modules/questions/question-form-schema";
import { bankForPage } from "~/modules/questions/question-pages.server";
import { plainText } from "~/modules/richtext/render";
import { formatBytes } from "~/modules/uploads/file-types";
import { readUploadForm } from "~/modules/uploads/multipart.server";
import coursesStyles from "~/styles/courses.css";
import editorStyles from "~/styles/question-editor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }, { rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `导入试题 · ${data?.bank.title ?? "题库"}` }];

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPTED = /\.(xlsx|txt|gift|aiken)$/i;
/** Rows of the preview table; the counts cover everything. */
const PREVIEW_ROWS = 20;
/** Problems listed on the page; a file with more is better fixed in parts anyway. */
const ISSUES_SHOWN = 1000;
const STATUS_LABELS = { published: "已发布", draft: "草稿" } as const;
const ENCODING_LABELS = { "utf-8": "UTF-8", "utf-16le": "UTF-16（Unicode）", "utf-16be": "UTF-16 BE", gbk: "GBK（中文 ANSI）" } as const;

export async function loader(args: LoaderFunctionArgs) {
  const { bank } = await bankForPage(args, { edit: true });
  return { bank: { id: bank.id, title: bank.title }, maxSize: formatBytes(MAX_FILE_BYTES) };
}

// Built on demand: IMPORT_FORMATS comes from a server module, which the browser bundle leaves out.
const uploadSchema = () =>
  z.object({
    intent: z.literal("preview"),
    format: z.enum(["auto", ...IMPORT_FORMATS], { error: "请选择文件格式" }),
    status: z.enum(NEW_STATUSES, { error: "请选择导入后的状态" }),
    createPoints: z.literal("1").optional(),
  });

const confirmSchema = z.object({
  intent: z.literal("confirm"),
  draftId: z.string().uuid({ error: "导入批次无效，请重新上传文件" }),
  status: z.enum(NEW_STATUSES, { error: "请选择导入后的状态" }),
  includeDuplicates: z.literal("1").optional(),
});

type Report = ReturnType<typeof reportView>;

type ImportReply =
  | { intent: "preview"; report: Report; message: null }
  | { intent: "confirm"; ok: true; created: number; skipped: number; fileName: string; message: null }
  | { intent: "confirm" | null; ok: false; message: string; fieldErrors: Record<string, string> };

function reply(body: ImportReply, status = 200) {
  return data(body, { status });
}

const failure = (message: string, status: number, fieldErrors: Record<string, string> = {}) => reply({ intent: null, ok: false, message, fieldErrors }, status);

export async function action(args: ActionFunctionArgs) {
  const { user, bank } = await bankForPage(args, { edit: true });
  // The upload is the only multipart form: read it with a hard size limit, never formData().
  if (/^multipart\/form-data/i.test(args.request.headers.get("Content-Type") ?? "")) return preview(args, user, bank.id);
  const form = await args.request.formData();
  const parsed = confirmSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) return failure(parsed.error.issues[0]?.message ?? "未知的操作", 400);
  try {
    const result = await confirmImportDraft(args.context.db, user, bank.id, parsed.data.draftId, {
      status: parsed.data.status,
      includeDuplicates: parsed.data.includeDuplicates === "1",
    });
    return reply({ intent: "confirm", ok: true, created: result.created, skipped: result.skippedDuplicates, fileName: result.fileName, message: null });
  } catch (error) {
    if (error instanceof BankRuleError) return reply({ intent: "confirm", ok: false, message: error.message, fieldErrors: {} }, 400);
    throw error;
  }
}

async function preview(args: ActionFunctionArgs, user: SessionUser, bankId: number) {
  const { db } = args.context;
  const tooLarge = `文件超过 ${formatBytes(MAX_FILE_BYTES)}，请拆分为几个较小的文件分别导入`;
  const upload = await readUploadForm(args.request, { maxFileBytes: MAX_FILE_BYTES, tooLargeMessage: tooLarge });
  if (!upload.ok) return failure(upload.error, upload.status, { file: upload.error });
  const fields = uploadSchema().safeParse(upload.fields);
  if (!fields.success) {
    const issue = fields.error.issues[0];
    return failure(issue?.message ?? "未知的操作", 400, issue ? { [String(issue.path[0])]: issue.message } : {});
  }
  const file = upload.file;
  if (!file || file.bytes.length === 0) return failure("请选择要导入的文件", 400, { file: "请选择要导入的文件" });
  if (file.bytes.length > MAX_FILE_BYTES) return failure(tooLarge, 413, { file: tooLarge });
  if (!ACCEPTED.test(file.name)) {
    const message = "只能导入 .xlsx（Excel 模板）、.gift、.aiken 或 .txt 文件";
    return failure(message, 400, { file: message });
  }
  const { format, status, createPoints } = fields.data;
  const tiers = (await listTiers(db)).map((t) => ({ code: t.code, name: t.name }));
  const plan = await planFileImport(db, bankId, file.name, file.bytes, { format: format === "auto" ? undefined : format, tiers, createPoints: createPoints === "1" });
  try {
    const draftId = await saveImportDraft(db, user, bankId, file.name, plan);
    return reply({ intent: "preview", report: reportView(bankId, file.name, plan, draftId, status), message: null });
  } catch (error) {
    if (error instanceof BankRuleError) return failure(error.message, 400, { file: error.message });
    throw error;
  }
}

const issueRow = (issue: ImportIssue) => ({ at: issue.row ?? issue.line ?? null, message: issue.message });

/** The dry-run report as the page shows it. */
function reportView(bankId: number, fileName: string, plan: ImportPlan, draftId: string | null, status: (typeof NEW_STATUSES)[number]) {
  const duplicates = plan.items.filter((i) => i.duplicateOf);
  return {
    fileName,
    draftId,
    status,
    format: IMPORT_FORMAT_LABELS[plan.format],
    encoding: plan.encoding ? ENCODING_LABELS[plan.encoding] : null,
    positionLabel: plan.format === "excel" ? "Excel 行号" : "文件行号",
    valid: plan.items.length,
    creatable: plan.items.length - duplicates.length,
    newPoints: plan.newPoints,
    errorCount: plan.errors.length,
    errors: plan.errors.slice(0, ISSUES_SHOWN).map(issueRow),
    warningCount: plan.warnings.length,
    warnings: plan.warnings.slice(0, ISSUES_SHOWN).map(issueRow),
    duplicates: duplicates.map((d) => ({
      at: describeOrigin(d.at),
      excerpt: plainText(d.content.stem, 60),
      text: duplicateText(d),
      href: d.duplicateOf?.questionId !== undefined ? questionPath(bankId, d.duplicateOf.questionId) : null,
    })),
    preview: plan.items.slice(0, PREVIEW_ROWS).map((item) => ({
      at: describeOrigin(item.at),
      type: QUESTION_TYPE_LABELS[item.content.type],
      excerpt: plainText(item.content.stem, 60),
      answer: truncate(answerSummary(item.content), 40),
      point: item.content.knowledgePoint ?? null,
      duplicate: Boolean(item.duplicateOf),
    })),
  };
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export default function ImportQuestions() {
  const { bank, maxSize } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const report = result?.intent === "preview" ? result.report : null;
  const failed = result && "ok" in result && !result.ok ? result : null;
  const done = result?.intent === "confirm" && result.ok ? result : null;

  if (done) {
    return (
      <>
        <Crumbs bankId={bank.id} title={bank.title} />
        <div className="page-header">
          <h1>导入试题</h1>
        </div>
        <FormMessage tone="success">
          已导入 {done.created} 题，跳过重复 {done.skipped} 题（文件：{done.fileName}）。
        </FormMessage>
        <p className="authoring-actions">
          <Link className="btn btn--primary" to={bankPath(bank.id)}>
            查看题库「{bank.title}」
          </Link>
          <Link className="btn" to={`${bankPath(bank.id)}/import`} reloadDocument>
            继续导入
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <Crumbs bankId={bank.id} title={bank.title} />
      <div className="page-header">
        <h1>导入试题</h1>
      </div>
      {failed ? <FormMessage tone="error">{failed.message}</FormMessage> : null}

      <section className="card">
        <h2>1. 上传文件</h2>
        <p>
          支持平台的 Excel 模板（.xlsx）以及 GIFT、Aiken 文本文件（.gift、.aiken、.txt；UTF-8 或 GBK 编码均可），不超过 {maxSize}。请先
          <a href="/banks/template.xlsx" download>
            下载 Excel 导入模板
          </a>
          ，按其中的“填写说明”填写。上传后先检查并显示报告，确认后才会写入题库。
        </p>
        <Form method="post" encType="multipart/form-data" className="form qi-upload" key={report?.draftId ?? "upload"}>
          <input type="hidden" name="intent" value="preview" />
          <Field label="试题文件" name="file" error={failed?.fieldErrors.file}>
            <input id="file" name="file" type="file" required accept=".xlsx,.txt,.gift,.aiken,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/plain" />
          </Field>
          <div className="form-row">
            <Field label="文件格式" name="format" error={failed?.fieldErrors.format}>
              <select id="format" name="format" defaultValue="auto">
                <option value="auto">自动识别</option>
                <option value="excel">Excel 模板</option>
                <option value="gift">GIFT</option>
                <option value="aiken">Aiken</option>
              </select>
            </Field>
            <fieldset className="qe-section">
              <legend>导入后状态</legend>
              <div className="qe-choices">
                {(["published", "draft"] as const).map((s) => (
                  <label key={s} className="qe-check">
                    <input type="radio" name="status" value={s} defaultChecked={(report?.status ?? "published") === s} />
                    {STATUS_LABELS[s]}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          <label className="qe-check">
            <input type="checkbox" name="createPoints" value="1" />
            自动新建知识点（文件中本题库没有的知识点将自动创建；不勾选则报错）
          </label>
          <div>
            <button className="btn btn--primary" type="submit" disabled={busy}>
              {busy && navigation.formData?.get("intent") === "preview" ? "检查中…" : "上传并检查"}
            </button>
          </div>
        </Form>
      </section>

      {report ? <ReportSection report={report} busy={busy} /> : null}
    </>
  );
}

function Crumbs({ bankId, title }: { bankId: number; title: string }) {
  return (
    <p className="authoring-crumbs">
      <Link to={bankPath(bankId)}>← {title}</Link>
    </p>
  );
}

function ReportSection({ report, busy }: { report: Report; busy: boolean }) {
  const navigation = useNavigation();
  return (
    <section className="card qi-report">
      <h2>2. 检查报告：{report.fileName}</h2>
      <dl className="kv">
        <dt>格式</dt>
        <dd>{report.format}</dd>
        <dt>编码</dt>
        <dd>{report.encoding ?? "—（Excel 文件无需编码）"}</dd>
        <dt>检查通过</dt>
        <dd>{report.valid} 题</dd>
      </dl>
      <p className="qi-summary">
        将导入 <strong>{report.creatable}</strong> 题
        {report.duplicates.length > 0 ? `（另有 ${report.duplicates.length} 题重复，默认跳过）` : ""}
        {report.errorCount > 0 ? "；有错误的不会导入" : ""}。
      </p>

      {report.errorCount > 0 ? (
        <>
          <FormMessage tone="error">
            文件中有 {report.errorCount} 处错误（见下表），出错的{report.positionLabel === "Excel 行号" ? "行" : "题"}不会导入。您可以修改文件后重新上传；也可以先导入检查通过的试题，改好后再上传整个文件（已导入的会被识别为重复并跳过）。
          </FormMessage>
          <h3>错误（{report.errorCount}）</h3>
          <IssueTable issues={report.errors} total={report.errorCount} positionLabel={report.positionLabel} className="qi-errors" />
        </>
      ) : (
        <FormMessage tone="success">没有错误。</FormMessage>
      )}

      {report.newPoints.length > 0 ? (
        <>
          <h3>将新建的知识点（{report.newPoints.length}）</h3>
          <ul className="qi-points">
            {report.newPoints.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : null}

      {report.duplicates.length > 0 ? (
        <>
          <h3>重复的试题（{report.duplicates.length}）</h3>
          <div className="table-wrap">
            <table className="table qi-duplicates">
              <thead>
                <tr>
                  <th>位置</th>
                  <th>题干</th>
                  <th>与谁重复</th>
                </tr>
              </thead>
              <tbody>
                {report.duplicates.map((d, i) => (
                  <tr key={i}>
                    <td>{d.at}</td>
                    <td className="qi-wrap">{d.excerpt}</td>
                    <td className="qi-wrap">
                      {d.href ? (
                        <a href={d.href} target="_blank" rel="noreferrer">
                          {d.text}
                        </a>
                      ) : (
                        d.text
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {report.warningCount > 0 ? (
        <>
          <h3>提示（{report.warningCount}）</h3>
          <p className="muted">以下内容可以导入，但有改动或需要您留意：</p>
          <IssueTable issues={report.warnings} total={report.warningCount} positionLabel={report.positionLabel} className="qi-warnings" />
        </>
      ) : null}

      {report.preview.length > 0 ? (
        <>
          <h3>
            试题预览{report.valid > report.preview.length ? `（前 ${report.preview.length} 题，共 ${report.valid} 题）` : `（${report.valid} 题）`}
          </h3>
          <div className="table-wrap">
            <table className="table qi-preview">
              <thead>
                <tr>
                  <th>位置</th>
                  <th>题型</th>
                  <th>题干</th>
                  <th>答案</th>
                  <th>知识点</th>
                  <th>备注</th>
                </tr>
              </thead>
              <tbody>
                {report.preview.map((p, i) => (
                  <tr key={i}>
                    <td>{p.at}</td>
                    <td>{p.type}</td>
                    <td className="qi-wrap">{p.excerpt}</td>
                    <td className="qi-wrap">{p.answer}</td>
                    <td>{p.point ?? <span className="muted">—</span>}</td>
                    <td>{p.duplicate ? <span className="badge">重复</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {report.draftId ? (
        <>
          <h2>3. 确认导入</h2>
          <Form method="post" className="form qi-confirm">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="draftId" value={report.draftId} />
            <fieldset className="qe-section">
              <legend>导入后状态</legend>
              <div className="qe-choices">
                {(["published", "draft"] as const).map((s) => (
                  <label key={s} className="qe-check">
                    <input type="radio" name="status" value={s} defaultChecked={report.status === s} />
                    {STATUS_LABELS[s]}
                  </label>
                ))}
              </div>
            </fieldset>
            {report.duplicates.length > 0 ? (
              <label className="qe-check">
                <input type="checkbox" name="includeDuplicates" value="1" />
                仍然导入重复题（{report.duplicates.length} 题）
              </label>
            ) : null}
            <div>
              <button className="btn btn--primary" type="submit" disabled={busy}>
                {busy && navigation.formData?.get("intent") === "confirm" ? "导入中…" : "确认导入"}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <FormMessage tone="error">没有可以导入的试题。请按上面的报告修改文件后重新上传。</FormMessage>
      )}
    </section>
  );
}

function IssueTable({ issues, total, positionLabel, className }: { issues: Array<{ at: number | null; message: string }>; total: number; positionLabel: string; className: string }) {
  return (
    <>
      <div className="table-wrap">
        <table className={`table ${className}`}>
          <thead>
            <tr>
              <th>{positionLabel}</th>
              <th>原因</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, i) => (
              <tr key={i}>
                <td>{issue.at === null ? "整个文件" : `第 ${issue.at} 行`}</td>
                <td className="qi-wrap">{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > issues.length ? <p className="muted">另有 {total - issues.length} 条未列出，请先修改以上问题后重新上传。</p> : null}
    </>
  );
}
