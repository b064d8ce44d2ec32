import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import type { Db } from "#db/client";
import { FormMessage } from "~/components/form";
import { richTextLinks } from "~/components/rich-text/editor-field";
import { BankInputError, BankRuleError } from "~/modules/questions/errors";
import { recordEvent } from "~/modules/questions/history.server";
import { versionLabel } from "~/modules/questions/labels";
import { DuplicateWarning, QuestionForm } from "~/modules/questions/question-form";
import { contentToFormValues, parseQuestionForm, questionIdSchema, readQuestionForm, type ParsedQuestionForm, type QuestionFormValues, questionPath } from "~/modules/questions/question-form-schema";
import { bankForPage, duplicatesOf, formChoices, type DuplicateView } from "~/modules/questions/question-pages.server";
import { getQuestion, type QuestionView } from "~/modules/questions/read.server";
import { cleanTags, replaceTags, saveNewVersionIn, setQuestionStatus, StaleVersionError } from "~/modules/questions/store.server";
import { plainText } from "~/modules/richtext/render";
import coursesStyles from "~/styles/courses.css";
import editorStyles from "~/styles/question-editor.css";
import { notFound } from "~/utils/http.server";
import { getParams } from "~/utils/params.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }, { rel: "stylesheet", href: editorStyles }, ...richTextLinks()];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `编辑试题 #${data?.question.id ?? ""} · ${data?.bank.title ?? "题库"}` }];

async function questionFromParams(args: LoaderFunctionArgs) {
  const found = await bankForPage(args, { edit: true });
  const { qid } = getParams(args.params, questionIdSchema);
  const question = await getQuestion(args.context.db, found.bank.id, qid);
  if (!question) notFound();
  return { ...found, question };
}

export async function loader(args: LoaderFunctionArgs) {
  const { bank, question } = await questionFromParams(args);
  const { points, tiers } = await formChoices(args.context.db, bank.id, question.content.tiers);
  return {
    bank: { id: bank.id, title: bank.title },
    question: { id: question.id, version: question.currentVersion, retired: question.status === "retired", excerpt: plainText(question.content.stem, 40) },
    values: contentToFormValues(question.content, question.tags),
    points,
    tiers,
  };
}

interface Reply {
  message: string | null;
  tone: "error" | "success" | "info";
  values: QuestionFormValues | null;
  errors: Record<string, string>;
  duplicates: DuplicateView[];
  /** The version the re-shown form saves against (after a conflict: the one now stored). */
  baseVersion: number | null;
  /** After a conflict: the version the author had opened, to compare the other person's change with. */
  conflictFrom: number | null;
  at: number;
}

function reply(fields: Partial<Reply>, status = 200) {
  return data<Reply>(
    { message: null, tone: status < 400 ? "success" : "error", values: null, errors: {}, duplicates: [], baseVersion: null, conflictFrom: null, at: Date.now(), ...fields },
    { status },
  );
}

const intentSchema = z.enum(["save", "restore"]);
const baseVersionSchema = z.coerce.number().int().positive();

export async function action(args: ActionFunctionArgs) {
  const { user, bank, question } = await questionFromParams(args);
  const { db } = args.context;
  const form = await args.request.formData();
  const intent = intentSchema.safeParse(form.get("intent"));
  if (!intent.success) return reply({ message: "未知的操作" }, 400);
  if (intent.data === "restore") {
    await setQuestionStatus(db, { bankId: bank.id, questionIds: [question.id], status: "published", actorId: user.id });
    return redirect(`${questionPath(bank.id, question.id)}/edit`);
  }

  const values = readQuestionForm(form);
  const baseVersion = baseVersionSchema.safeParse(form.get("baseVersion"));
  if (!baseVersion.success) return reply({ message: "页面已过期，请复制您的修改后刷新页面", values, baseVersion: question.currentVersion }, 400);
  const again = { values, baseVersion: baseVersion.data };
  const { tierCodes } = await formChoices(db, bank.id, question.content.tiers);
  const parsed = parseQuestionForm(values, { mode: "edit", tierCodes });
  if (!parsed.ok) return reply({ ...again, errors: parsed.errors, message: "未保存：请按提示修改后再提交" }, 400);
  if (!form.has("confirmDuplicate")) {
    const duplicates = await duplicatesOf(db, bank.id, parsed.question.content, question.id);
    if (duplicates.length > 0) return reply({ ...again, duplicates, message: "未保存：本题库中已有相同的试题，请查看表单下方的提示。" }, 409);
  }

  try {
    const saved = await db.transaction().execute((trx) => saveWithTags(trx, user.id, bank.id, question, baseVersion.data, parsed.question));
    if (saved.version === baseVersion.data) {
      const message = saved.tagsChanged ? "标签已保存；内容未变化，未产生新版本" : "内容未变化，未产生新版本";
      return reply({ ...again, message, tone: saved.tagsChanged ? "success" : "info" });
    }
    return redirect(`${questionPath(bank.id, question.id)}?compare=${baseVersion.data}&saved=1`);
  } catch (error) {
    if (error instanceof StaleVersionError) {
      return reply(
        {
          values,
          baseVersion: error.currentVersion,
          conflictFrom: baseVersion.data,
          message: `未保存：在您编辑期间，其他人已把本题保存为${versionLabel(error.currentVersion)}，您的修改没有覆盖它。您的内容仍在下方表单中，没有丢失。请先查看对方的修改；确认后再次点击“保存”，将以您的内容保存为${versionLabel(error.currentVersion + 1)}（对方的版本仍保留在版本记录中）。`,
        },
        409,
      );
    }
    if (error instanceof BankInputError) return reply({ ...again, errors: error.fieldErrors, message: "未保存：请按提示修改后再提交" }, 400);
    if (error instanceof BankRuleError) return reply({ ...again, message: error.message }, 400);
    throw error;
  }
}

/** The new version and the tags in one transaction; tag changes go into the history as well. */
async function saveWithTags(trx: Db, actorId: number, bankId: number, question: QuestionView, baseVersion: number, input: ParsedQuestionForm) {
  const saved = await saveNewVersionIn(trx, { questionId: question.id, bankId, baseVersion, content: input.content, actorId, note: input.note || undefined });
  const tags = cleanTags(input.tags);
  const added = tags.filter((t) => !question.tags.includes(t));
  const removed = question.tags.filter((t) => !tags.includes(t));
  if (added.length > 0 || removed.length > 0) {
    await replaceTags(trx, question.id, tags);
    for (const tag of added) await recordEvent(trx, { questionId: question.id, action: "tag", version: saved.version, actorId, detail: tag });
    for (const tag of removed) await recordEvent(trx, { questionId: question.id, action: "untag", version: saved.version, actorId, detail: tag });
  }
  return { version: saved.version, tagsChanged: added.length > 0 || removed.length > 0 };
}

export default function EditQuestion() {
  const { bank, question, values, points, tiers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const base = questionPath(bank.id, question.id);
  const baseVersion = result?.baseVersion ?? question.version;

  return (
    <>
      <p className="authoring-crumbs">
        <Link to={base}>
          ← 试题 #{question.id}：{question.excerpt}
        </Link>
      </p>
      <div className="page-header">
        <h1>编辑试题 #{question.id}</h1>
        <span className="badge">当前为{versionLabel(question.version)}</span>
      </div>

      {question.retired ? (
        <section className="card">
          <FormMessage tone="info">本题已停用，不能修改：已停用的试题不会被组卷抽到，修改前请先恢复（恢复后状态为“已发布”）。</FormMessage>
          <Form method="post">
            <input type="hidden" name="intent" value="restore" />
            <button className="btn btn--primary" type="submit" disabled={busy}>
              恢复
            </button>
          </Form>
        </section>
      ) : (
        <>
          {result?.message ? <FormMessage tone={result.tone}>{result.message}</FormMessage> : null}
          {result?.conflictFrom ? (
            <p>
              <a href={`${base}?compare=${result.conflictFrom}`} target="_blank" rel="noreferrer">
                在新窗口中查看对方的修改（{versionLabel(result.conflictFrom)} 与当前版本对比）
              </a>
            </p>
          ) : null}
          <section className="card">
            <p className="muted">保存后生成新的版本（{versionLabel(question.version + 1)}）；已经抽到旧版本的试卷仍显示旧版本。标签不分版本，保存即生效。</p>
            <QuestionForm
              key={result?.at ?? `v${question.version}`}
              mode="edit"
              values={result?.values ?? values}
              errors={result?.errors ?? {}}
              points={points}
              tiers={tiers}
              busy={busy}
              submitLabel="保存"
              hidden={
                <>
                  <input type="hidden" name="intent" value="save" />
                  <input type="hidden" name="baseVersion" value={baseVersion} />
                </>
              }
              beforeSubmit={result && result.duplicates.length > 0 ? <DuplicateWarning duplicates={result.duplicates} /> : null}
            />
          </section>
        </>
      )}
    </>
  );
}
