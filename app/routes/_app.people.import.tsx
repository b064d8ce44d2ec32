import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { POSTS } from "~/modules/people/constants";
import { PeopleRuleError } from "~/modules/people/errors";
import { formStrings, issuesByField } from "~/modules/people/form-data";
import { confirmPeopleImport, previewPeopleImport, type ImportPreview } from "~/modules/people/import.server";
import { formatRowError, MAX_IMPORT_ROWS, type RowError } from "~/modules/people/import-rows";
import { generateInitialPassword } from "~/modules/people/initial-password.server";
import { listTiers } from "~/modules/people/options.server";
import { importConfirmSchema, importIntentSchema, initialPasswordProblem } from "~/modules/people/schemas";
import peopleStyles from "~/styles/people.css";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];

export const meta: MetaFunction = () => [{ title: "批量导入人员 · 应急培训考试积分平台" }];

const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Errors listed on the page; the counts always cover all of them. */
const ERRORS_SHOWN = 500;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:import");
  const tiers = await listTiers(args.context.db);
  return { tiers: tiers.map((t) => t.name), posts: POSTS, maxRows: MAX_IMPORT_ROWS };
}

/** The preview as the page shows it: error lines formatted and capped. */
function previewView(preview: ImportPreview) {
  const { errors, ...rest } = preview;
  return {
    ...rest,
    errorCount: errors.length,
    errorRowCount: new Set(errors.map((e) => e.row)).size,
    errorLines: rowErrorLines(errors),
  };
}
type PreviewView = ReturnType<typeof previewView>;

type ImportReply =
  | { intent: "preview"; preview: PreviewView; message: null }
  | { intent: "confirm"; ok: true; created: number; fileName: string; password: string; message: null }
  | { intent: "confirm"; ok: false; errors: string[]; errorCount: number; message: string | null; fieldErrors: Record<string, string>; draftId: string | null }
  | { intent: null; message: string };

function reply(body: ImportReply, status = 200) {
  return data(body, { status });
}

function rowErrorLines(errors: readonly RowError[]): string[] {
  return errors.slice(0, ERRORS_SHOWN).map((e) => (e.row > 0 ? formatRowError(e) : e.message));
}

async function readForm(request: Request): Promise<FormData | null> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
    throw error;
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:import");
  const { db } = args.context;
  const formData = await readForm(args.request);
  if (!formData) return reply({ intent: null, message: `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请分成多个文件导入` }, 413);
  const values = formStrings(formData);
  const parsedIntent = importIntentSchema.safeParse(values);
  if (!parsedIntent.success) return reply({ intent: null, message: "未知的操作" }, 400);

  if (parsedIntent.data.intent === "preview") {
    const file = formData.get("file");
    if (!file || typeof file === "string" || file.size === 0) return reply({ intent: null, message: "请选择要导入的 .xlsx 文件" }, 400);
    const preview = await previewPeopleImport(db, user, { fileName: file.name || "people.xlsx", data: await file.arrayBuffer() });
    return reply({ intent: "preview", preview: previewView(preview), message: null });
  }

  const failed = (fields: { errors?: RowError[]; message?: string; fieldErrors?: Record<string, string>; draftId?: string | null }) =>
    reply(
      {
        intent: "confirm",
        ok: false,
        errors: rowErrorLines(fields.errors ?? []),
        errorCount: fields.errors?.length ?? 0,
        message: fields.message ?? null,
        fieldErrors: fields.fieldErrors ?? {},
        draftId: fields.draftId ?? null,
      },
      400,
    );
  const parsed = importConfirmSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors = issuesByField(parsed.error);
    return failed({ message: fieldErrors.draftId ?? fieldErrors.initialPassword, fieldErrors });
  }
  const problem = initialPasswordProblem(parsed.data.initialPassword, {});
  if (problem) return failed({ fieldErrors: { initialPassword: problem }, draftId: parsed.data.draftId });
  const password = parsed.data.initialPassword ?? generateInitialPassword();
  try {
    const result = await confirmPeopleImport(db, user, parsed.data.draftId, password);
    if (!result.ok) {
      return failed({ errors: result.errors, message: "数据库中的数据在预览后发生了变化，本次导入未写入任何人员。请修改文件后重新上传。" });
    }
    return reply({ intent: "confirm", ok: true, created: result.created, fileName: result.fileName, password, message: null });
  } catch (error) {
    if (error instanceof PeopleRuleError) return failed({ message: error.message });
    throw error;
  }
}

export default function ImportPeople() {
  const { tiers, posts, maxRows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const preview = result?.intent === "preview" ? result.preview : null;
  const confirmed = result?.intent === "confirm" && result.ok ? result : null;
  const confirmFailed = result?.intent === "confirm" && !result.ok ? result : null;

  if (confirmed) {
    return (
      <>
        <div className="page-header">
          <h1>批量导入人员</h1>
        </div>
        <FormMessage tone="success">
          已从「{confirmed.fileName}」导入 {confirmed.created} 名人员及其账号。
        </FormMessage>
        <section className="card">
          <p>本批账号的初始密码：</p>
          <p>
            <span className="people-password">{confirmed.password}</span>
          </p>
          <p className="muted">密码只显示这一次，请通过安全渠道告知本批人员；每人首次登录时须修改密码。</p>
          <p className="people-actions">
            <Link className="btn btn--primary" to="/people">
              查看人员列表
            </Link>
            <Link className="btn" to="/people/import" reloadDocument>
              继续导入
            </Link>
          </p>
        </section>
      </>
    );
  }

  return (
    <>
      <div className="page-header">
        <h1>批量导入人员</h1>
        <Link className="btn" to="/people">
          返回列表
        </Link>
      </div>

      {result?.intent === null ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      {confirmFailed ? (
        <section className="card">
          {confirmFailed.message ? <FormMessage tone="error">{confirmFailed.message}</FormMessage> : null}
          {confirmFailed.errors.length > 0 ? <ErrorList lines={confirmFailed.errors} total={confirmFailed.errorCount} /> : null}
          {confirmFailed.fieldErrors.initialPassword && confirmFailed.draftId ? (
            <ConfirmForm draftId={confirmFailed.draftId} busy={busy} passwordError={confirmFailed.fieldErrors.initialPassword} />
          ) : null}
        </section>
      ) : null}

      <section className="card">
        <h2>1. 上传文件</h2>
        <p>
          请使用
          <a href="/people/template.xlsx" download>
            导入模板（.xlsx）
          </a>
          填写，每个文件最多 {maxRows.toLocaleString("zh-CN")} 行。先预览检查，确认无误后再导入；预览不会写入任何数据。
        </p>
        <p className="muted">
          岗位可选：{posts.join("、")}；培训层级可选：{tiers.join("、")}。
        </p>
        <Form method="post" encType="multipart/form-data" className="people-inline-form">
          <input type="hidden" name="intent" value="preview" />
          <Field label="Excel 文件" name="file">
            <input
              id="file"
              name="file"
              type="file"
              required
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
          </Field>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy && navigation.formData?.get("intent") === "preview" ? "检查中…" : "上传并预览"}
          </button>
        </Form>
      </section>

      {preview ? <PreviewReport preview={preview} busy={busy} /> : null}
    </>
  );
}

function PreviewReport({ preview, busy }: { preview: PreviewView; busy: boolean }) {
  if (preview.fileErrors.length > 0) {
    return (
      <section className="card">
        <h2>2. 检查结果：文件无法导入</h2>
        <FormMessage tone="error">
          <ul className="people-errors">
            {preview.fileErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </FormMessage>
      </section>
    );
  }
  return (
    <section className="card">
      <h2>2. 检查结果：{preview.fileName}</h2>
      <div className="people-counts">
        <span>
          数据行 <strong>{preview.totalRows}</strong>
        </span>
        <span>
          可导入 <strong>{preview.validCount}</strong>
        </span>
        <span>
          有问题的行 <strong>{preview.errorRowCount}</strong>
        </span>
      </div>
      {preview.errorCount > 0 ? (
        <>
          <FormMessage tone="error">文件中有 {preview.errorCount} 处问题，请修改后重新上传。全部无误后才能导入（不会只导入一部分）。</FormMessage>
          <ErrorList lines={preview.errorLines} total={preview.errorCount} />
        </>
      ) : (
        <FormMessage tone="success">全部 {preview.validCount} 行检查通过，确认后将一次性导入。</FormMessage>
      )}
      {preview.rows.length > 0 ? (
        <>
          <h3>将创建的人员{preview.validCount > preview.rows.length ? `（显示前 ${preview.rows.length} 行，共 ${preview.validCount} 行）` : ""}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>行号</th>
                  <th>姓名</th>
                  <th>工号</th>
                  <th>手机</th>
                  <th>性别</th>
                  <th>出生日期</th>
                  <th>岗位</th>
                  <th>培训层级</th>
                  <th>职级</th>
                  <th>单位</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.rowNumber}>
                    <td>{r.rowNumber}</td>
                    <td>{r.name}</td>
                    <td className="people-mono">{r.employeeNo}</td>
                    <td className="people-mono">{r.mobile}</td>
                    <td>{r.gender}</td>
                    <td>{r.birthDate}</td>
                    <td>{r.post}</td>
                    <td>{r.tier}</td>
                    <td>{r.rank}</td>
                    <td>{r.unit}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {preview.draftId ? <ConfirmForm draftId={preview.draftId} busy={busy} passwordError={undefined} /> : null}
    </section>
  );
}

function ConfirmForm({ draftId, busy, passwordError }: { draftId: string; busy: boolean; passwordError: string | undefined }) {
  return (
    <>
      <h2>3. 确认导入</h2>
      <Form method="post" className="people-inline-form">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="draftId" value={draftId} />
        <Field label="本批初始密码" name="initialPassword" error={passwordError} hint="留空则由系统生成；每人首次登录时须修改">
          <input id="initialPassword" name="initialPassword" type="text" autoComplete="new-password" maxLength={128} />
        </Field>
        <button className="btn btn--primary" type="submit" disabled={busy}>
          确认导入
        </button>
      </Form>
    </>
  );
}

function ErrorList({ lines, total }: { lines: string[]; total: number }) {
  return (
    <>
      <ol className="people-errors">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
      {total > lines.length ? <p className="muted">另有 {total - lines.length} 处问题未列出，请先修改以上问题后重新上传。</p> : null}
    </>
  );
}
