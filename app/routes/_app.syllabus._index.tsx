import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { issuesByField, formStrings } from "~/modules/people/form-data";
import { createYearSyllabus, listSyllabi, SyllabusInputError } from "~/modules/syllabus/admin.server";
import { versionRow } from "~/modules/syllabus/present";
import { createSyllabusSchema, defaultSyllabusTitle } from "~/modules/syllabus/syllabus-schema";
import { VersionBadges } from "~/modules/syllabus/version-view";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { todayInShanghai } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "培训大纲 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "syllabus:manage");
  const syllabi = await listSyllabi(args.context.db);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const taken = new Set(syllabi.map((s) => s.year));
  // Offer the first year from this one on that has no syllabus yet.
  let nextYear = thisYear;
  while (taken.has(nextYear)) nextYear++;
  return {
    syllabi: syllabi.map((s) => ({ ...s, versions: s.versions.map(versionRow) })),
    nextYear,
    nextTitle: defaultSyllabusTitle(nextYear),
  };
}

interface Failure {
  errors: Record<string, string>;
  values: Record<string, string>;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "syllabus:manage");
  const values = formStrings(await args.request.formData());
  const parsed = createSyllabusSchema.safeParse(values);
  if (!parsed.success) return data<Failure>({ errors: issuesByField(parsed.error), values }, { status: 400 });
  try {
    const id = await createYearSyllabus(args.context.db, parsed.data);
    throw redirect(`/syllabus/${id}`);
  } catch (error) {
    if (error instanceof SyllabusInputError) return data<Failure>({ errors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}

export default function SyllabusList() {
  const { syllabi, nextYear, nextTitle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <h1>培训大纲</h1>
      </div>
      <p className="muted">每年一份大纲，按版本管理：草稿可以修改，发布后不再变化；学员按本年度现行（最新发布）版本完成学时和必修课程。</p>

      {syllabi.length === 0 ? <p className="muted">还没有培训大纲。</p> : null}
      {syllabi.map((s) => (
        <section key={s.id} className="card">
          <div className="page-header" style={{ marginBottom: "0.5rem" }}>
            <h2 style={{ margin: "0 auto 0 0" }}>
              <Link to={`/syllabus/${s.id}`}>
                {s.year} 年度 · {s.title}
              </Link>
            </h2>
            {s.contentKey ? <span className="badge">内容包导入</span> : null}
            <Link className="btn btn--small" to={`/syllabus/${s.id}`}>
              管理
            </Link>
          </div>
          {s.versions.length === 0 ? (
            <p className="muted">尚无版本，进入管理页创建第 1 版。</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>版本</th>
                    <th>状态</th>
                    <th>发布时间</th>
                  </tr>
                </thead>
                <tbody>
                  {s.versions.map((v) => (
                    <tr key={v.id}>
                      <td>
                        <Link to={`/syllabus/${s.id}/v/${v.version}`}>第 {v.version} 版</Link>
                      </td>
                      <td>
                        <VersionBadges status={v.status} inForce={v.inForce} />
                      </td>
                      <td>{v.publishedAt ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}

      <h2>新建年度大纲</h2>
      {result ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      <Form method="post" className="form card">
        <div className="form-row">
          <Field label="年度" name="year" error={errors.year} hint="每个年度只能有一份大纲">
            <input id="year" name="year" type="number" inputMode="numeric" min={2000} max={2100} defaultValue={result?.values.year ?? nextYear} required />
          </Field>
        </div>
        <Field label="大纲名称" name="title" error={errors.title}>
          <input id="title" name="title" defaultValue={result?.values.title ?? nextTitle} maxLength={200} required />
        </Field>
        <div>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "创建中…" : "创建大纲"}
          </button>
        </div>
      </Form>
    </>
  );
}
