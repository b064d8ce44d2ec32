import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { PersonInputError } from "~/modules/people/errors";
import { formStrings, issuesByField, refill } from "~/modules/people/form-data";
import { generateInitialPassword } from "~/modules/people/initial-password.server";
import { listTiers, unitOptions } from "~/modules/people/options.server";
import { createPerson } from "~/modules/people/people.server";
import { PersonFields } from "~/modules/people/person-fields";
import { createPersonSchema } from "~/modules/people/schemas";
import peopleStyles from "~/styles/people.css";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];

export const meta: MetaFunction = () => [{ title: "新增人员 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:write");
  const { db } = args.context;
  const [tiers, units] = await Promise.all([listTiers(db), unitOptions(db, user, "person:write")]);
  return { tiers, units };
}

type CreateResult =
  | { ok: true; personId: number; name: string; employeeNo: string; password: string; generated: boolean }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:write");
  const values = formStrings(await args.request.formData());
  const parsed = createPersonSchema.safeParse(values);
  if (!parsed.success) {
    return data<CreateResult>({ ok: false, errors: issuesByField(parsed.error), values: refill(values) }, { status: 400 });
  }
  const { initialPassword, ...input } = parsed.data;
  const password = initialPassword ?? generateInitialPassword();
  try {
    const personId = await createPerson(args.context.db, user, input, password);
    // The password is shown once, in this response, and stored nowhere but as a hash.
    return data<CreateResult>({ ok: true, personId, name: input.name, employeeNo: input.employeeNo, password, generated: !initialPassword });
  } catch (error) {
    if (error instanceof PersonInputError) {
      return data<CreateResult>({ ok: false, errors: error.fieldErrors, values: refill(values) }, { status: 400 });
    }
    throw error;
  }
}

export default function NewPerson() {
  const { tiers, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";

  if (result?.ok) {
    return (
      <>
        <div className="page-header">
          <h1>新增人员</h1>
        </div>
        <FormMessage tone="success">
          已创建 {result.name}（工号 {result.employeeNo}）的档案和账号。
        </FormMessage>
        <section className="card">
          <p>初始密码{result.generated ? "（系统生成）" : ""}：</p>
          <p>
            <span className="people-password">{result.password}</span>
          </p>
          <p className="muted">密码只显示这一次，请当面或通过安全渠道转告本人；本人首次登录时须修改密码。</p>
          <p className="people-actions">
            <Link className="btn btn--primary" to={`/people/${result.personId}`}>
              查看人员
            </Link>
            <Link className="btn" to="/people/new" reloadDocument>
              继续新增
            </Link>
          </p>
        </section>
      </>
    );
  }

  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values ?? {};
  return (
    <>
      <div className="page-header">
        <h1>新增人员</h1>
        <Link className="btn" to="/people">
          返回列表
        </Link>
      </div>
      {result && !result.ok ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      <Form method="post" className="form card">
        <PersonFields values={values} errors={errors} options={{ tiers, units }} />
        <Field label="初始密码" name="initialPassword" error={errors.initialPassword} hint="留空则由系统生成；本人首次登录时须修改">
          <input id="initialPassword" name="initialPassword" type="text" autoComplete="new-password" maxLength={128} />
        </Field>
        <div>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "保存中…" : "创建人员和账号"}
          </button>
        </div>
      </Form>
    </>
  );
}
