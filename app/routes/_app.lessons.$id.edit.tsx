import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { FormMessage } from "~/components/form";
import { richTextLinks } from "~/components/rich-text/editor-field";
import { RichTextView } from "~/components/rich-text/rich-text-view";
import type { SessionUser } from "~/modules/auth/session.server";
import { courseForAuthor } from "~/modules/courses/authoring.server";
import { parseCheckQuestion, type CheckQuestion } from "~/modules/courses/check-question";
import { attachFile, attachmentsOf, detachFile, getRevision } from "~/modules/courses/lesson-authoring.server";
import { hoursText, LessonForm } from "~/modules/courses/lesson-form";
import {
  checkQuestionValues,
  expectedRevisionSchema,
  lessonFormValues,
  OPTION_LETTERS,
  parseLessonForm,
  type LessonFormValues,
} from "~/modules/courses/lesson-schema";
import { getLesson, LessonConflictError, restoreRevision, revisionsOf, saveLesson } from "~/modules/courses/lessons.server";
import type { RichDoc } from "~/modules/richtext/nodes";
import { renderStoredRichText } from "~/modules/richtext/render";
import { readStoredDoc } from "~/modules/richtext/schema";
import { getHoursRule } from "~/modules/study/settings.server";
import { formatBytes, MAX_UPLOAD_BYTES, tooLargeMessage, UPLOAD_ID, uploadUrl } from "~/modules/uploads/file-types";
import { readUploadForm } from "~/modules/uploads/multipart.server";
import { UploadError } from "~/modules/uploads/uploads.server";
import coursesStyles from "~/styles/courses.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }, ...richTextLinks()];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? "课时"} · 编辑课时` }];

async function lessonFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:author");
  const { id } = getParams(args.params, idParam);
  const { db } = args.context;
  const lesson = await getLesson(db, id);
  if (!lesson) notFound();
  const found = await courseForAuthor(db, user, lesson.course_id);
  if (!found || found.access === "none") notFound();
  return { user, lesson, course: found.course, canEdit: found.access === "edit" };
}

const revisionParam = z.coerce.number().int().positive();

function checkView(question: CheckQuestion | null) {
  return question
    ? {
        question: question.question,
        options: question.options.map((text, i) => ({ letter: OPTION_LETTERS[i], text, correct: i === question.answer })),
        explanation: question.explanation,
      }
    : null;
}

export async function loader(args: LoaderFunctionArgs) {
  const { lesson, course, canEdit } = await lessonFromParams(args);
  const { db } = args.context;
  const requested = revisionParam.safeParse(new URL(args.request.url).searchParams.get("revision"));
  const [revisions, attachments, rule, viewing] = await Promise.all([
    revisionsOf(db, lesson.id),
    attachmentsOf(db, lesson.id),
    getHoursRule(db),
    requested.success ? getRevision(db, lesson.id, requested.data) : Promise.resolve(undefined),
  ]);
  const check = parseCheckQuestion(lesson.check_question);
  const latest = revisions[0];
  return {
    lesson: {
      id: lesson.id,
      title: lesson.title,
      minutes: lesson.minutes,
      revision: lesson.revision,
      archived: lesson.archived === 1,
      updatedAt: formatInstant(lesson.updated_at),
      updatedBy: latest?.revision === lesson.revision ? latest.author_name : null,
      hours: hoursText(lesson.minutes, rule),
    },
    values: { title: lesson.title, minutes: String(lesson.minutes), body: "", note: "", ...checkQuestionValues(check) } satisfies LessonFormValues,
    doc: readStoredDoc(lesson.body),
    html: renderStoredRichText(lesson.body),
    check: checkView(check),
    course: { id: course.id, title: course.title },
    canEdit,
    rule,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      title: r.title,
      minutes: r.minutes,
      note: r.note,
      author: r.author_name ?? "（系统导入）",
      at: formatInstant(r.created_at),
    })),
    viewing: viewing
      ? {
          revision: viewing.revision,
          title: viewing.title,
          minutes: viewing.minutes,
          note: viewing.note,
          author: viewing.author_name ?? "（系统导入）",
          at: formatInstant(viewing.created_at),
          html: renderStoredRichText(viewing.body),
          check: checkView(parseCheckQuestion(viewing.check_question)),
        }
      : null,
    attachments: attachments.map((a) => ({ id: a.id, name: a.original_name, size: formatBytes(a.size), url: uploadUrl(a.id) })),
  };
}

const INTENTS = ["save", "restore", "attach", "detach"] as const;
type LessonIntent = (typeof INTENTS)[number];
const intentSchema = z.object({ intent: z.enum(INTENTS) });

interface Reply {
  intent: LessonIntent | null;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  /** The submitted lesson form, shown again when the save failed. */
  values: LessonFormValues | null;
  doc: RichDoc | null;
  /** After a conflicting save: the revision now stored, which the next save may overwrite. */
  conflictRevision: number | null;
}

function reply(intent: LessonIntent | null, fields: Partial<Omit<Reply, "intent">>, status = 200) {
  const body: Reply = { intent, ok: status < 400, message: null, errors: {}, values: null, doc: null, conflictRevision: null, ...fields };
  return data(body, { status });
}

interface IntentContext {
  db: ActionFunctionArgs["context"]["db"];
  user: SessionUser;
  lessonId: number;
}

export async function action(args: ActionFunctionArgs) {
  const { user, lesson, canEdit } = await lessonFromParams(args);
  if (!canEdit) return reply(null, { message: "您不是本课程的负责人，只能查看" }, 403);
  const ctx: IntentContext = { db: args.context.db, user, lessonId: lesson.id };
  // The attachment form is the only multipart one (every other form posts urlencoded): its file is
  // read with hard size limits before anything else.
  if (/^multipart\/form-data/i.test(args.request.headers.get("Content-Type") ?? "")) return attachIntent(ctx, args.request);
  const form = await args.request.formData();
  const parsedIntent = intentSchema.safeParse({ intent: form.get("intent") });
  if (!parsedIntent.success) return reply(null, { message: "未知的操作" }, 400);
  switch (parsedIntent.data.intent) {
    case "save":
      return saveIntent(ctx, form);
    case "restore":
      return restoreIntent(ctx, form);
    case "detach":
      return detachIntent(ctx, form);
    case "attach":
      return reply("attach", { errors: { file: "请选择要上传的 PDF 文件" } }, 400);
  }
}

async function saveIntent(ctx: IntentContext, form: FormData) {
  const values = lessonFormValues(form);
  const parsed = parseLessonForm(values);
  if (!parsed.ok) return reply("save", { errors: parsed.errors, values, doc: parsed.doc }, 400);
  const expected = expectedRevisionSchema.safeParse(form.get("expectedRevision"));
  if (!expected.success) return reply("save", { message: "页面已过期，请复制您的修改后刷新页面", values, doc: parsed.lesson.doc }, 400);
  const { lesson } = parsed;
  try {
    const revision = await saveLesson(
      ctx.db,
      ctx.lessonId,
      { title: lesson.title, minutes: lesson.minutes, body: lesson.body, checkQuestion: lesson.checkQuestion },
      { authorId: ctx.user.id, note: lesson.note, expectedRevision: expected.data },
    );
    return reply("save", { message: `已保存为第 ${revision} 版` });
  } catch (error) {
    if (!(error instanceof LessonConflictError)) throw error;
    const [current] = await revisionsOf(ctx.db, ctx.lessonId);
    const who = current ? `${current.author_name ?? "其他人"}于 ${formatInstant(current.created_at)} 保存了第 ${current.revision} 版` : "其他人保存了新版本";
    return reply(
      "save",
      {
        message: `未保存：在您编辑期间，${who}。您的内容仍在下方表单中，没有丢失。请先在“修订记录”中查看对方的改动；确认后再次点击“保存”，将以您的内容保存为新版本（对方的版本仍保留在修订记录中）。`,
        values,
        doc: lesson.doc,
        conflictRevision: current?.revision ?? null,
      },
      409,
    );
  }
}

async function restoreIntent(ctx: IntentContext, form: FormData) {
  const revision = revisionParam.safeParse(form.get("revision"));
  if (!revision.success) return reply("restore", { message: "请选择要恢复的版本" }, 400);
  try {
    const saved = await restoreRevision(ctx.db, ctx.lessonId, revision.data, ctx.user.id);
    return reply("restore", { message: `已恢复第 ${revision.data} 版的内容，保存为第 ${saved} 版` });
  } catch (error) {
    if (error instanceof LessonConflictError) return reply("restore", { message: error.message }, 400);
    throw error;
  }
}

async function detachIntent(ctx: IntentContext, form: FormData) {
  const uploadId = z.string().regex(UPLOAD_ID).safeParse(form.get("uploadId"));
  if (!uploadId.success || !(await detachFile(ctx.db, ctx.lessonId, uploadId.data))) {
    return reply("detach", { message: "该附件不存在或已移除" }, 400);
  }
  return reply("detach", { message: "已移除附件" });
}

async function attachIntent(ctx: IntentContext, request: Request) {
  const upload = await readUploadForm(request, { maxFileBytes: MAX_UPLOAD_BYTES.attachment, tooLargeMessage: tooLargeMessage("attachment") });
  if (!upload.ok) return reply("attach", { errors: { file: upload.error } }, upload.status);
  if (upload.fields.intent !== "attach") return reply(null, { message: "未知的操作" }, 400);
  if (!upload.file) return reply("attach", { errors: { file: "请选择要上传的 PDF 文件" } }, 400);
  try {
    const stored = await attachFile(ctx.db, ctx.lessonId, upload.file, ctx.user.id);
    return reply("attach", { message: `已上传附件：${stored.name}` });
  } catch (error) {
    if (error instanceof UploadError) return reply("attach", { errors: { file: error.message } }, error.status);
    throw error;
  }
}

/** After a conflicting save, reload the page data too, so the other person's revision shows up in the history. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  if (actionResult && typeof actionResult === "object" && "conflictRevision" in actionResult && actionResult.conflictRevision) return true;
  return defaultShouldRevalidate;
};

export default function EditLesson() {
  const { lesson, values, doc, html, check, course, canEdit, rule, revisions, viewing, attachments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const retry = result?.intent === "save" && !result.ok && result.values ? result : null;
  const formKey = retry ? `retry-${retry.conflictRevision ?? "invalid"}` : `rev-${lesson.revision}`;
  const expectedRevision = retry?.conflictRevision ?? lesson.revision;
  const attachError = result?.intent === "attach" ? result.errors.file : undefined;

  return (
    <>
      <p className="authoring-crumbs">
        <Link to={`/courses/${course.id}`}>← {course.title}</Link>
      </p>
      <div className="page-header">
        <h1>{lesson.title}</h1>
        <span className="badge">第 {lesson.revision} 版</span>
        {lesson.archived ? <span className="badge badge--off">已归档</span> : null}
      </div>

      {searchParams.get("created") === "1" && !result ? <FormMessage tone="success">课时已创建。可以继续完善正文，或在下方上传 PDF 附件。</FormMessage> : null}
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {retry && !retry.message ? <FormMessage tone="error">未保存：请按提示修改后再提交。</FormMessage> : null}
      {canEdit ? null : <FormMessage tone="info">您不是本课程的负责人，只能查看。</FormMessage>}

      {canEdit ? (
        <section className="card">
          <h2>编辑内容</h2>
          <p className="muted">
            最近保存：{lesson.updatedAt}
            {lesson.updatedBy ? `（${lesson.updatedBy}）` : ""}。每次保存都会生成新版本，可在下方修订记录中查看和恢复。
          </p>
          <LessonForm
            key={formKey}
            intent="save"
            values={retry?.values ?? values}
            doc={retry ? (retry.doc ?? doc) : doc}
            errors={retry?.errors ?? {}}
            rule={rule}
            expectedRevision={expectedRevision}
            busy={busy && navigation.formData?.get("intent") === "save"}
            submitLabel="保存"
          />
        </section>
      ) : null}

      <section className="card">
        <h2>附件（{attachments.length}）</h2>
        {attachments.length === 0 ? <p className="muted">暂无附件。</p> : null}
        <ul className="authoring-attachments">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={a.url} download>
                {a.name}
              </a>{" "}
              <span className="muted">（{a.size}）</span>
              {canEdit ? (
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!window.confirm(`确定移除附件「${a.name}」？`)) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="detach" />
                  <input type="hidden" name="uploadId" value={a.id} />
                  <button className="btn btn--small btn--danger" type="submit" disabled={busy}>
                    移除
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <Form method="post" encType="multipart/form-data" className="authoring-inline-form" key={attachments.length}>
            <input type="hidden" name="intent" value="attach" />
            <div className={attachError ? "field field--error" : "field"}>
              <label htmlFor="file">上传 PDF 附件</label>
              <input id="file" name="file" type="file" accept="application/pdf,.pdf" required />
              {attachError ? (
                <p className="field__error" id="file-error" role="alert">
                  {attachError}
                </p>
              ) : (
                <p className="field__hint">只接受 PDF，不超过 {formatBytes(MAX_UPLOAD_BYTES.attachment)}。无 JavaScript 时上传会刷新页面，请先保存正文修改。</p>
              )}
            </div>
            <button className="btn" type="submit" disabled={busy}>
              {busy && navigation.formData?.get("intent") === "attach" ? "上传中…" : "上传"}
            </button>
          </Form>
        ) : null}
      </section>

      {viewing ? (
        <section className="card authoring-revision-view" id="revision">
          <div className="authoring-section-header">
            <h2>
              第 {viewing.revision} 版：{viewing.title}
            </h2>
            <Link className="btn btn--small" to={`/lessons/${lesson.id}/edit`} preventScrollReset>
              关闭
            </Link>
          </div>
          <p className="muted">
            {viewing.author} · {viewing.at} · {viewing.minutes} 分钟{viewing.note ? ` · ${viewing.note}` : ""}
          </p>
          <RichTextView html={viewing.html} className="authoring-preview" />
          <CheckQuestionView check={viewing.check} />
          {canEdit && viewing.revision !== lesson.revision ? <RestoreButton revision={viewing.revision} disabled={busy} /> : null}
        </section>
      ) : null}

      <section className="card">
        <h2>当前版本预览</h2>
        <p className="muted">
          第 {lesson.revision} 版 · {lesson.minutes} 分钟 · 计 {lesson.hours} 学时（已保存的内容，学员看到的样子）
        </p>
        <RichTextView html={html} className="authoring-preview" />
        <CheckQuestionView check={check} />
      </section>

      <section className="card">
        <h2>修订记录（{revisions.length}）</h2>
        <div className="table-wrap">
          <table className="table authoring-table">
            <thead>
              <tr>
                <th className="authoring-num">版本</th>
                <th>作者</th>
                <th>时间</th>
                <th>说明</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.revision} className={r.revision === lesson.revision ? "authoring-row--current" : undefined}>
                  <td className="authoring-num">
                    {r.revision}
                    {r.revision === lesson.revision ? <span className="badge badge--ok authoring-badge">当前</span> : null}
                  </td>
                  <td>{r.author}</td>
                  <td>{r.at}</td>
                  <td className="authoring-table__note">{r.note || <span className="muted">—</span>}</td>
                  <td>
                    <div className="authoring-row-actions">
                      <Link className="btn btn--small" to={`?revision=${r.revision}#revision`}>
                        查看
                      </Link>
                      {canEdit && r.revision !== lesson.revision ? <RestoreButton revision={r.revision} disabled={busy} small /> : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function RestoreButton({ revision, disabled, small }: { revision: number; disabled: boolean; small?: boolean }) {
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (!window.confirm(`恢复第 ${revision} 版的内容？它将保存为新的版本；编辑框中未保存的修改会被丢弃。`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="restore" />
      <input type="hidden" name="revision" value={revision} />
      <button className={small ? "btn btn--small" : "btn"} type="submit" disabled={disabled}>
        恢复此版本
      </button>
    </Form>
  );
}

function CheckQuestionView({ check }: { check: ReturnType<typeof checkView> }) {
  if (!check) return <p className="muted">本课时没有检查题。</p>;
  return (
    <div className="authoring-check-view">
      <h3>检查题</h3>
      <p>{check.question}</p>
      <ol className="authoring-check-view__options">
        {check.options.map((o) => (
          <li key={o.letter} className={o.correct ? "authoring-check-view__correct" : undefined}>
            {o.letter}. {o.text}
            {o.correct ? <span className="badge badge--ok authoring-badge">正确答案</span> : null}
          </li>
        ))}
      </ol>
      {check.explanation ? <p className="muted">解析：{check.explanation}</p> : null}
    </div>
  );
}
