import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { can } from "~/modules/auth/permissions";
import type { SessionUser } from "~/modules/auth/session.server";
import { KIND_LABELS, RATING_MAX, RATING_MIN } from "~/modules/instructors/constants";
import { contactFor } from "~/modules/instructors/display";
import { InstructorInputError, InstructorRuleError } from "~/modules/instructors/errors";
import { InstructorFields } from "~/modules/instructors/instructor-fields";
import { getInstructor, recordRating, setInstructorActive, updateInstructor, type InstructorDetail } from "~/modules/instructors/instructors.server";
import { instructorFormOptions } from "~/modules/instructors/options.server";
import { describeRating, formatRating } from "~/modules/instructors/rating";
import {
  instructorFormSchema,
  instructorFormValues,
  instructorIntentSchema,
  ratingSchema,
  type InstructorFormValues,
  type InstructorIntent,
} from "~/modules/instructors/schemas";
import { issuesByField } from "~/modules/people/form-data";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.instructor.name ?? "教员"} · 师资库` }];

async function instructorFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "instructor:read");
  const { id } = getParams(args.params, idParam);
  const instructor = await getInstructor(args.context.db, id);
  if (!instructor) notFound();
  return { user, instructor };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, instructor } = await instructorFromParams(args);
  const canManage = can(user, "instructor:manage");
  const options = canManage ? await instructorFormOptions(args.context.db, instructor.courses.map((c) => c.id)) : null;
  const contact = contactFor(canManage, instructor);
  return {
    instructor: {
      ...instructor,
      ...contact,
      kindLabel: KIND_LABELS[instructor.kind],
      rating: describeRating({ ratingX100: instructor.ratingX100, count: instructor.ratingCount }),
      createdAt: formatInstant(instructor.createdAt),
      updatedAt: formatInstant(instructor.updatedAt),
    },
    formValues: canManage ? formValuesOf(instructor) : null,
    options,
    canManage,
    canAssignRoles: can(user, "role:assign"),
  };
}

function formValuesOf(i: InstructorDetail): InstructorFormValues {
  return {
    kind: i.kind,
    employeeNo: i.person?.employeeNo ?? "",
    name: i.kind === "external" ? i.name : "",
    organization: i.organization ?? "",
    title: i.title ?? "",
    level: i.level,
    mobile: i.mobile ?? "",
    email: i.email ?? "",
    bio: i.bio,
    specialties: i.specialties.map((s) => s.code),
    courseIds: i.courses.map((c) => String(c.id)),
  };
}

const FIX_FIELDS = "请按提示修改后再提交。";

interface Reply {
  intent: InstructorIntent | null;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  values: InstructorFormValues | null;
}

function reply(intent: InstructorIntent | null, fields: Partial<Omit<Reply, "intent">>, status = 200) {
  const body: Reply = { intent, ok: status < 400, message: null, errors: {}, values: null, ...fields };
  return data(body, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { user, instructor } = await instructorFromParams(args);
  const formData = await args.request.formData();
  const parsedIntent = instructorIntentSchema.safeParse({ intent: formData.get("intent") });
  if (!parsedIntent.success) return reply(null, { message: "未知的操作" }, 400);
  const intent = parsedIntent.data.intent;
  const ctx = { db: args.context.db, user, instructor, formData };
  try {
    switch (intent) {
      case "update":
        return await updateIntent(ctx);
      case "rate":
        return await rateIntent(ctx);
      case "deactivate":
        requirePermission(user, "instructor:manage");
        await setInstructorActive(ctx.db, instructor.id, false);
        return reply(intent, { message: "已停用：该教员不再出现在排课和评委的候选名单中" });
      case "reactivate":
        requirePermission(user, "instructor:manage");
        await setInstructorActive(ctx.db, instructor.id, true);
        return reply(intent, { message: "已重新启用" });
    }
  } catch (error) {
    if (error instanceof InstructorInputError) {
      const values = intent === "update" ? instructorFormValues(formData) : null;
      return reply(intent, { message: FIX_FIELDS, errors: error.fieldErrors, values }, 400);
    }
    if (error instanceof InstructorRuleError) return reply(intent, { message: error.message }, 400);
    throw error;
  }
}

interface IntentContext {
  db: ActionFunctionArgs["context"]["db"];
  user: SessionUser;
  instructor: InstructorDetail;
  formData: FormData;
}

async function updateIntent({ db, user, instructor, formData }: IntentContext) {
  requirePermission(user, "instructor:manage");
  const values = instructorFormValues(formData);
  const parsed = instructorFormSchema.safeParse(values);
  if (!parsed.success) return reply("update", { message: FIX_FIELDS, errors: issuesByField(parsed.error), values }, 400);
  await updateInstructor(db, instructor.id, parsed.data);
  return reply("update", { message: "已保存" });
}

async function rateIntent({ db, user, instructor, formData }: IntentContext) {
  requirePermission(user, "instructor:manage");
  const parsed = ratingSchema.safeParse({ score: formData.get("score") });
  if (!parsed.success) return reply("rate", { errors: issuesByField(parsed.error) }, 400);
  const rating = await recordRating(db, instructor.id, parsed.data.score);
  return reply("rate", { message: `已记录 ${parsed.data.score} 分，当前平均 ${formatRating(rating.ratingX100)} 分（${rating.count} 次评价）` });
}

const SCORES = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MAX - i);

export default function InstructorPage() {
  const { instructor: i, formValues, options, canManage, canAssignRoles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorsFor = (intent: InstructorIntent): Record<string, string | undefined> => (result?.intent === intent ? result.errors : {});
  const updateValues = result?.intent === "update" && result.values ? result.values : null;
  const lacksRole = i.person !== null && !i.person.hasInstructorRole;

  return (
    <>
      <div className="page-header">
        <h1>{i.name}</h1>
        <span className="badge">{i.kindLabel}</span>
        <span className="badge">{i.level}</span>
        {i.active ? <span className="badge badge--ok">在库</span> : <span className="badge badge--off">已停用</span>}
        <Link className="btn" to="/instructors">
          返回师资库
        </Link>
      </div>

      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {!result && searchParams.get("created") === "1" ? <FormMessage tone="success">已加入师资库</FormMessage> : null}
      {lacksRole ? (
        <FormMessage tone="info">
          该人员尚无教员角色，请由系统管理员在人员页面授予
          {canAssignRoles && i.person ? (
            <>
              {"（"}
              <Link to={`/people/${i.person.id}`}>前往人员页面</Link>
              {"）"}
            </>
          ) : null}
          。有教员角色后才能编写课程和试题。
        </FormMessage>
      ) : null}

      <section className="card">
        <h2 style={{ marginTop: 0 }}>基本信息</h2>
        <dl className="kv">
          <dt>类别</dt>
          <dd>{i.kindLabel}</dd>
          {i.person ? (
            <>
              <dt>工号</dt>
              <dd>
                {i.person.employeeNo}
                {i.person.status === "left" ? <span className="badge badge--off">已离岗</span> : null}
              </dd>
              <dt>单位</dt>
              <dd>{i.unitName ?? "—"}</dd>
            </>
          ) : (
            <>
              <dt>工作单位</dt>
              <dd>{i.organization ?? "—"}</dd>
            </>
          )}
          <dt>职务 / 职称</dt>
          <dd>{i.title ?? "—"}</dd>
          <dt>级别</dt>
          <dd>{i.level}</dd>
          <dt>手机</dt>
          <dd>{i.mobile ?? "—"}</dd>
          <dt>邮箱</dt>
          <dd>{i.email ?? "—"}</dd>
          <dt>专长领域</dt>
          <dd>{i.specialties.map((s) => s.name).join("、") || "—"}</dd>
          <dt>评分</dt>
          <dd>{i.rating}</dd>
          <dt>入库时间</dt>
          <dd>{i.createdAt}</dd>
        </dl>
        {i.bio ? <p style={{ whiteSpace: "pre-line", marginBottom: 0 }}>{i.bio}</p> : null}
      </section>

      <section className="card">
        <h2 style={{ marginTop: 0 }}>授课课程（{i.courses.length}）</h2>
        {i.courses.length === 0 ? (
          <p className="muted">尚未登记授课课程</p>
        ) : (
          <ul>
            {i.courses.map((c) => (
              <li key={c.id}>
                {c.title}
                {c.status === "published" ? null : <span className="badge badge--off">未发布</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage && i.active ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>记录评分</h2>
          <p className="muted">按培训结束后的学员评议或组织方评价记录一次 1–5 分，计入平均分。</p>
          <Form method="post" style={{ display: "flex", gap: "0.5rem", alignItems: "end", flexWrap: "wrap" }}>
            <input type="hidden" name="intent" value="rate" />
            <Field label="评分" name="score" error={errorsFor("rate").score}>
              <select id="score" name="score" defaultValue="">
                <option value="">请选择</option>
                {SCORES.map((s) => (
                  <option key={s} value={s}>
                    {s} 分
                  </option>
                ))}
              </select>
            </Field>
            <button className="btn" type="submit" disabled={busy}>
              记录评分
            </button>
          </Form>
        </section>
      ) : null}

      {canManage && formValues && options ? (
        <>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>编辑信息</h2>
            <Form method="post" className="form" style={{ maxWidth: "880px" }}>
              <input type="hidden" name="intent" value="update" />
              <InstructorFields key={updateValues ? "refill" : "stored"} values={updateValues ?? formValues} errors={errorsFor("update")} options={options} />
              <div>
                <button className="btn btn--primary" type="submit" disabled={busy}>
                  保存
                </button>
              </div>
            </Form>
          </section>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>停用 / 启用</h2>
            <Form method="post">
              <p className="muted">
                {i.active ? "停用后不再出现在排课和评委的候选名单中，历史记录保留。" : "重新启用后可再次被选为授课教员或评委。"}
              </p>
              <input type="hidden" name="intent" value={i.active ? "deactivate" : "reactivate"} />
              <button className={i.active ? "btn btn--danger" : "btn"} type="submit" disabled={busy}>
                {i.active ? "停用" : "重新启用"}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
