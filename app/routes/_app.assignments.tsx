import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage } from "~/components/form";
import { fieldErrors } from "~/modules/auth/login-schema";
import { unitOptions } from "~/modules/people/options.server";
import { AssignmentError, assignToPeople, assignToUnit, listAssignments, removeAssignment } from "~/modules/study/assignments.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatInstant } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "课程指派 · 应急培训考试积分平台" }];

const dueDate = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "日期格式应为 YYYY-MM-DD")
  .transform((v) => v || null);

const intentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    courseId: z.coerce.number({ error: "请选择课程" }).int().positive("请选择课程"),
    target: z.enum(["unit", "people"], { error: "请选择指派对象" }),
    unitId: z.coerce.number().int().positive().optional().catch(undefined),
    employeeNos: z.string().max(20000).default(""),
    dueDate,
  }),
  z.object({ intent: z.literal("remove"), id: z.coerce.number().int().positive() }),
]);

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:assign");
  const { db } = args.context;
  const [assignments, units, courses] = await Promise.all([
    listAssignments(db, user),
    unitOptions(db, user, "course:assign", { leaves: true }),
    db.selectFrom("courses").select(["id", "title"]).where("status", "=", "published").orderBy("title").execute(),
  ]);
  return {
    units,
    courses,
    assignments: assignments.map((a) => ({
      id: a.id,
      course: a.course_title,
      target: a.unit_name ? `${a.unit_name}（全体）` : `${a.person_name}（${a.employee_no}，${a.person_unit}）`,
      dueDate: a.due_date ?? "—",
      created: formatInstant(a.created_at),
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:assign");
  const { db } = args.context;
  const parsed = intentSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), message: null }, { status: 400 });
  const input = parsed.data;
  try {
    if (input.intent === "remove") {
      const removed = await removeAssignment(db, user, input.id);
      return { errors: {} as Record<string, string>, message: removed ? "已撤销指派" : "该指派不存在" };
    }
    if (input.target === "unit") {
      if (!input.unitId) return data({ errors: { unitId: "请选择单位" } as Record<string, string>, message: null }, { status: 400 });
      await assignToUnit(db, user, { courseId: input.courseId, unitId: input.unitId, dueDate: input.dueDate });
      return { errors: {} as Record<string, string>, message: "已指派给所选单位的全体人员" };
    }
    const employeeNos = input.employeeNos.split(/[\s,，、;；]+/).filter(Boolean);
    if (employeeNos.length === 0) return data({ errors: { employeeNos: "请输入至少一个工号" } as Record<string, string>, message: null }, { status: 400 });
    const count = await assignToPeople(db, user, { courseId: input.courseId, employeeNos, dueDate: input.dueDate });
    return { errors: {} as Record<string, string>, message: `已指派给 ${count} 人` };
  } catch (error) {
    if (error instanceof AssignmentError) return data({ errors: { [error.field]: error.message } as Record<string, string>, message: null }, { status: 400 });
    throw error;
  }
}

export default function Assignments() {
  const { units, courses, assignments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <div className="page-header">
        <h1>课程指派</h1>
      </div>
      {result?.message ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      <Form method="post" className="form card">
        <input type="hidden" name="intent" value="assign" />
        <Field label="课程" name="courseId" error={errors.courseId}>
          <select id="courseId" name="courseId" defaultValue="">
            <option value="">请选择</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label="指派对象" name="target" error={errors.target}>
          <select id="target" name="target" defaultValue="unit">
            <option value="unit">单位（含下级全体人员）</option>
            <option value="people">指定人员（按工号）</option>
          </select>
        </Field>
        <Field label="单位" name="unitId" error={errors.unitId} hint="选择“单位”时填写">
          <select id="unitId" name="unitId" defaultValue="">
            <option value="">请选择</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="工号" name="employeeNos" error={errors.employeeNos} hint="选择“指定人员”时填写，多个工号用空格、逗号或换行分隔">
          <textarea id="employeeNos" name="employeeNos" rows={3} />
        </Field>
        <Field label="完成期限" name="dueDate" error={errors.dueDate}>
          <input id="dueDate" name="dueDate" type="date" />
        </Field>
        <button className="btn btn--primary" type="submit" disabled={busy}>
          指派
        </button>
      </Form>
      <h2>已指派（{assignments.length}）</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>课程</th>
              <th>对象</th>
              <th>期限</th>
              <th>指派时间</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <td>{a.course}</td>
                <td>{a.target}</td>
                <td>{a.dueDate}</td>
                <td>{a.created}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="id" value={a.id} />
                    <button className="btn btn--small btn--danger" type="submit">
                      撤销
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
