import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet, useSearchParams } from "@remix-run/react";
import type { CourseStatus } from "#db/schema";
import { Field, FormMessage } from "~/components/form";
import type { SessionUser } from "~/modules/auth/session.server";
import { categoryOptions, changeCourseStatus, courseForAuthor, STATUS_MOVES, updateAuthoredCourse } from "~/modules/courses/authoring.server";
import { COURSE_STATUS_LABELS } from "~/modules/courses/categories";
import { CourseFields } from "~/modules/courses/course-fields";
import {
  addOwnerSchema,
  courseFormSchema,
  courseFormValues,
  courseIntentSchema,
  lessonRefSchema,
  removeOwnerSchema,
  type CourseFormValues,
  type CourseIntent,
} from "~/modules/courses/course-schema";
import { CourseInputError, CourseRuleError } from "~/modules/courses/errors";
import { moveLesson, setLessonArchived } from "~/modules/courses/lesson-authoring.server";
import { setCourseCover } from "~/modules/courses/courses.server";
import { lessonsOfCourse } from "~/modules/courses/lessons.server";
import { MAX_UPLOAD_BYTES, tooLargeMessage, uploadUrl } from "~/modules/uploads/file-types";
import { readUploadForm } from "~/modules/uploads/multipart.server";
import { storeUpload, UploadError } from "~/modules/uploads/uploads.server";
import { addOwnerByEmployeeNo, removeOwner } from "~/modules/courses/owners.server";
import { issuesByField } from "~/modules/people/form-data";
import { listTiers } from "~/modules/people/options.server";
import { creditedHoursX100, describeRule, formatHours } from "~/modules/study/hours";
import { getHoursRule } from "~/modules/study/settings.server";
import coursesStyles from "~/styles/courses.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "课程"} · 课程` }];

async function courseFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:author");
  const { id } = getParams(args.params, idParam);
  const found = await courseForAuthor(args.context.db, user, id);
  if (!found || found.access === "none") notFound();
  return { user, ...found };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, course, owners, access } = await courseFromParams(args);
  const { db } = args.context;
  const canEdit = access === "edit";
  const [lessons, categories, tiers, rule] = await Promise.all([
    lessonsOfCourse(db, course.id, { includeArchived: true }),
    categoryOptions(db),
    listTiers(db, { includeInactive: true }),
    getHoursRule(db),
  ]);
  const current = lessons.filter((l) => l.archived === 0);
  const minutes = current.reduce((sum, l) => sum + l.minutes, 0);
  const audienceTiers = course.audience_tiers ? course.audience_tiers.split(",") : [];
  const tierNames = new Map(tiers.map((t) => [t.code, t.name]));
  const lessonRow = (l: (typeof lessons)[number]) => ({
    id: l.id,
    title: l.title,
    minutes: l.minutes,
    revision: l.revision,
    hasCheck: l.check_question !== null,
    updatedAt: formatInstant(l.updated_at),
  });
  return {
    course: {
      id: course.id,
      title: course.title,
      summary: course.summary,
      category: course.category,
      categoryName: categories.find((c) => c.code === course.category)?.name ?? course.category,
      status: course.status,
      audienceTiers,
      audienceLabel: audienceTiers.map((t) => tierNames.get(t) ?? t).join("、") || "所有层级",
      imported: course.content_key !== null,
      createdAt: formatInstant(course.created_at),
      updatedAt: formatInstant(course.updated_at),
      publishedAt: course.published_at === null ? null : formatInstant(course.published_at),
      coverUrl: course.cover_upload_id ? uploadUrl(course.cover_upload_id) : null,
    },
    owners: owners.map((o) => ({ id: o.id, name: o.name, employeeNo: o.employee_no, unitName: o.unit_name, isSelf: o.id === user.id })),
    lessons: current.map(lessonRow),
    archivedLessons: lessons.filter((l) => l.archived === 1).map(lessonRow),
    totals: { minutes, hours: formatHours(creditedHoursX100(minutes, rule)), rule: describeRule(rule) },
    canEdit,
    statusMoves: STATUS_MOVES[course.status],
    options: canEdit
      ? { categories, tiers: tiers.filter((t) => t.active || audienceTiers.includes(t.code)).map((t) => ({ code: t.code, name: t.name })) }
      : null,
  };
}

interface Reply {
  intent: CourseIntent | null;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  values: CourseFormValues | null;
}

function reply(intent: CourseIntent | null, fields: Partial<Omit<Reply, "intent">>, status = 200) {
  const body: Reply = { intent, ok: status < 400, message: null, errors: {}, values: null, ...fields };
  return data(body, { status });
}

interface IntentContext {
  db: ActionFunctionArgs["context"]["db"];
  user: SessionUser;
  courseId: number;
  form: FormData;
}

const STATUS_TARGETS: Partial<Record<CourseIntent, { status: CourseStatus; message: string }>> = {
  publish: { status: "published", message: "课程已发布，学员现在可以学习" },
  unpublish: { status: "draft", message: "课程已设为草稿，学员暂时看不到" },
  archive: { status: "archived", message: "课程已归档" },
};

export async function action(args: ActionFunctionArgs) {
  const { user, course, access } = await courseFromParams(args);
  // The cover form is the only multipart one: read it with the upload limits, not formData().
  if (/^multipart\/form-data/i.test(args.request.headers.get("Content-Type") ?? "")) {
    if (access !== "edit") return reply("set-cover", { message: "您不是本课程的负责人，只能查看" }, 403);
    return coverIntent(args.context.db, user, course.id, args.request);
  }
  const form = await args.request.formData();
  const parsedIntent = courseIntentSchema.safeParse({ intent: form.get("intent") });
  if (!parsedIntent.success) return reply(null, { message: "未知的操作" }, 400);
  const intent = parsedIntent.data.intent;
  if (access !== "edit") return reply(intent, { message: "您不是本课程的负责人，只能查看" }, 403);
  const ctx: IntentContext = { db: args.context.db, user, courseId: course.id, form };
  try {
    switch (intent) {
      case "update":
        return await updateIntent(ctx);
      case "publish":
      case "unpublish":
      case "archive": {
        const target = STATUS_TARGETS[intent]!;
        await changeCourseStatus(ctx.db, course.id, target.status);
        return reply(intent, { message: target.message });
      }
      case "move-up":
      case "move-down": {
        const ref = lessonRefSchema.safeParse(Object.fromEntries(form));
        if (!ref.success) return reply(intent, { message: "请选择课时" }, 400);
        await moveLesson(ctx.db, course.id, ref.data.lessonId, intent === "move-up" ? "up" : "down");
        return reply(intent, {});
      }
      case "archive-lesson":
      case "restore-lesson": {
        const ref = lessonRefSchema.safeParse(Object.fromEntries(form));
        if (!ref.success) return reply(intent, { message: "请选择课时" }, 400);
        await setLessonArchived(ctx.db, course.id, ref.data.lessonId, intent === "archive-lesson");
        return reply(intent, { message: intent === "archive-lesson" ? "课时已归档，学员不再看到它" : "课时已恢复，排在课程末尾" });
      }
      case "add-owner":
        return await addOwnerIntent(ctx);
      case "set-cover":
        return reply(intent, { errors: { cover: "请选择封面图片" } }, 400);
      case "remove-cover":
        await setCourseCover(ctx.db, course.id, null);
        return reply(intent, { message: "已移除封面" });
      case "remove-owner": {
        const parsed = removeOwnerSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return reply(intent, { message: "请选择要移除的负责人" }, 400);
        await removeOwner(ctx.db, course.id, parsed.data.personId);
        return reply(intent, { message: "已移除负责人" });
      }
    }
  } catch (error) {
    if (error instanceof CourseInputError) return reply(intent, { errors: error.fieldErrors, values: intent === "update" ? courseFormValues(form) : null }, 400);
    if (error instanceof CourseRuleError) return reply(intent, { message: error.message }, 400);
    throw error;
  }
}

async function coverIntent(db: IntentContext["db"], user: SessionUser, courseId: number, request: Request) {
  const upload = await readUploadForm(request, { maxFileBytes: MAX_UPLOAD_BYTES.image, tooLargeMessage: tooLargeMessage("image") });
  if (!upload.ok) return reply("set-cover", { errors: { cover: upload.error } }, upload.status);
  if (upload.fields.intent !== "set-cover") return reply(null, { message: "未知的操作" }, 400);
  if (!upload.file) return reply("set-cover", { errors: { cover: "请选择封面图片" } }, 400);
  try {
    const stored = await storeUpload(db, { kind: "image", fileName: upload.file.name, bytes: upload.file.bytes, uploadedBy: user.id });
    await setCourseCover(db, courseId, stored.id);
    return reply("set-cover", { message: "封面已更新" });
  } catch (error) {
    if (error instanceof UploadError) return reply("set-cover", { errors: { cover: error.message } }, error.status);
    throw error;
  }
}

async function updateIntent(ctx: IntentContext) {
  const values = courseFormValues(ctx.form);
  const parsed = courseFormSchema.safeParse(values);
  if (!parsed.success) return reply("update", { errors: issuesByField(parsed.error), values }, 400);
  await updateAuthoredCourse(ctx.db, ctx.courseId, parsed.data);
  return reply("update", { message: "课程信息已保存" });
}

async function addOwnerIntent(ctx: IntentContext) {
  const parsed = addOwnerSchema.safeParse(Object.fromEntries(ctx.form));
  if (!parsed.success) return reply("add-owner", { errors: issuesByField(parsed.error) }, 400);
  const person = await addOwnerByEmployeeNo(ctx.db, ctx.courseId, parsed.data.employeeNo);
  return reply("add-owner", { message: `已添加负责人：${person.name}` });
}

const STATUS_BADGE: Record<CourseStatus, string> = { draft: "badge", published: "badge badge--ok", archived: "badge badge--off" };

const MOVE_BUTTONS: Record<CourseStatus, { intent: CourseIntent; label: string; className: string }> = {
  published: { intent: "publish", label: "发布", className: "btn btn--primary" },
  draft: { intent: "unpublish", label: "撤回为草稿", className: "btn" },
  archived: { intent: "archive", label: "归档课程", className: "btn btn--danger" },
};

export default function CoursePage() {
  const outlet = useOutlet();
  // /courses/:id/lessons/new renders alone: this page is only its parent by URL.
  if (outlet) return outlet;
  return <CourseDetail />;
}

function CourseDetail() {
  const { course, owners, lessons, archivedLessons, totals, canEdit, statusMoves, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errorsFor = (intent: CourseIntent): Record<string, string | undefined> => (result?.intent === intent ? result.errors : {});
  const updateValues = result?.intent === "update" && result.values ? result.values : null;
  const storedValues: CourseFormValues = {
    title: course.title,
    summary: course.summary,
    category: course.category,
    newCategoryName: "",
    newCategoryCode: "",
    audienceTiers: course.audienceTiers,
  };
  const storedKey = [course.title, course.summary, course.category, course.audienceTiers.join(",")].join("|");

  return (
    <>
      <p className="authoring-crumbs">
        <Link to="/courses">← 课程列表</Link>
      </p>
      <div className="page-header">
        <h1>{course.title}</h1>
        <span className={STATUS_BADGE[course.status]}>{COURSE_STATUS_LABELS[course.status]}</span>
        {course.imported ? <span className="badge">导入课程</span> : null}
        {course.status === "published" ? (
          <Link className="btn" to={`/learn/courses/${course.id}`} target="_blank" rel="noreferrer">
            学员视图预览
          </Link>
        ) : null}
      </div>

      {searchParams.get("created") === "1" && !result ? <FormMessage tone="success">课程已创建。下一步：新增课时，然后发布。</FormMessage> : null}
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {canEdit ? null : <FormMessage tone="info">您不是本课程的负责人，只能查看。如需修改，请联系课程负责人或系统管理员。</FormMessage>}

      <div className="authoring-sections">
        <section className="card">
          <h2>课程信息</h2>
          <dl className="kv">
            <dt>分类</dt>
            <dd>{course.categoryName}</dd>
            <dt>适用层级</dt>
            <dd>{course.audienceLabel}</dd>
            <dt>课时</dt>
            <dd>
              {lessons.length} 个 · 共 {totals.minutes} 分钟 · 计 {totals.hours} 学时
            </dd>
            <dt>创建</dt>
            <dd>{course.createdAt}</dd>
            <dt>最近修改</dt>
            <dd>{course.updatedAt}</dd>
            {course.publishedAt ? (
              <>
                <dt>首次发布</dt>
                <dd>{course.publishedAt}</dd>
              </>
            ) : null}
          </dl>
          {course.summary ? <p className="authoring-summary">{course.summary}</p> : null}
          <p className="field__hint">学时规则：{totals.rule}。</p>
        </section>

        <section className="card">
          <h2>封面图片</h2>
          {course.coverUrl ? <img className="course-cover" src={course.coverUrl} alt={`${course.title} 封面`} /> : <p className="muted">尚未设置封面。</p>}
          {canEdit ? (
            <>
              <Form method="post" encType="multipart/form-data" className="form">
                <input type="hidden" name="intent" value="set-cover" />
                <Field label="封面图片文件" name="cover" error={result?.intent === "set-cover" ? result.errors.cover : undefined} hint="PNG、JPEG、GIF 或 WebP，不超过 5 MB，建议横版 16:9">
                  <input id="cover" name="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp" />
                </Field>
                <div>
                  <button className="btn" type="submit" disabled={busy}>
                    上传封面
                  </button>
                </div>
              </Form>
              {course.coverUrl ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-cover" />
                  <button className="btn btn--small btn--danger" type="submit" disabled={busy}>
                    移除封面
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
        </section>

        <section className="card">
          <h2>发布状态</h2>
          <p>
            当前状态：<span className={STATUS_BADGE[course.status]}>{COURSE_STATUS_LABELS[course.status]}</span>
          </p>
          <p className="muted">
            {course.status === "published"
              ? "学员可以学习本课程。修改课时会立即对学员生效。"
              : course.status === "draft"
                ? "草稿只有教员可见。课程至少要有一个课时才能发布。"
                : "已归档的课程不再向学员展示，学习记录保留。"}
          </p>
          {course.status !== "published" ? <p className="muted">发布后可在学员视图中预览整门课程；各课时的正文预览见课时编辑页。</p> : null}
          {canEdit ? (
            <div className="authoring-actions">
              {statusMoves.map((target) => {
                const button = MOVE_BUTTONS[target];
                const label = course.status === "archived" && target === "draft" ? "恢复为草稿" : button.label;
                return (
                  <Form
                    key={target}
                    method="post"
                    onSubmit={(event) => {
                      if (target === "archived" && !window.confirm("确定归档本课程？学员将不再看到它。")) event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="intent" value={button.intent} />
                    <button className={button.className} type="submit" disabled={busy}>
                      {label}
                    </button>
                  </Form>
                );
              })}
            </div>
          ) : null}
        </section>

        <section className="card authoring-sections__wide">
          <div className="authoring-section-header">
            <h2>课时（{lessons.length}）</h2>
            {canEdit ? (
              <Link className="btn btn--primary" to={`/courses/${course.id}/lessons/new`}>
                新增课时
              </Link>
            ) : null}
          </div>
          {lessons.length === 0 ? (
            <p className="muted">还没有课时。{canEdit ? "点击“新增课时”开始编写。" : ""}</p>
          ) : (
            <div className="table-wrap">
              <table className="table authoring-table">
                <thead>
                  <tr>
                    <th className="authoring-num">序号</th>
                    <th>课时名称</th>
                    <th className="authoring-num">分钟</th>
                    <th>检查题</th>
                    <th className="authoring-num">版本</th>
                    <th>最近修改</th>
                    <th>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {lessons.map((l, i) => (
                    <tr key={l.id}>
                      <td className="authoring-num">{i + 1}</td>
                      <td className="authoring-table__title">
                        <Link to={`/lessons/${l.id}/edit`}>{l.title}</Link>
                      </td>
                      <td className="authoring-num">{l.minutes}</td>
                      <td>{l.hasCheck ? "有" : <span className="muted">无</span>}</td>
                      <td className="authoring-num">{l.revision}</td>
                      <td>{l.updatedAt}</td>
                      <td>
                        <div className="authoring-row-actions">
                          {canEdit ? (
                            <>
                              <LessonButton intent="move-up" lessonId={l.id} label="上移" disabled={busy || i === 0} aria={`上移 ${l.title}`} />
                              <LessonButton
                                intent="move-down"
                                lessonId={l.id}
                                label="下移"
                                disabled={busy || i === lessons.length - 1}
                                aria={`下移 ${l.title}`}
                              />
                              <Link className="btn btn--small" to={`/lessons/${l.id}/edit`}>
                                编辑
                              </Link>
                              <LessonButton
                                intent="archive-lesson"
                                lessonId={l.id}
                                label="归档课时"
                                disabled={busy}
                                danger
                                confirm={`确定归档课时「${l.title}」？学员将不再看到它，学习记录保留。`}
                              />
                            </>
                          ) : (
                            <Link className="btn btn--small" to={`/lessons/${l.id}/edit`}>
                              查看
                            </Link>
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {archivedLessons.length > 0 ? (
            <details className="authoring-archived">
              <summary>已归档课时（{archivedLessons.length}）</summary>
              <ul>
                {archivedLessons.map((l) => (
                  <li key={l.id}>
                    <Link to={`/lessons/${l.id}/edit`}>{l.title}</Link> <span className="muted">（{l.minutes} 分钟）</span>
                    {canEdit ? <LessonButton intent="restore-lesson" lessonId={l.id} label="恢复" disabled={busy} /> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>

        <section className="card">
          <h2>课程负责人</h2>
          {owners.length === 0 ? (
            <p className="muted">导入课程暂无负责人，所有教员均可编辑。添加负责人后，只有负责人和系统管理员可以编辑。</p>
          ) : (
            <ul className="authoring-owners">
              {owners.map((o) => (
                <li key={o.id}>
                  <span>
                    {o.name}
                    {o.isSelf ? "（我）" : ""} <span className="muted">{o.employeeNo} · {o.unitName}</span>
                  </span>
                  {canEdit ? (
                    <Form
                      method="post"
                      onSubmit={(event) => {
                        if (o.isSelf && !window.confirm("移除自己后，您将不能再编辑本课程。确定移除？")) event.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="remove-owner" />
                      <input type="hidden" name="personId" value={o.id} />
                      <button
                        className="btn btn--small btn--danger"
                        type="submit"
                        disabled={busy || owners.length <= 1}
                        title={owners.length <= 1 ? "课程至少要保留一名负责人" : undefined}
                      >
                        移除
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <Form method="post" className="authoring-inline-form">
              <input type="hidden" name="intent" value="add-owner" />
              <Field label="按工号添加负责人" name="employeeNo" error={errorsFor("add-owner").employeeNo} hint="须为具有教员角色的在岗人员">
                <input id="employeeNo" name="employeeNo" maxLength={32} autoCapitalize="off" autoComplete="off" />
              </Field>
              <button className="btn" type="submit" disabled={busy}>
                添加
              </button>
            </Form>
          ) : null}
        </section>

        {canEdit && options ? (
          <section className="card">
            <h2>编辑课程信息</h2>
            <Form method="post" className="form" key={updateValues ? "refill" : storedKey}>
              <input type="hidden" name="intent" value="update" />
              <CourseFields values={updateValues ?? storedValues} errors={errorsFor("update")} options={options} />
              <div>
                <button className="btn btn--primary" type="submit" disabled={busy}>
                  保存课程信息
                </button>
              </div>
            </Form>
          </section>
        ) : null}
      </div>
    </>
  );
}

function LessonButton({
  intent,
  lessonId,
  label,
  disabled,
  danger,
  confirm,
  aria,
}: {
  intent: CourseIntent;
  lessonId: number;
  label: string;
  disabled: boolean;
  danger?: boolean;
  confirm?: string;
  aria?: string;
}) {
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="lessonId" value={lessonId} />
      <button className={danger ? "btn btn--small btn--danger" : "btn btn--small"} type="submit" disabled={disabled} aria-label={aria}>
        {label}
      </button>
    </Form>
  );
}
