import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { FormMessage } from "~/components/form";
import { richTextLinks } from "~/components/rich-text/editor-field";
import { RichTextView } from "~/components/rich-text/rich-text-view";
import { changedParts } from "~/modules/questions/content";
import { questionHistory } from "~/modules/questions/history.server";
import { QUESTION_STATUS_BADGES, QUESTION_STATUS_LABELS, versionLabel } from "~/modules/questions/labels";
import { questionIdSchema, bankPath, questionPath } from "~/modules/questions/question-form-schema";
import { bankForPage, contentView, tierNames, type ContentView } from "~/modules/questions/question-pages.server";
import { getQuestion, getVersion, listVersions } from "~/modules/questions/read.server";
import { setQuestionStatus } from "~/modules/questions/store.server";
import { plainText } from "~/modules/richtext/render";
import coursesStyles from "~/styles/courses.css";
import editorStyles from "~/styles/question-editor.css";
import { notFound } from "~/utils/http.server";
import { getParams } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }, { rel: "stylesheet", href: editorStyles }, ...richTextLinks()];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.question.excerpt ?? "试题"} · ${data?.bank.title ?? "题库"}` }];

async function questionFromParams(args: LoaderFunctionArgs) {
  const found = await bankForPage(args);
  const { qid } = getParams(args.params, questionIdSchema);
  const question = await getQuestion(args.context.db, found.bank.id, qid);
  if (!question) notFound();
  return { ...found, question };
}

const versionParam = z.coerce.number().int().positive();

export async function loader(args: LoaderFunctionArgs) {
  const { bank, canEdit, question } = await questionFromParams(args);
  const { db } = args.context;
  const wanted = versionParam.safeParse(new URL(args.request.url).searchParams.get("compare") ?? undefined);
  const [versions, history, tiers, compared] = await Promise.all([
    listVersions(db, question.id),
    questionHistory(db, question.id),
    tierNames(db),
    wanted.success && wanted.data !== question.currentVersion ? getVersion(db, question.id, wanted.data) : Promise.resolve(null),
  ]);
  const current = versions.find((v) => v.version === question.currentVersion);
  return {
    bank: { id: bank.id, title: bank.title },
    canEdit,
    question: {
      id: question.id,
      status: question.status,
      version: question.currentVersion,
      excerpt: plainText(question.content.stem, 40),
      tags: question.tags,
      author: current?.authorName ?? "",
      at: current ? formatInstant(current.createdAt) : "",
      view: contentView(question.content, tiers),
    },
    compare: compared
      ? {
          version: compared.version,
          author: compared.authorName,
          at: formatInstant(compared.createdAt),
          view: contentView(compared.content, tiers),
          // Older → newer reads naturally even when an older version is compared with the current one.
          changed: compared.version < question.currentVersion ? changedParts(compared.content, question.content) : changedParts(question.content, compared.content),
        }
      : null,
    missingVersion: wanted.success && wanted.data !== question.currentVersion && !compared ? wanted.data : null,
    versions: versions.map((v) => ({ version: v.version, author: v.authorName, at: formatInstant(v.createdAt) })),
    history: history.map((h) => ({ id: h.id, label: h.label, version: h.version, detail: h.detail, at: formatInstant(h.at), actor: h.actorName })),
  };
}

const intentSchema = z.enum(["publish", "retire", "restore"]);
const INTENT_STATUS = { publish: "published", restore: "published", retire: "retired" } as const;
const INTENT_DONE = {
  publish: "已发布：组卷时可以抽到本题",
  retire: "已停用：组卷时不再抽到本题，已经考过的试卷不受影响",
  restore: "已恢复为已发布",
} as const;

export async function action(args: ActionFunctionArgs) {
  const { user, bank, canEdit, question } = await questionFromParams(args);
  const intent = intentSchema.safeParse((await args.request.formData()).get("intent"));
  if (!intent.success) return data({ ok: false, message: "未知的操作" }, { status: 400 });
  if (!canEdit) return data({ ok: false, message: "您对本题库只有查看权限" }, { status: 403 });
  const changed = await setQuestionStatus(args.context.db, { bankId: bank.id, questionIds: [question.id], status: INTENT_STATUS[intent.data], actorId: user.id });
  if (changed === 0) return data({ ok: false, message: `试题当前为“${QUESTION_STATUS_LABELS[question.status]}”，无需此操作` }, { status: 400 });
  return { ok: true, message: INTENT_DONE[intent.data] };
}

export default function QuestionPage() {
  const outlet = useOutlet();
  // The edit page nests under this one by URL but renders alone.
  if (outlet) return outlet;
  return <Question />;
}

function Question() {
  const { bank, canEdit, question, compare, missingVersion, versions, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting";
  const base = questionPath(bank.id, question.id);
  const changed = new Set(compare?.changed ?? []);
  const older = compare && compare.version < question.version;

  return (
    <>
      <p className="authoring-crumbs">
        <Link to={bankPath(bank.id)}>← {bank.title}</Link>
      </p>
      <div className="page-header">
        <h1>
          试题 #{question.id}：{question.excerpt}
        </h1>
        <span className={QUESTION_STATUS_BADGES[question.status]}>{QUESTION_STATUS_LABELS[question.status]}</span>
        <span className="badge">{versionLabel(question.version)}</span>
      </div>

      {params.get("created") === "1" && !result ? <FormMessage tone="success">试题已保存（{question.status === "published" ? "已发布" : "草稿"}）。</FormMessage> : null}
      {params.get("saved") === "1" && compare && !result ? (
        <FormMessage tone="success">
          已保存为{versionLabel(question.version)}。下方左侧是修改前的{versionLabel(compare.version)}，右侧是新版本，改动的部分已标出。
        </FormMessage>
      ) : null}
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {missingVersion ? <FormMessage tone="error">本题没有{versionLabel(missingVersion)}。</FormMessage> : null}
      {canEdit ? null : <FormMessage tone="info">您对本题库只有查看权限。</FormMessage>}

      {canEdit ? (
        <div className="authoring-actions qv-actions">
          {question.status === "retired" ? (
            <span className="muted">已停用的试题不能编辑，恢复后才能修改。</span>
          ) : (
            <Link className="btn btn--primary" to={`${base}/edit`}>
              编辑
            </Link>
          )}
          {question.status === "draft" ? <StatusButton intent="publish" label="发布" busy={busy} /> : null}
          {question.status !== "retired" ? (
            <StatusButton intent="retire" label="停用" busy={busy} danger confirm="停用后组卷时不再抽到本题（已考过的试卷不受影响），可随时恢复。确定停用？" />
          ) : (
            <StatusButton intent="restore" label="恢复" busy={busy} />
          )}
        </div>
      ) : null}

      {compare ? (
        <section className="card">
          <div className="authoring-section-header">
            <h2>版本对比</h2>
            <Link className="btn btn--small" to={base} preventScrollReset>
              关闭对比
            </Link>
          </div>
          <p className="qv-changed-summary">
            {compare.changed.length > 0 ? (
              <>
                {older ? `${versionLabel(compare.version)} → ${versionLabel(question.version)}` : `${versionLabel(question.version)} → ${versionLabel(compare.version)}`}
                ，修改了：<strong>{compare.changed.join("、")}</strong>（已用黄色标出）
              </>
            ) : (
              "两个版本的内容相同。"
            )}
          </p>
          <div className="qv-compare">
            <VersionPanel heading={`${versionLabel(compare.version)}${older ? "（修改前）" : ""}`} meta={`${compare.author} · ${compare.at}`} view={compare.view} changed={changed} />
            <VersionPanel heading={`${versionLabel(question.version)}（当前）`} meta={`${question.author} · ${question.at}`} view={question.view} changed={changed} />
          </div>
        </section>
      ) : (
        <section className="card">
          <h2>
            {versionLabel(question.version)}（当前） <span className="muted qv-by">{`${question.author} · ${question.at}`}</span>
          </h2>
          <QuestionBody view={question.view} changed={changed} />
        </section>
      )}

      <section className="card">
        <h2>标签</h2>
        {question.tags.length > 0 ? (
          <p className="qv-tags">
            {question.tags.map((t) => (
              <span key={t} className="badge">
                {t}
              </span>
            ))}
          </p>
        ) : (
          <p className="muted">无标签。</p>
        )}
      </section>

      <section className="card">
        <h2>版本（{versions.length}）</h2>
        <ul className="qv-versions">
          {versions.map((v) => (
            <li key={v.version}>
              <span>
                <strong>{versionLabel(v.version)}</strong> · {v.author} · {v.at}
              </span>
              {v.version === question.version ? (
                <span className="badge badge--ok">当前</span>
              ) : compare?.version === v.version ? (
                <span className="badge">对比中</span>
              ) : (
                <Link className="btn btn--small" to={`?compare=${v.version}`} preventScrollReset>
                  与当前版本对比
                </Link>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2>修改记录</h2>
        <div className="table-wrap">
          <table className="table authoring-table">
            <thead>
              <tr>
                <th>时间</th>
                <th>操作人</th>
                <th>操作</th>
                <th>版本</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{h.at}</td>
                  <td>{h.actor}</td>
                  <td>{h.label}</td>
                  <td>{h.version ? versionLabel(h.version) : "—"}</td>
                  <td className="authoring-table__note">{h.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function StatusButton({ intent, label, busy, danger, confirm }: { intent: string; label: string; busy: boolean; danger?: boolean; confirm?: string }) {
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <button className={danger ? "btn btn--danger" : "btn"} type="submit" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

function VersionPanel({ heading, meta, view, changed }: { heading: string; meta: string; view: ContentView; changed: ReadonlySet<string> }) {
  return (
    <article className="qv-panel" aria-label={heading}>
      <h3>
        {heading} <span className="muted qv-by">{meta}</span>
      </h3>
      <QuestionBody view={view} changed={changed} />
    </article>
  );
}

/** One part of a version; parts named in `changed` (changedParts labels) are highlighted. */
function Part({ label, changed, children, className }: { label: string; changed: ReadonlySet<string>; children: ReactNode; className?: string }) {
  const isChanged = changed.has(label);
  return (
    <div className={["qv-part", isChanged ? "qv-part--changed" : "", className ?? ""].filter(Boolean).join(" ")} data-part={label}>
      <div className="qv-part__label">
        {label}
        {isChanged ? <span className="qv-changed-badge">有改动</span> : null}
      </div>
      <div className="qv-part__body">{children}</div>
    </div>
  );
}

/** A version as a trainee would see it (stem, options), then the key and 解析 for the author. */
function QuestionBody({ view, changed }: { view: ContentView; changed: ReadonlySet<string> }) {
  return (
    <div className="qv-body">
      {view.title ? (
        <Part label="标题" changed={changed}>
          {view.title}
        </Part>
      ) : null}
      <Part label="题型" changed={changed}>
        {view.typeLabel}题
      </Part>
      <Part label="题干" changed={changed}>
        <RichTextView html={view.stemHtml} className="qv-stem" />
      </Part>
      {view.options.length > 0 ? (
        <Part label={view.type === "truefalse" ? "答案" : "选项"} changed={changed}>
          <ol className="qv-options">
            {view.options.map((o) => (
              <li key={o.letter} className={o.correct ? "qv-option qv-option--correct" : "qv-option"}>
                <span className="qv-option__marker" aria-hidden="true">
                  {view.type === "multiple" ? "☐" : "○"}
                </span>
                <span className="qv-option__letter">{o.letter}.</span> <span className="qv-option__text">{o.text}</span>
                {o.correct ? <span className="badge badge--ok qv-key">正确答案</span> : null}
                {o.weight !== null ? <span className="muted">（分值 {o.weight}%）</span> : null}
                {o.feedback ? <div className="muted qv-feedback">反馈：{o.feedback}</div> : null}
              </li>
            ))}
          </ol>
        </Part>
      ) : null}
      {view.type === "fill" ? (
        <Part label="答案" changed={changed}>
          <ol className="qv-blanks">
            {view.blanks.map((b, i) => (
              <li key={i}>
                第 {i + 1} 空：{b}
              </li>
            ))}
          </ol>
        </Part>
      ) : view.type === "essay" ? (
        <>
          <Part label="答案" changed={changed}>
            <p className="qv-pre">{view.referenceAnswer ?? <span className="muted">（未填写参考答案）</span>}</p>
          </Part>
          <Part label="评分要点" changed={changed}>
            <p className="qv-pre">{view.rubric ?? <span className="muted">（未填写）</span>}</p>
          </Part>
        </>
      ) : view.type !== "truefalse" ? (
        <Part label="答案" changed={changed}>
          <strong>{view.answer}</strong>
        </Part>
      ) : null}
      <Part label="解析" changed={changed}>
        {view.explanationHtml ? <RichTextView html={view.explanationHtml} className="qv-explanation" /> : <span className="muted">（无解析）</span>}
      </Part>
      <dl className="qv-meta">
        <MetaRow label="难度" changed={changed}>
          {view.difficulty}
        </MetaRow>
        <MetaRow label="知识点" changed={changed}>
          {view.knowledgePoint ?? "—"}
        </MetaRow>
        <MetaRow label="适用层级" changed={changed}>
          {view.tiers}
        </MetaRow>
        <MetaRow label="法规条款" changed={changed}>
          {view.source ?? "—"}
        </MetaRow>
      </dl>
    </div>
  );
}

function MetaRow({ label, changed, children }: { label: string; changed: ReadonlySet<string>; children: ReactNode }) {
  const isChanged = changed.has(label);
  return (
    <div className={isChanged ? "qv-meta__row qv-part--changed" : "qv-meta__row"} data-part={label}>
      <dt>
        {label}
        {isChanged ? <span className="qv-changed-badge">有改动</span> : null}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}
