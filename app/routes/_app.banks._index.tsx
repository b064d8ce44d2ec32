import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { categoryOptions } from "~/modules/courses/authoring.server";
import { issuesByField, formStrings } from "~/modules/people/form-data";
import { newBankSchema } from "~/modules/questions/bank-schema";
import { createBank, listBanks, type BankSummary } from "~/modules/questions/banks.server";
import { BankInputError } from "~/modules/questions/errors";
import { BANK_ACCESS_LABELS, BANK_ROLE_LABELS } from "~/modules/questions/labels";
import coursesStyles from "~/styles/courses.css";
import questionsStyles from "~/styles/questions.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: questionsStyles },
];

export const meta: MetaFunction = () => [{ title: "题库 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const { db } = args.context;
  const [banks, categories] = await Promise.all([listBanks(db, user, { includeArchived: true }), categoryOptions(db)]);
  const row = (b: BankSummary) => ({
    id: b.id,
    bankKey: b.bankKey,
    title: b.title,
    description: b.description,
    counts: b.counts,
    members: b.members.map((m) => ({ personId: m.personId, name: m.name, role: BANK_ROLE_LABELS[m.role], isSelf: m.personId === user.id })),
    access: b.access === "none" ? "" : BANK_ACCESS_LABELS[b.access],
    updatedAt: formatInstant(b.updatedAt),
  });
  // listBanks sorts by category, so consecutive banks of one category form a group.
  const groups: Array<{ category: string; name: string; banks: Array<ReturnType<typeof row>> }> = [];
  for (const bank of banks.filter((b) => !b.archived)) {
    const last = groups.at(-1);
    if (last?.category === bank.category) last.banks.push(row(bank));
    else groups.push({ category: bank.category, name: bank.categoryName, banks: [row(bank)] });
  }
  return { groups, archived: banks.filter((b) => b.archived).map(row), categories };
}

interface Failure {
  errors: Record<string, string>;
  values: Record<string, string>;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const { db } = args.context;
  const values = formStrings(await args.request.formData());
  const parsed = newBankSchema.safeParse(values);
  if (!parsed.success) return data<Failure>({ errors: issuesByField(parsed.error), values }, { status: 400 });
  const categories = await categoryOptions(db);
  if (!categories.some((c) => c.code === parsed.data.category)) return data<Failure>({ errors: { category: "请选择分类" }, values }, { status: 400 });
  try {
    const id = await createBank(db, user.id, parsed.data);
    throw redirect(`/banks/${id}?created=1`);
  } catch (error) {
    if (error instanceof BankInputError) return data<Failure>({ errors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["archived"][number];

export default function BankList() {
  const { groups, archived, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = result?.values ?? {};
  const errors = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <h1>题库</h1>
        <a className="btn" href="/banks/template.xlsx" download>
          下载导入模板
        </a>
        <a className="btn btn--primary" href="#new-bank">
          新建题库
        </a>
      </div>

      {groups.length === 0 ? <p className="muted">还没有题库。</p> : <BankTable groups={groups} />}

      {archived.length > 0 ? (
        <details className="authoring-archived bank-group">
          <summary>已归档题库（{archived.length}）</summary>
          <BankTable groups={[{ category: "archived", name: "", banks: archived }]} />
        </details>
      ) : null}

      <section className="card bank-new" id="new-bank">
        <h2>新建题库</h2>
        {result ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
        <Form method="post" className="form">
          <Field label="题库代码" name="bankKey" error={errors.bankKey} hint="2–63 位小写字母、数字或连字符，如 fire-law-2026；导入导出和命令行用它识别题库，创建后不能修改">
            <input id="bankKey" name="bankKey" defaultValue={values.bankKey ?? ""} maxLength={63} autoCapitalize="off" autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="题库名称" name="title" error={errors.title}>
            <input id="title" name="title" defaultValue={values.title ?? ""} maxLength={200} autoComplete="off" />
          </Field>
          <Field label="分类" name="category" error={errors.category}>
            <select id="category" name="category" defaultValue={values.category ?? ""}>
              <option value="">请选择</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="简介" name="description" error={errors.description} hint="最多 1000 字">
            <textarea id="description" name="description" rows={3} maxLength={1000} defaultValue={values.description ?? ""} />
          </Field>
          <p className="muted">您将成为新题库的负责人，可以在“题库设置”中添加其他成员。</p>
          <div>
            <button className="btn btn--primary" type="submit" disabled={busy}>
              {busy ? "创建中…" : "创建题库"}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

/** One table for all groups, so the columns line up; each category is a row spanning the table. */
function BankTable({ groups }: { groups: Array<{ category: string; name: string; banks: Row[] }> }) {
  return (
    <div className="table-wrap">
      <table className="table authoring-table bank-table">
        <thead>
          <tr>
            <th>题库</th>
            <th className="authoring-num">已发布</th>
            <th className="authoring-num">草稿</th>
            <th className="authoring-num">已停用</th>
            <th>成员</th>
            <th>我的权限</th>
            <th>最近修改</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.category}>
            {group.name ? (
              <tr className="bank-table__group">
                <th colSpan={7} scope="colgroup">
                  {group.name}
                </th>
              </tr>
            ) : null}
            {group.banks.map((b) => (
              <tr key={b.id}>
                <td className="authoring-table__title">
                  <Link to={`/banks/${b.id}`}>{b.title}</Link> <span className="muted bank-key">{b.bankKey}</span>
                  {b.description ? <div className="muted bank-table__description">{b.description}</div> : null}
                </td>
                <td className="authoring-num">{b.counts.published}</td>
                <td className="authoring-num">{b.counts.drafts}</td>
                <td className="authoring-num">{b.counts.retired}</td>
                <td className="authoring-table__note">
                  {b.members.length === 0 ? (
                    <span className="muted">（未指定，所有教员均可管理）</span>
                  ) : (
                    b.members.map((m, i) => (
                      <span key={m.personId}>
                        {i > 0 ? "、" : ""}
                        {m.name}
                        {m.isSelf ? "（我）" : ""}
                        <span className="muted">·{m.role}</span>
                      </span>
                    ))
                  )}
                </td>
                <td>{b.access}</td>
                <td>{b.updatedAt}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
