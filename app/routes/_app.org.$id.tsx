import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { OrgUnitType } from "#db/schema";
import { Field, FormMessage } from "~/components/form";
import { fieldErrors } from "~/modules/auth/login-schema";
import { can } from "~/modules/auth/permissions";
import { unitPeopleCounts } from "~/modules/org/list.server";
import { orgIntentSchema } from "~/modules/org/org-schema";
import { canContain, childTypesOf, ORG_UNIT_TYPE_LABELS, ORG_UNIT_TYPES } from "~/modules/org/org-types";
import {
  childrenOf,
  createUnit,
  deactivateUnit,
  getUnit,
  moveUnit,
  OrgRuleError,
  pathLabel,
  reactivateUnit,
  renameUnit,
} from "~/modules/org/units.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? "单位"} · 组织机构` }];

async function loadUnitInScope(args: LoaderFunctionArgs, action: "org:read" | "org:write") {
  const user = requireUser(args);
  requirePermission(user, action);
  const { id } = getParams(args.params, idParam);
  const unit = await getUnit(args.context.db, id);
  if (!unit) notFound();
  requirePermission(user, action, unit);
  return { user, unit };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, unit } = await loadUnitInScope(args, "org:read");
  const { db } = args.context;
  const canWrite = can(user, "org:write", unit.path);
  const parentTypes = ORG_UNIT_TYPES.filter((t) => canContain(t, unit.type));
  const [label, children, counts, moveTargets] = await Promise.all([
    pathLabel(db, unit.path),
    childrenOf(db, unit.id),
    unitPeopleCounts(db, unit),
    canWrite && unit.parent_id !== null && parentTypes.length > 0
      ? db
          .selectFrom("org_units")
          .select(["id", "name", "type"])
          .where("type", "in", parentTypes)
          .where("active", "=", 1)
          .where("path", "not like", `${unit.path}%`)
          .orderBy("path")
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    unit: { ...unit, typeLabel: ORG_UNIT_TYPE_LABELS[unit.type] },
    label,
    children: children.map((c) => ({ id: c.id, name: c.name, typeLabel: ORG_UNIT_TYPE_LABELS[c.type], active: c.active })),
    counts,
    canWrite,
    childTypes: childTypesOf(unit.type).map((t) => ({ value: t, label: ORG_UNIT_TYPE_LABELS[t] })),
    moveTargets: moveTargets.map((t) => ({ id: t.id, label: `${t.name}（${ORG_UNIT_TYPE_LABELS[t.type as OrgUnitType]}）` })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { unit, user } = await loadUnitInScope(args, "org:write");
  const { db } = args.context;
  const parsed = orgIntentSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ intent: null, errors: fieldErrors(parsed.error), message: null }, { status: 400 });
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "rename":
        await renameUnit(db, unit.id, input.name);
        break;
      case "create-child": {
        const id = await createUnit(db, { parentId: unit.id, type: input.type as OrgUnitType, name: input.name, code: input.code });
        throw redirect(`/org/${id}`);
      }
      case "move": {
        const target = await getUnit(db, input.parentId);
        if (!target) notFound();
        requirePermission(user, "org:write", target);
        await moveUnit(db, unit.id, target.id);
        break;
      }
      case "deactivate":
        await deactivateUnit(db, unit.id);
        break;
      case "reactivate":
        await reactivateUnit(db, unit.id);
        break;
    }
  } catch (error) {
    if (error instanceof OrgRuleError) {
      return data({ intent: input.intent, errors: {} as Record<string, string>, message: error.message }, { status: 400 });
    }
    throw error;
  }
  return { intent: input.intent, errors: {} as Record<string, string>, message: "已保存" };
}

export default function UnitDetail() {
  const { unit, label, children, counts, canWrite, childTypes, moveTargets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <h1>{unit.name}</h1>
        <span className="badge">{unit.typeLabel}</span>
        {unit.active ? null : <span className="badge badge--off">已停用</span>}
        <Link className="btn" to={`/people?unit=${unit.id}`}>
          查看人员（{counts.subtree}）
        </Link>
      </div>
      {result?.message ? (
        <FormMessage tone={Object.keys(errors).length || result.message !== "已保存" ? "error" : "success"}>{result.message}</FormMessage>
      ) : null}
      <section className="card">
        <dl className="kv">
          <dt>层级路径</dt>
          <dd>{label}</dd>
          <dt>单位编码</dt>
          <dd>{unit.code}</dd>
          <dt>直属人员</dt>
          <dd>{counts.direct}</dd>
          <dt>含下级人员</dt>
          <dd>{counts.subtree}</dd>
        </dl>
      </section>
      {children.length > 0 ? (
        <section>
          <h2>下级单位（{children.length}）</h2>
          <div className="table-wrap">
            <table className="table">
              <tbody>
                {children.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/org/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{c.typeLabel}</td>
                    <td>{c.active ? "正常" : <span className="badge badge--off">已停用</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {canWrite ? (
        <>
          <h2>修改名称</h2>
          <Form method="post" className="form card">
            <input type="hidden" name="intent" value="rename" />
            <Field label="单位名称" name="name" error={result?.intent === "rename" ? errors.name : undefined}>
              <input id="name" name="name" defaultValue={unit.name} />
            </Field>
            <button className="btn btn--primary" type="submit">
              保存名称
            </button>
          </Form>
          {childTypes.length > 0 ? (
            <>
              <h2>新增下级单位</h2>
              <Form method="post" className="form card">
                <input type="hidden" name="intent" value="create-child" />
                <Field label="单位类型" name="type" error={errors.type}>
                  <select id="type" name="type">
                    {childTypes.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="单位名称" name="child-name" error={result?.intent === "create-child" ? errors.name : undefined}>
                  <input id="child-name" name="name" />
                </Field>
                <Field label="单位编码" name="code" error={errors.code} hint="唯一且不再变化，如 hz-xh-t03-v2">
                  <input id="code" name="code" autoCapitalize="off" />
                </Field>
                <button className="btn btn--primary" type="submit">
                  新增
                </button>
              </Form>
            </>
          ) : null}
          {moveTargets.length > 0 ? (
            <>
              <h2>调整隶属关系</h2>
              <Form method="post" className="form card">
                <input type="hidden" name="intent" value="move" />
                <Field label="新的上级单位" name="parentId" error={errors.parentId}>
                  <select id="parentId" name="parentId" defaultValue="">
                    <option value="">请选择</option>
                    {moveTargets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </Field>
                <button className="btn" type="submit">
                  移动（含全部下级）
                </button>
              </Form>
            </>
          ) : null}
          {unit.parent_id !== null ? (
            <>
              <h2>停用 / 启用</h2>
              <Form method="post" className="card">
                <p className="muted">单位不会被删除：历史成绩、证书和学习记录仍指向它。停用前须先调出在岗人员。</p>
                <input type="hidden" name="intent" value={unit.active ? "deactivate" : "reactivate"} />
                <button className={unit.active ? "btn btn--danger" : "btn"} type="submit">
                  {unit.active ? "停用本单位及下级" : "重新启用"}
                </button>
              </Form>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
