import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { BankMemberRole } from "#db/schema";
import { Field, FormMessage } from "~/components/form";
import type { SessionUser } from "~/modules/auth/session.server";
import { categoryOptions } from "~/modules/courses/authoring.server";
import { formStrings, issuesByField } from "~/modules/people/form-data";
import { canEditBank } from "~/modules/questions/access";
import {
  BANK_ROLES,
  bankSettingsSchema,
  memberSchema,
  personRefSchema,
  pointPathSchema,
  pointRefSchema,
  settingsIntentSchema,
  type SettingsIntent,
} from "~/modules/questions/bank-schema";
import { bankForViewer, removeMember, setMemberByEmployeeNo, updateBank, type BankView } from "~/modules/questions/banks.server";
import { BankInputError, BankRuleError } from "~/modules/questions/errors";
import { deletePoint, ensurePointPath, listPoints, MAX_POINT_DEPTH } from "~/modules/questions/knowledge-points.server";
import { BANK_ACCESS_LABELS, BANK_ROLE_LABELS } from "~/modules/questions/labels";
import coursesStyles from "~/styles/courses.css";
import questionsStyles from "~/styles/questions.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: questionsStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `题库设置 · ${data?.bank.title ?? "题库"}` }];

async function bankFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const { id } = getParams(args.params, idParam);
  const bank = await bankForViewer(args.context.db, user, id);
  if (!bank) notFound();
  return { user, bank };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, bank } = await bankFromParams(args);
  const { db } = args.context;
  const [categories, points] = await Promise.all([categoryOptions(db), listPoints(db, bank.id)]);
  return {
    bank: {
      id: bank.id,
      bankKey: bank.bankKey,
      title: bank.title,
      description: bank.description,
      category: bank.category,
      categoryName: bank.categoryName,
      archived: bank.archived,
    },
    members: bank.members.map((m) => ({ personId: m.personId, name: m.name, employeeNo: m.employeeNo, role: m.role, isSelf: m.personId === user.id })),
    points: points.map((p) => {
      const below = points.filter((q) => q.path.startsWith(`${p.path}/`));
      return {
        id: p.id,
        name: p.name,
        path: p.path,
        depth: p.depth,
        count: p.questionCount + below.reduce((sum, q) => sum + q.questionCount, 0),
        hasChildren: below.length > 0,
      };
    }),
    categories,
    maxPointDepth: MAX_POINT_DEPTH,
    access: BANK_ACCESS_LABELS[bank.access as Exclude<BankView["access"], "none">],
    canManage: bank.access === "manage",
    canEdit: canEditBank(bank.access),
  };
}

interface Reply {
  intent: SettingsIntent | null;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  values: Record<string, string> | null;
}

function reply(intent: SettingsIntent | null, fields: Partial<Omit<Reply, "intent">>, status = 200) {
  return data<Reply>({ intent, ok: status < 400, message: null, errors: {}, values: null, ...fields }, { status });
}

interface IntentContext {
  db: ActionFunctionArgs["context"]["db"];
  user: SessionUser;
  bank: BankView;
  values: Record<string, string>;
}

export async function action(args: ActionFunctionArgs) {
  const { user, bank } = await bankFromParams(args);
  const values = formStrings(await args.request.formData());
  const parsedIntent = settingsIntentSchema.safeParse(values);
  if (!parsedIntent.success) return reply(null, { message: "未知的操作" }, 400);
  const intent = parsedIntent.data.intent;
  // Knowledge points belong to the questions (editors add them while writing); the bank itself and its members to the owners.
  const pointIntent = intent === "add-point" || intent === "delete-point";
  if (pointIntent ? !canEditBank(bank.access) : bank.access !== "manage") {
    return reply(intent, { message: pointIntent ? "您对本题库只有查看权限" : "只有题库负责人和系统管理员可以修改题库设置和成员" }, 403);
  }
  const ctx: IntentContext = { db: args.context.db, user, bank, values };
  try {
    switch (intent) {
      case "update":
        return await updateIntent(ctx);
      case "add-member":
      case "set-role":
        return await memberIntent(ctx, intent);
      case "remove-member": {
        const parsed = personRefSchema.safeParse(values);
        const member = parsed.success ? bank.members.find((m) => m.personId === parsed.data.personId) : undefined;
        if (!member) return reply(intent, { message: "该人员不是本题库成员" }, 400);
        await removeMember(ctx.db, bank.id, member.personId);
        return reply(intent, { message: `已移除成员：${member.name}` });
      }
      case "add-point":
        return await addPointIntent(ctx);
      case "delete-point": {
        const parsed = pointRefSchema.safeParse(values);
        const point = parsed.success ? (await listPoints(ctx.db, bank.id)).find((p) => p.id === parsed.data.pointId) : undefined;
        if (!point) return reply(intent, { message: "知识点不存在，可能已被删除" }, 400);
        await deletePoint(ctx.db, bank.id, point.id);
        return reply(intent, { message: `已删除知识点：${point.path}` });
      }
    }
  } catch (error) {
    if (error instanceof BankInputError) return reply(intent, { errors: error.fieldErrors, values }, 400);
    // A member change that would leave no owner belongs next to the role the person chose.
    if (error instanceof BankRuleError && intent === "add-member") return reply(intent, { errors: { role: error.message }, values }, 400);
    if (error instanceof BankRuleError) return reply(intent, { message: error.message }, 400);
    throw error;
  }
}

async function updateIntent({ db, bank, values }: IntentContext) {
  const parsed = bankSettingsSchema.safeParse(values);
  if (!parsed.success) return reply("update", { errors: issuesByField(parsed.error), values }, 400);
  const categories = await categoryOptions(db);
  if (!categories.some((c) => c.code === parsed.data.category)) return reply("update", { errors: { category: "请选择分类" }, values }, 400);
  await updateBank(db, bank.id, parsed.data);
  return reply("update", { message: parsed.data.archived && !bank.archived ? "题库已归档，不再出现在题库列表的主列表中" : "题库信息已保存" });
}

async function memberIntent({ db, bank, values }: IntentContext, intent: "add-member" | "set-role") {
  const parsed = memberSchema.safeParse(values);
  if (!parsed.success) return reply(intent, { errors: issuesByField(parsed.error), values }, 400);
  const existing = bank.members.find((m) => m.employeeNo === parsed.data.employeeNo);
  const person = await setMemberByEmployeeNo(db, bank.id, parsed.data.employeeNo, parsed.data.role);
  const role = BANK_ROLE_LABELS[parsed.data.role];
  return reply(intent, { message: existing ? `已将 ${person.name} 的角色改为${role}` : `已添加成员：${person.name}（${role}）` });
}

async function addPointIntent({ db, bank, values }: IntentContext) {
  const parsed = pointPathSchema.safeParse(values);
  if (!parsed.success) return reply("add-point", { errors: issuesByField(parsed.error), values }, 400);
  try {
    await ensurePointPath(db, bank.id, parsed.data.path);
  } catch (error) {
    if (error instanceof BankInputError) return reply("add-point", { errors: { path: error.message }, values }, 400);
    throw error;
  }
  return reply("add-point", { message: `已添加知识点：${parsed.data.path.split(/[/／]/).map((l) => l.trim()).filter(Boolean).join("/")}` });
}

export default function BankSettings() {
  const { bank, members, points, categories, maxPointDepth, access, canManage, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errorsFor = (intent: SettingsIntent): Record<string, string | undefined> => (result?.intent === intent ? result.errors : {});
  const valuesFor = (intent: SettingsIntent) => (result?.intent === intent && !result.ok ? result.values : null);
  const updateValues = valuesFor("update");
  const storedKey = [bank.title, bank.category, bank.description, bank.archived].join("|");
  const memberValues = valuesFor("add-member");
  const pointValues = valuesFor("add-point");

  return (
    <>
      <p className="authoring-crumbs">
        <Link to={`/banks/${bank.id}`}>← {bank.title}</Link>
      </p>
      <div className="page-header">
        <h1>题库设置</h1>
        <span className="badge">我的权限：{access}</span>
      </div>
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {canManage ? null : <FormMessage tone="info">只有题库负责人和系统管理员可以修改题库信息和成员。</FormMessage>}

      <div className="authoring-sections">
        <section className="card">
          <h2>题库信息</h2>
          {canManage ? (
            <Form method="post" className="form" key={updateValues ? "refill" : storedKey}>
              <input type="hidden" name="intent" value="update" />
              <p className="muted">
                题库代码：<code>{bank.bankKey}</code>（不能修改）
              </p>
              <Field label="题库名称" name="title" error={errorsFor("update").title}>
                <input id="title" name="title" defaultValue={updateValues?.title ?? bank.title} maxLength={200} autoComplete="off" />
              </Field>
              <Field label="分类" name="category" error={errorsFor("update").category}>
                <select id="category" name="category" defaultValue={updateValues?.category ?? bank.category}>
                  <option value="">请选择</option>
                  {categories.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="简介" name="description" error={errorsFor("update").description} hint="最多 1000 字">
                <textarea id="description" name="description" rows={3} maxLength={1000} defaultValue={updateValues?.description ?? bank.description} />
              </Field>
              <label className="authoring-check">
                <input type="checkbox" name="archived" value="1" defaultChecked={updateValues ? updateValues.archived === "1" : bank.archived} />
                归档本题库（题库列表中收起，试题和记录保留）
              </label>
              <div>
                <button className="btn btn--primary" type="submit" disabled={busy}>
                  保存题库信息
                </button>
              </div>
            </Form>
          ) : (
            <dl className="kv">
              <dt>题库代码</dt>
              <dd>
                <code>{bank.bankKey}</code>
              </dd>
              <dt>名称</dt>
              <dd>{bank.title}</dd>
              <dt>分类</dt>
              <dd>{bank.categoryName}</dd>
              <dt>简介</dt>
              <dd>{bank.description || <span className="muted">（无）</span>}</dd>
              <dt>状态</dt>
              <dd>{bank.archived ? "已归档" : "使用中"}</dd>
            </dl>
          )}
        </section>

        <section className="card">
          <h2>成员</h2>
          {members.length === 0 ? (
            <p className="muted">
              本题库尚未指定成员，所有教员均可管理。添加成员后，只有成员和系统管理员可以修改本题库，其他教员只能查看和导出；第一位成员须为负责人。
            </p>
          ) : (
            <ul className="authoring-owners bank-members">
              {members.map((m) => (
                <li key={m.personId}>
                  <span>
                    {m.name}
                    {m.isSelf ? "（我）" : ""} <span className="muted">{m.employeeNo}</span>
                  </span>
                  {canManage ? (
                    <span className="authoring-row-actions">
                      <Form method="post" className="bank-members__role">
                        <input type="hidden" name="intent" value="set-role" />
                        <input type="hidden" name="employeeNo" value={m.employeeNo} />
                        {/* Keyed by the last reply too, so a refused change shows the stored role again. */}
                        <select name="role" defaultValue={m.role} aria-label={`${m.name} 的角色`} key={`${m.role}|${result?.message ?? ""}`}>
                          {BANK_ROLES.map((r) => (
                            <option key={r} value={r}>
                              {BANK_ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                        <button className="btn btn--small" type="submit" disabled={busy} aria-label={`修改 ${m.name} 的角色`}>
                          修改角色
                        </button>
                      </Form>
                      <Form
                        method="post"
                        onSubmit={(event) => {
                          if (m.isSelf && !window.confirm("移除自己后，您可能不能再修改本题库。确定移除？")) event.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="remove-member" />
                        <input type="hidden" name="personId" value={m.personId} />
                        <button className="btn btn--small btn--danger" type="submit" disabled={busy} aria-label={`移除 ${m.name}`}>
                          移除
                        </button>
                      </Form>
                    </span>
                  ) : (
                    <span className="badge">{BANK_ROLE_LABELS[m.role as BankMemberRole]}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <Form method="post" className="authoring-inline-form" key={result?.intent === "add-member" && result.ok ? "added" : "add"}>
              <input type="hidden" name="intent" value="add-member" />
              <Field label="按工号添加成员" name="employeeNo" error={errorsFor("add-member").employeeNo} hint="须为具有教员角色的在岗人员">
                <input id="employeeNo" name="employeeNo" maxLength={32} autoCapitalize="off" autoComplete="off" defaultValue={memberValues?.employeeNo ?? ""} />
              </Field>
              <Field label="角色" name="role" error={errorsFor("add-member").role} hint="负责人管理成员和题库设置；编辑可以编写试题">
                <select id="role" name="role" defaultValue={memberValues?.role ?? (members.length === 0 ? "owner" : "editor")}>
                  {BANK_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {BANK_ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </Field>
              <button className="btn" type="submit" disabled={busy}>
                添加
              </button>
            </Form>
          ) : null}
        </section>

        <section className="card authoring-sections__wide">
          <h2>知识点（{points.length}）</h2>
          {points.length === 0 ? (
            <p className="muted">还没有知识点。</p>
          ) : (
            <ul className="bank-point-tree">
              {points.map((p) => (
                <li key={p.id} style={{ paddingLeft: `${p.depth * 1.25}rem` }}>
                  <Link to={`/banks/${bank.id}?point=${p.id}`} title={p.path}>
                    {p.name}
                  </Link>
                  <span className="muted">{p.count} 题</span>
                  {canEdit && !p.hasChildren && p.count === 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete-point" />
                      <input type="hidden" name="pointId" value={p.id} />
                      <button className="btn btn--small btn--danger" type="submit" disabled={busy} aria-label={`删除知识点 ${p.path}`}>
                        删除
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <Form method="post" className="authoring-inline-form" key={result?.intent === "add-point" && result.ok ? `added-${points.length}` : "add-point"}>
              <input type="hidden" name="intent" value="add-point" />
              <Field
                label="添加知识点"
                name="path"
                error={errorsFor("add-point").path}
                hint={`用“/”分隔层级，如 行政处罚法/简易程序，缺少的上级会一并创建；最多 ${maxPointDepth} 级`}
              >
                <input id="path" name="path" maxLength={400} autoComplete="off" defaultValue={pointValues?.path ?? ""} />
              </Field>
              <button className="btn" type="submit" disabled={busy}>
                添加
              </button>
            </Form>
          ) : null}
          <p className="field__hint">只能删除没有下级、也没有试题（含已停用试题）的知识点。</p>
        </section>
      </div>
    </>
  );
}
