import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { changePasswordSchema, fieldErrors } from "~/modules/auth/login-schema";
import { changePassword, currentPasswordMatches } from "~/modules/auth/login.server";
import { passwordProblem, PASSWORD_MIN } from "~/modules/auth/password-policy";
import { revokeUserSessions, startSession } from "~/modules/auth/session.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "修改密码 · 应急培训考试积分平台" }];

export function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args, { allowPendingPasswordChange: true });
  return { forced: user.mustChangePassword, name: user.name };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args, { allowPendingPasswordChange: true });
  const { context, request } = args;
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const { currentPassword, newPassword } = parsed.data;
  const mobile = await context.db.selectFrom("persons").select("mobile").where("id", "=", user.id).executeTakeFirst();
  const problem = passwordProblem(newPassword, { employeeNo: user.employeeNo, mobile: mobile?.mobile });
  if (problem) return data({ errors: { newPassword: problem } as Record<string, string> }, { status: 400 });
  if (!(await currentPasswordMatches(context.db, user.id, currentPassword))) {
    return data({ errors: { currentPassword: "当前密码不正确" } as Record<string, string> }, { status: 400 });
  }
  await changePassword(context.db, user.id, newPassword);
  // A new password ends every other session of this person; this browser gets a fresh one.
  await revokeUserSessions(context.db, user.id);
  const cookie = await startSession(context.lucia, user.id, {
    clientAddress: context.clientAddress,
    userAgent: request.headers.get("user-agent"),
  });
  throw redirect("/home?passwordChanged=1", { headers: { "Set-Cookie": cookie } });
}

export default function ChangePassword() {
  const { forced, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <div className="auth-page">
      <div className="auth-card">
        <h1>修改密码</h1>
        {forced ? (
          <FormMessage tone="info">{name}，您正在使用初始密码，请先设置自己的新密码再继续使用。</FormMessage>
        ) : null}
        <Form method="post" className="form" noValidate>
          <Field label="当前密码" name="currentPassword" error={errors.currentPassword}>
            <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" />
          </Field>
          <Field
            label="新密码"
            name="newPassword"
            error={errors.newPassword}
            hint={`至少 ${PASSWORD_MIN} 位，不要使用常见密码、工号或手机号`}
          >
            <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" />
          </Field>
          <Field label="确认新密码" name="confirmPassword" error={errors.confirmPassword}>
            <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" />
          </Field>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "正在保存…" : "保存新密码"}
          </button>
          {forced ? null : (
            <a href="/home" className="btn">
              取消
            </a>
          )}
        </Form>
      </div>
    </div>
  );
}
