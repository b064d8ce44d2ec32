import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "~/components/form";
import { richTextLinks } from "~/components/rich-text/editor-field";
import { QUESTION_TYPES } from "~/modules/questions/content";
import { BankInputError, BankRuleError } from "~/modules/questions/errors";
import { DuplicateWarning, QuestionForm } from "~/modules/questions/question-form";
import { emptyQuestionFormValues, parseQuestionForm, readQuestionForm, type QuestionFormValues, bankPath, questionPath } from "~/modules/questions/question-form-schema";
import { bankForPage, duplicatesOf, formChoices, type DuplicateView } from "~/modules/questions/question-pages.server";
import { insertQuestion } from "~/modules/questions/store.server";
import coursesStyles from "~/styles/courses.css";
import editorStyles from "~/styles/question-editor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }, { rel: "stylesheet", href: editorStyles }, ...richTextLinks()];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `新建试题 · ${data?.bank.title ?? "题库"}` }];

export async function loader(args: LoaderFunctionArgs) {
  const { bank } = await bankForPage(args, { edit: true });
  const { points, tiers } = await formChoices(args.context.db, bank.id);
  const asked = new URL(args.request.url).searchParams.get("type");
  const type = QUESTION_TYPES.find((t) => t === asked) ?? "single";
  return { bank: { id: bank.id, title: bank.title }, values: emptyQuestionFormValues(type), points, tiers };
}

interface Reply {
  values: QuestionFormValues;
  errors: Record<string, string>;
  message: string | null;
  duplicates: DuplicateView[];
  /** Changes with every reply, so the form is rebuilt from the posted values. */
  at: number;
}

function reply(fields: Partial<Reply> & Pick<Reply, "values">, status: number) {
  return data<Reply>({ errors: {}, message: null, duplicates: [], at: Date.now(), ...fields }, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { user, bank } = await bankForPage(args, { edit: true });
  const { db } = args.context;
  const form = await args.request.formData();
  const values = readQuestionForm(form);
  const { tierCodes } = await formChoices(db, bank.id);
  const parsed = parseQuestionForm(values, { mode: "new", tierCodes });
  if (!parsed.ok) return reply({ values, errors: parsed.errors, message: "未保存：请按提示修改后再提交" }, 400);
  const { content, tags, status } = parsed.question;
  if (!form.has("confirmDuplicate")) {
    const duplicates = await duplicatesOf(db, bank.id, content);
    if (duplicates.length > 0) return reply({ values, duplicates }, 409);
  }
  try {
    const { id } = await db.transaction().execute((trx) => insertQuestion(trx, { bankId: bank.id, content, status, tags, actorId: user.id }));
    return redirect(`${questionPath(bank.id, id)}?created=1`);
  } catch (error) {
    if (error instanceof BankInputError) return reply({ values, errors: error.fieldErrors }, 400);
    if (error instanceof BankRuleError) return reply({ values, message: error.message }, 400);
    throw error;
  }
}

export default function NewQuestion() {
  const { bank, values, points, tiers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <p className="authoring-crumbs">
        <Link to={bankPath(bank.id)}>← {bank.title}</Link>
      </p>
      <div className="page-header">
        <h1>新建试题</h1>
      </div>
      {result?.message ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      {result && result.duplicates.length > 0 ? <FormMessage tone="error">未保存：本题库中已有相同的试题，请查看下方提示。</FormMessage> : null}
      <section className="card">
        <QuestionForm
          key={result?.at ?? "new"}
          mode="new"
          values={result?.values ?? values}
          errors={result?.errors ?? {}}
          points={points}
          tiers={tiers}
          busy={navigation.state === "submitting"}
          submitLabel="保存试题"
          beforeSubmit={result && result.duplicates.length > 0 ? <DuplicateWarning duplicates={result.duplicates} /> : null}
        />
      </section>
    </>
  );
}
