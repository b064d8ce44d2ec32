import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage } from "~/components/form";
import { fieldErrors } from "~/modules/auth/login-schema";
import { creditedHoursX100, describeRule, formatHours, parseHours } from "~/modules/study/hours";
import { getHoursRule, setHoursRule } from "~/modules/study/settings.server";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "学时规则 · 应急培训考试积分平台" }];

const ruleSchema = z.object({
  minutesPerHour: z.coerce.number({ error: "请输入分钟数" }).int("请输入整数分钟").min(1, "至少 1 分钟").max(240, "最多 240 分钟"),
  step: z
    .string()
    .transform((v) => parseHours(v))
    .refine((v): v is number => v !== null && v > 0 && v <= 100, "取整单位应为 0.01 到 1 之间的学时数，如 0.5"),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "syllabus:manage");
  const rule = await getHoursRule(args.context.db);
  return {
    minutesPerHour: rule.minutesPerHour,
    step: formatHours(rule.stepX100),
    description: describeRule(rule),
    examples: [20, 30, 45, 60, 90].map((minutes) => ({ minutes, hours: formatHours(creditedHoursX100(minutes, rule)) })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "syllabus:manage");
  const parsed = ruleSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), saved: false }, { status: 400 });
  await setHoursRule(args.context.db, { minutesPerHour: parsed.data.minutesPerHour, stepX100: parsed.data.step });
  return { errors: {} as Record<string, string>, saved: true };
}

export default function StudySettings() {
  const rule = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <h1>学时规则</h1>
      </div>
      {result?.saved ? <FormMessage tone="success">已保存。新规则用于此后完成的课程；已记入的学时不变。</FormMessage> : null}
      <p>当前规则：{rule.description}。</p>
      <Form method="post" className="form card">
        <Field label="每学时分钟数" name="minutesPerHour" error={errors.minutesPerHour} hint="培训通常以 45 分钟为 1 学时">
          <input id="minutesPerHour" name="minutesPerHour" inputMode="numeric" defaultValue={rule.minutesPerHour} />
        </Field>
        <Field label="取整单位（学时）" name="step" error={errors.step} hint="课程学时按此单位向下取整，如 0.5 表示半学时">
          <input id="step" name="step" inputMode="decimal" defaultValue={rule.step} />
        </Field>
        <button className="btn btn--primary" type="submit">
          保存
        </button>
      </Form>
      <h2>示例</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>课程预计学习时间</th>
              <th>计入学时</th>
            </tr>
          </thead>
          <tbody>
            {rule.examples.map((e) => (
              <tr key={e.minutes}>
                <td>{e.minutes} 分钟</td>
                <td>{e.hours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
