import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ExamHistoryTable } from "~/components/exam-history-table";
import { Field, FormMessage } from "~/components/form";
import { can, ROLE_LABELS, type Action } from "~/modules/auth/permissions";
import { examHistoryOf, historyView } from "~/modules/exams/history.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { pathLabel } from "~/modules/org/units.server";
import { ASSIGNABLE_ROLES, GENDER_LABELS, SCOPED_ROLES, STATUS_LABELS } from "~/modules/people/constants";
import { mobileFor } from "~/modules/people/display";
import { PeopleRuleError, PersonInputError } from "~/modules/people/errors";
import { formStrings, issuesByField, refill } from "~/modules/people/form-data";
import { unitHistoryOf } from "~/modules/people/history.server";
import { generateInitialPassword } from "~/modules/people/initial-password.server";
import { listTiers, unitOptions } from "~/modules/people/options.server";
import {
  deactivatePerson,
  getPersonInScope,
  reactivatePerson,
  resetPersonPassword,
  updatePerson,
  type PersonRecord,
} from "~/modules/people/people.server";
import { PersonFields } from "~/modules/people/person-fields";
import { assignRole, removeRole, rolesOf } from "~/modules/people/roles.server";
import {
  assignRoleSchema,
  initialPasswordProblem,
  personFormSchema,
  personIntentSchema,
  removeRoleSchema,
  resetPasswordSchema,
  type PersonIntent,
} from "~/modules/people/schemas";
import certificateStyles from "~/styles/certificates.css";
import peopleStyles from "~/styles/people.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleStyles },
  { rel: "stylesheet", href: certificateStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "人员"} · 人员管理` }];

async function personFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:read");
  const { id } = getParams(args.params, idParam);
  const person = await getPersonInScope(args.context.db, user, id, "person:read");
  return { user, person };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, person } = await personFromParams(args);
  const { db } = args.context;
  const canWrite = can(user, "person:write", person.unitPath);
  const canAssign = can(user, "role:assign", person.unitPath);
  // 考试记录: for those who may see exam results in this person's unit.
  const canSeeExams = can(user, "report:exam", person.unitPath);
  const [unitLabel, history, roles, tiers, units, scopeUnits, exams] = await Promise.all([
    pathLabel(db, person.unitPath),
    unitHistoryOf(db, person.id),
    rolesOf(db, person.id),
    canWrite ? listTiers(db, { includeInactive: true }) : Promise.resolve([]),
    canWrite ? unitOptions(db, user, "person:write") : Promise.resolve([]),
    canAssign ? unitOptions(db, user, "role:assign") : Promise.resolve([]),
    canSeeExams ? examHistoryOf(db, person.id, { audience: "staff" }) : Promise.resolve(null),
  ]);
  // The current unit or tier may have been deactivated since: keep them selectable for this person.
  if (canWrite && !units.some((u) => u.id === person.orgUnitId)) {
    units.unshift({ id: person.orgUnitId, name: person.unitName, label: `${person.unitName}（已停用）` });
  }
  return {
    person: {
      id: person.id,
      name: person.name,
      employeeNo: person.employeeNo,
      mobile: mobileFor(user, person.unitPath, person.mobile),
      gender: person.gender,
      genderLabel: person.gender ? GENDER_LABELS[person.gender] : "",
      birthDate: person.birthDate,
      post: person.post,
      tier: person.tier,
      tierName: person.tierName,
      rank: person.rank,
      orgUnitId: person.orgUnitId,
      unitLabel,
      status: person.status,
      hasAccount: person.hasAccount,
      mustChangePassword: person.mustChangePassword,
      createdAt: formatInstant(person.createdAt),
      isSelf: person.id === user.id,
    },
    history: history.map((h) => ({
      id: h.id,
      unitName: h.unitName,
      unitCode: h.unitCode,
      from: formatInstant(h.validFrom),
      to: h.validTo === null ? null : formatInstant(h.validTo),
    })),
    roles: roles.map((r) => ({ id: r.id, label: ROLE_LABELS[r.role], scopeName: r.scopeName })),
    tiers: tiers.filter((t) => t.active || t.code === person.tier),
    units,
    scopeUnits,
    roleChoices: ASSIGNABLE_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], scoped: SCOPED_ROLES.includes(role) })),
    canWrite,
    canAssign,
    examHistory: exams ? historyView(exams, (ms) => formatInstant(ms)) : null,
  };
}

interface Reply {
  intent: PersonIntent | null;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  values: Record<string, string> | null;
  /** A new initial password, shown once after a reset. */
  password: string | null;
}

function reply(intent: PersonIntent | null, fields: Partial<Omit<Reply, "intent">>, status = 200) {
  const body: Reply = { intent, ok: status < 400, message: null, errors: {}, values: null, password: null, ...fields };
  return data(body, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { user, person } = await personFromParams(args);
  const values = formStrings(await args.request.formData());
  const parsedIntent = personIntentSchema.safeParse(values);
  if (!parsedIntent.success) return reply(null, { message: "未知的操作" }, 400);
  const intent = parsedIntent.data.intent;
  const ctx = { db: args.context.db, user, person, values };
  try {
    switch (intent) {
      case "update":
        return await updateIntent(ctx);
      case "deactivate":
        requireOn(ctx, "person:write");
        await deactivatePerson(ctx.db, user, person.id);
        return reply(intent, { message: "已设为离岗，该人员的登录会话已全部注销" });
      case "reactivate":
        requireOn(ctx, "person:write");
        await reactivatePerson(ctx.db, user, person.id);
        return reply(intent, { message: "已恢复为在岗" });
      case "reset-password":
        return await resetPasswordIntent(ctx);
      case "assign-role":
        return await assignRoleIntent(ctx);
      case "remove-role":
        return await removeRoleIntent(ctx);
    }
  } catch (error) {
    if (error instanceof PersonInputError) return reply(intent, { errors: error.fieldErrors, values: refill(values) }, 400);
    if (error instanceof PeopleRuleError) return reply(intent, { message: error.message }, 400);
    throw error;
  }
}

interface IntentContext {
  db: ActionFunctionArgs["context"]["db"];
  user: SessionUser;
  person: PersonRecord;
  values: Record<string, string>;
}

function requireOn({ user, person }: IntentContext, action: Action) {
  requirePermission(user, action, { path: person.unitPath });
}

async function updateIntent(ctx: IntentContext) {
  requireOn(ctx, "person:write");
  const parsed = personFormSchema.safeParse(ctx.values);
  if (!parsed.success) return reply("update", { errors: issuesByField(parsed.error), values: refill(ctx.values) }, 400);
  const { moved } = await updatePerson(ctx.db, ctx.user, ctx.person.id, parsed.data);
  return reply("update", { message: moved ? "已保存，单位调动已记入任职记录" : "已保存" });
}

async function resetPasswordIntent(ctx: IntentContext) {
  requireOn(ctx, "person:write");
  const parsed = resetPasswordSchema.safeParse(ctx.values);
  if (!parsed.success) return reply("reset-password", { errors: issuesByField(parsed.error) }, 400);
  const typed = parsed.data.initialPassword;
  const problem = initialPasswordProblem(typed, ctx.person);
  if (problem) return reply("reset-password", { errors: { initialPassword: problem } }, 400);
  const password = typed ?? generateInitialPassword();
  await resetPersonPassword(ctx.db, ctx.user, ctx.person.id, password);
  return reply("reset-password", { message: "密码已重置，该人员已在所有设备上退出登录", password });
}

async function assignRoleIntent(ctx: IntentContext) {
  requireOn(ctx, "role:assign");
  const parsed = assignRoleSchema.safeParse(ctx.values);
  if (!parsed.success) return reply("assign-role", { errors: issuesByField(parsed.error), values: refill(ctx.values) }, 400);
  await assignRole(ctx.db, ctx.user, ctx.person.id, parsed.data);
  return reply("assign-role", { message: `已分配角色：${ROLE_LABELS[parsed.data.role]}` });
}

async function removeRoleIntent(ctx: IntentContext) {
  requireOn(ctx, "role:assign");
  const parsed = removeRoleSchema.safeParse(ctx.values);
  if (!parsed.success) return reply("remove-role", { message: "请选择要移除的角色" }, 400);
  await removeRole(ctx.db, ctx.user, ctx.person.id, parsed.data.assignmentId);
  return reply("remove-role", { message: "已移除角色" });
}

export default function PersonPage() {
  const { person, history, roles, tiers, units, scopeUnits, roleChoices, canWrite, canAssign, examHistory } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorsFor = (intent: PersonIntent): Record<string, string | undefined> => (result?.intent === intent ? result.errors : {});
  const updateValues = result?.intent === "update" && result.values ? result.values : null;

  return (
    <>
      <div className="page-header">
        <h1>{person.name}</h1>
        <span className={person.status === "active" ? "badge badge--ok" : "badge badge--off"}>{STATUS_LABELS[person.status]}</span>
        <Link className="btn" to="/people">
          返回列表
        </Link>
      </div>

      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {result?.intent === "reset-password" && result.password ? (
        <section className="card" aria-live="polite">
          <p>新的初始密码：</p>
          <p>
            <span className="people-password">{result.password}</span>
          </p>
          <p className="muted">密码只显示这一次，请通过安全渠道转告本人；本人登录后须立即修改。</p>
        </section>
      ) : null}

      <div className="people-sections">
        <section className="card">
          <h2>基本信息</h2>
          <dl className="kv">
            <dt>工号</dt>
            <dd className="people-mono">{person.employeeNo}</dd>
            <dt>手机</dt>
            <dd className="people-mono">{person.mobile ?? "—"}</dd>
            <dt>性别</dt>
            <dd>{person.genderLabel || "—"}</dd>
            <dt>出生日期</dt>
            <dd>{person.birthDate ?? "—"}</dd>
            <dt>岗位</dt>
            <dd>{person.post}</dd>
            <dt>培训层级</dt>
            <dd>{person.tierName}</dd>
            <dt>职级</dt>
            <dd>{person.rank ?? "—"}</dd>
            <dt>单位</dt>
            <dd>{person.unitLabel}</dd>
            <dt>账号</dt>
            <dd>{person.hasAccount ? (person.mustChangePassword ? "待首次登录修改密码" : "正常") : "未开通"}</dd>
            <dt>建档时间</dt>
            <dd>{person.createdAt}</dd>
          </dl>
        </section>

        <section className="card">
          <h2>任职单位记录</h2>
          {history.length === 0 ? (
            <p className="muted">暂无记录</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>单位</th>
                    <th>起</th>
                    <th>止</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => (
                    <tr key={h.id}>
                      <td>{h.unitName}</td>
                      <td>{h.from}</td>
                      <td>{h.to ?? "至今"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {examHistory ? (
          <section className="card people-sections__wide">
            <h2>考试记录</h2>
            <ExamHistoryTable rows={examHistory} />
          </section>
        ) : null}

        <section className="card">
          <h2>角色</h2>
          {roles.length === 0 ? <p className="muted">无</p> : null}
          <ul>
            {roles.map((r) => (
              <li key={r.id}>
                {r.label}
                {r.scopeName ? <span className="muted">（管理范围：{r.scopeName}）</span> : null}
                {canAssign ? (
                  <Form method="post" style={{ display: "inline", marginLeft: "0.5rem" }}>
                    <input type="hidden" name="intent" value="remove-role" />
                    <input type="hidden" name="assignmentId" value={r.id} />
                    <button className="btn btn--small btn--danger" type="submit" disabled={busy}>
                      移除
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {canAssign ? (
            <Form method="post" className="people-inline-form">
              <input type="hidden" name="intent" value="assign-role" />
              <Field label="角色" name="role" error={errorsFor("assign-role").role}>
                <select id="role" name="role" defaultValue="">
                  <option value="">请选择</option>
                  {roleChoices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                      {c.scoped ? "（需选择管理范围）" : ""}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="管理范围" name="scopeOrgUnitId" error={errorsFor("assign-role").scopeOrgUnitId} hint="仅单位管理员需要">
                <select id="scopeOrgUnitId" name="scopeOrgUnitId" defaultValue="">
                  <option value="">（不限）</option>
                  {scopeUnits.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.label}
                    </option>
                  ))}
                </select>
              </Field>
              <button className="btn" type="submit" disabled={busy}>
                分配角色
              </button>
            </Form>
          ) : null}
        </section>

        {canWrite ? (
          <section className="card">
            <h2>账号与状态</h2>
            <Form method="post" className="people-inline-form">
              <input type="hidden" name="intent" value="reset-password" />
              <Field label="新的初始密码" name="reset-initialPassword" error={errorsFor("reset-password").initialPassword} hint="留空则由系统生成">
                <input id="reset-initialPassword" name="initialPassword" type="text" autoComplete="new-password" maxLength={128} />
              </Field>
              <button className="btn" type="submit" disabled={busy}>
                重置密码
              </button>
            </Form>
            {person.isSelf ? null : (
              <Form
                method="post"
                onSubmit={(event) => {
                  if (person.status === "active" && !window.confirm(`确定将 ${person.name} 设为离岗？其登录会话将被全部注销。`)) {
                    event.preventDefault();
                  }
                }}
              >
                <input type="hidden" name="intent" value={person.status === "active" ? "deactivate" : "reactivate"} />
                <p className="muted">
                  {person.status === "active" ? "离岗人员不能登录，历史成绩和记录保留。" : "恢复后可重新登录（如忘记密码请先重置）。"}
                </p>
                <button className={person.status === "active" ? "btn btn--danger" : "btn"} type="submit" disabled={busy}>
                  {person.status === "active" ? "设为离岗" : "恢复在岗"}
                </button>
              </Form>
            )}
          </section>
        ) : null}

        {canWrite ? (
          <section className="card people-sections__wide">
            <h2>编辑信息</h2>
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="update" />
              <PersonFields
                key={updateValues ? "refill" : "stored"}
                values={updateValues ?? person}
                errors={errorsFor("update")}
                options={{ tiers, units }}
              />
              <p className="muted">更换单位会在任职单位记录中留下调动记录。</p>
              <div>
                <button className="btn btn--primary" type="submit" disabled={busy}>
                  保存
                </button>
              </div>
            </Form>
          </section>
        ) : null}
      </div>
    </>
  );
}
