import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/form";
import certificateStyles from "~/styles/certificates.css";

// Public (no login): anyone holding a paper certificate can check it here.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateStyles }];

export const meta: MetaFunction = () => [{ title: "证书查验 · 应急培训考试积分平台" }, { name: "robots", content: "noindex" }];

const NUMBER = /^[A-Z]{2}-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("number");
  if (typed === null) return { error: null, typed: "" };
  const number = typed.trim().toUpperCase().replace(/\s+/g, "");
  if (!number) return { error: "请输入证书编号", typed };
  if (!NUMBER.test(number)) return { error: "证书编号格式应为 ZF-2026-XXXX-XXXX", typed };
  throw redirect(`/verify/${encodeURIComponent(number)}`);
}

export default function VerifyForm() {
  const { error, typed } = useLoaderData<typeof loader>();
  return (
    <div className="auth-page">
      <div className="auth-card">
        <h1>证书查验</h1>
        <p className="muted" style={{ textAlign: "center", marginTop: 0 }}>
          执法证 · 辅助人员工作证
        </p>
        <Form method="get" className="form" noValidate>
          <Field label="证书编号" name="number" error={error} hint="见证书正面，如 ZF-2026-7KQ4-M9XD">
            <input id="number" name="number" defaultValue={typed} autoCapitalize="characters" autoComplete="off" required aria-describedby={error ? "number-error" : undefined} />
          </Field>
          <button className="btn btn--primary" type="submit">
            查验
          </button>
        </Form>
      </div>
    </div>
  );
}
