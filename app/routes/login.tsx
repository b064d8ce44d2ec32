import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { attemptLogin } from "~/modules/auth/login.server";
import { fieldErrors, loginSchema } from "~/modules/auth/login-schema";
import { startSession } from "~/modules/auth/session.server";
import { safeRedirectTarget } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "登录 · 应急培训考试积分平台" }];

// Remix only forwards an action's headers through a route's `headers` export.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = loginSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), message: null }, { status: 400 });
  const { identifier, password, redirectTo } = parsed.data;
  const result = await attemptLogin(context.db, { identifier, password, clientAddress: context.clientAddress });
  if (!result.ok) {
    if (result.reason === "invalid") {
      return data({ errors: {}, message: "工号/手机号或密码错误" }, { status: 401 });
    }
    const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
    const message =
      result.reason === "throttled"
        ? `登录失败次数过多，请 ${seconds} 秒后再试`
        : `当前登录人数较多，请 ${seconds} 秒后再试`;
    return data({ errors: {}, message }, { status: 429, headers: { "Retry-After": String(seconds) } });
  }
  const cookie = await startSession(context.lucia, result.personId, {
    clientAddress: context.clientAddress,
    userAgent: request.headers.get("user-agent"),
  });
  const target = result.mustChangePassword ? "/password" : safeRedirectTarget(redirectTo);
  throw redirect(target, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="auth-page">
      <div className="auth-card">
        <h1>应急培训考试积分平台</h1>
        <p className="muted" style={{ textAlign: "center", marginTop: 0 }}>
          培训 · 考试 · 积分
        </p>
        {actionData?.message ? <FormMessage tone="error">{actionData.message}</FormMessage> : null}
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field label="工号或手机号" name="identifier" error={errors.identifier}>
            <input id="identifier" name="identifier" autoComplete="username" autoCapitalize="off" required />
          </Field>
          <Field label="密码" name="password" error={errors.password}>
            <input id="password" name="password" type="password" autoComplete="current-password" required />
          </Field>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "正在登录…" : "登录"}
          </button>
        </Form>
        <p className="muted" style={{ fontSize: "0.85rem" }}>
          忘记密码请联系本单位管理员或人事部门重置。
        </p>
      </div>
    </div>
  );
}
