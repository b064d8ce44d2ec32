import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { EmptyRow } from "~/components/empty-row";
import { Field, FormMessage } from "~/components/form";
import { ChoiceOptions, choicesOf, FilterSearch, FilterSelect } from "~/components/list-filters";
import { ProblemList } from "~/components/problem-list";
import {
  addPaperQuestions,
  addPaperRule,
  AuthoringInputError,
  bankChoices,
  movePaperQuestion,
  paperDetail,
  removePaperQuestion,
  removePaperRule,
  savePaperScores,
} from "~/modules/exams/authoring.server";
import { updatePaper } from "~/modules/exams/papers.server";
import {
  addQuestionsSchema,
  FILL_SCORING_LABELS,
  formatPoints,
  MULTIPLE_SCORING_LABELS,
  PAPER_MODE_LABELS,
  paperFieldsSchema,
  paperIntentSchema,
  parseScores,
  positionSchema,
  ruleSchema,
  type PaperIntent,
} from "~/modules/exams/paper-schema";
import { formStrings, issuesByField } from "~/modules/people/form-data";
import { QUESTION_TYPES } from "~/modules/questions/content";
import { difficultyLabel, typeLabel } from "~/modules/questions/labels";
import { questionFiltersSchema } from "~/modules/questions/search-schema";
import { searchQuestions } from "~/modules/questions/search.server";
import coursesStyles from "~/styles/courses.css";
import examsStyles from "~/styles/exams-admin.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: examsStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.paper.title ?? "试卷"} · 试卷` }];

const SEARCH_PAGE_SIZE = 20;
const searchSchema = z.object({ bank: z.coerce.number().int().positive().optional().catch(undefined) });

async function paperFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  const { id } = getParams(args.params, idParam);
  const detail = await paperDetail(args.context.db, id);
  if (!detail) notFound();
  return { user, ...detail };
}

export async function loader(args: LoaderFunctionArgs) {
  const { paper, items, rules, preview, usedBy } = await paperFromParams(args);
  const { db } = args.context;
  const params = new URL(args.request.url).searchParams;
  const choices = await bankChoices(db);
  const { bank } = searchSchema.parse({ bank: params.get("bank") ?? undefined });
  const filters = questionFiltersSchema.parse({ q: params.get("q") ?? undefined, type: params.get("type") || undefined });
  const found =
    paper.mode === "fixed" && bank && choices.banks.some((b) => b.id === bank)
      ? await searchQuestions(db, bank, { ...filters, status: "published" }, 1, SEARCH_PAGE_SIZE)
      : null;
  const onPaper = new Set(items.map((i) => i.question_id));
  return {
    paper: {
      id: paper.id,
      title: paper.title,
      description: paper.description,
      mode: paper.mode,
      modeLabel: PAPER_MODE_LABELS[paper.mode],
      multipleScoring: paper.multiple_scoring,
      fillScoring: paper.fill_scoring,
      updatedAt: formatInstant(paper.updated_at),
    },
    items: items.map((i) => ({
      position: i.position,
      questionId: i.question_id,
      score: formatPoints(i.score_x100),
      typeLabel: typeLabel(i.type),
      retired: i.status === "retired",
      difficulty: difficultyLabel(i.difficulty),
      bankTitle: i.bank_title,
      excerpt: i.excerpt,
    })),
    rules: rules.map((r, index) => ({
      position: r.position,
      bankTitle: r.bank_title,
      point: r.point_path ?? "不限",
      tag: r.tag ?? "不限",
      typeLabel: typeLabel(r.type),
      difficulty: r.difficulty ? difficultyLabel(r.difficulty) : "不限",
      count: r.question_count,
      available: preview.rules[index]?.available ?? 0,
      score: formatPoints(r.score_x100),
      subtotal: formatPoints(r.score_x100 * r.question_count),
    })),
    preview: { total: formatPoints(preview.totalX100), questionCount: preview.questionCount, problems: preview.problems },
    usedBy,
    banks: choices.banks,
    points: choices.points,
    search: found
      ? {
          total: found.total,
          rows: found.rows.map((q) => ({ id: q.id, typeLabel: typeLabel(q.type), difficulty: difficultyLabel(q.difficulty), excerpt: q.excerpt, onPaper: onPaper.has(q.id) })),
        }
      : null,
  };
}

interface Reply {
  ok: boolean;
  intent: PaperIntent | null;
  message: string | null;
  errors: Record<string, string>;
  values: Record<string, string> | null;
}

function reply(intent: PaperIntent | null, fields: Partial<Omit<Reply, "intent" | "ok">>, status = 200) {
  return data<Reply>({ intent, ok: status < 400, message: null, errors: {}, values: null, ...fields }, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { paper } = await paperFromParams(args);
  const { db } = args.context;
  const form = await args.request.formData();
  const parsedIntent = paperIntentSchema.safeParse({ intent: form.get("intent") });
  if (!parsedIntent.success) return reply(null, { message: "未知的操作" }, 400);
  const intent = parsedIntent.data.intent;
  const values = formStrings(form);
  const fixedOnly: PaperIntent[] = ["add-questions", "save-scores", "move-up", "move-down", "remove-question"];
  if (fixedOnly.includes(intent) !== (paper.mode === "fixed") && intent !== "update") return reply(intent, { message: "该操作不适用于此组卷方式" }, 400);
  switch (intent) {
    case "update": {
      const parsed = paperFieldsSchema.safeParse(values);
      if (!parsed.success) return reply(intent, { errors: issuesByField(parsed.error), values }, 400);
      await updatePaper(db, paper.id, parsed.data);
      return reply(intent, { message: "试卷信息已保存" });
    }
    case "add-questions": {
      const parsed = addQuestionsSchema.safeParse({ questionIds: form.getAll("questionIds"), score: values.score });
      if (!parsed.success) return reply(intent, { errors: issuesByField(parsed.error), values }, 400);
      const { added, skipped } = await addPaperQuestions(db, paper.id, parsed.data.questionIds, parsed.data.score);
      return reply(intent, { message: `已加入 ${added} 题${skipped > 0 ? `，${skipped} 题已在试卷中或已停用，未重复加入` : ""}` });
    }
    case "save-scores": {
      const parsed = parseScores(form);
      if (!parsed.ok) return reply(intent, { errors: parsed.errors, values }, 400);
      await savePaperScores(db, paper.id, parsed.items);
      return reply(intent, { message: "分值已保存" });
    }
    case "move-up":
    case "move-down":
    case "remove-question": {
      const parsed = positionSchema.safeParse(values);
      if (!parsed.success) return reply(intent, { message: "提交的数据无效" }, 400);
      if (intent === "remove-question") await removePaperQuestion(db, paper.id, parsed.data.position);
      else await movePaperQuestion(db, paper.id, parsed.data.position, intent === "move-up" ? -1 : 1);
      return reply(intent, { message: intent === "remove-question" ? "已移出试题" : null });
    }
    case "add-rule": {
      const parsed = ruleSchema.safeParse(values);
      if (!parsed.success) return reply(intent, { errors: issuesByField(parsed.error), values }, 400);
      try {
        await addPaperRule(db, paper.id, parsed.data);
      } catch (error) {
        if (error instanceof AuthoringInputError) return reply(intent, { errors: error.fieldErrors, values }, 400);
        throw error;
      }
      return reply(intent, { message: "已添加抽题规则" });
    }
    case "remove-rule": {
      const parsed = positionSchema.safeParse(values);
      if (!parsed.success) return reply(intent, { message: "提交的数据无效" }, 400);
      await removePaperRule(db, paper.id, parsed.data.position);
      return reply(intent, { message: "已删除抽题规则" });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Question types in their usual order, for the search filter and the rule form. */
const typeChoices = QUESTION_TYPES.map((t) => ({ value: t, label: typeLabel(t) }));

export default function PaperPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { paper, preview, usedBy } = loaded;
  const errorsFor = (intent: PaperIntent) => (result?.intent === intent ? result.errors : {});
  const valuesFor = (intent: PaperIntent) => (result?.intent === intent ? result.values : null);
  const failed = result !== undefined && !result.ok;
  return (
    <>
      <p className="authoring-crumbs">
        <Link to="/papers">试卷</Link> ›
      </p>
      <div className="page-header">
        <h1>{paper.title}</h1>
        <span className="badge">{paper.modeLabel}</span>
      </div>
      {searchParams.get("created") && !result ? <FormMessage tone="success">试卷已创建，请{paper.mode === "fixed" ? "从题库挑选试题" : "添加抽题规则"}。</FormMessage> : null}
      {result?.message ? <FormMessage tone={failed ? "error" : "success"}>{result.message}</FormMessage> : null}
      {failed && !result?.message ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      {usedBy.length > 0 ? (
        <FormMessage tone="info">
          用于考试：{usedBy.map((e) => e.title).join("、")}。修改试卷会影响之后开始的作答，已开始的作答不受影响。
        </FormMessage>
      ) : null}

      <PreviewBox preview={preview} mode={paper.mode} />

      {paper.mode === "fixed" ? (
        <>
          <FixedItems items={loaded.items} errors={errorsFor("save-scores")} />
          <QuestionSearch loaded={loaded} errors={errorsFor("add-questions")} />
        </>
      ) : (
        <RulesSection loaded={loaded} errors={errorsFor("add-rule")} values={valuesFor("add-rule")} />
      )}

      <PaperFields paper={paper} errors={errorsFor("update")} values={valuesFor("update")} />
    </>
  );
}

function PreviewBox({ preview, mode }: { preview: LoaderData["preview"]; mode: "fixed" | "drawn" }) {
  return (
    <section className="exa-preview card" aria-label="试卷预览" data-testid="paper-preview">
      <h2>试卷预览</h2>
      <div className="exa-preview__totals">
        <span>
          总分 <strong data-testid="paper-total">{preview.total}</strong> 分
        </span>
        <span>
          共 <strong>{preview.questionCount}</strong> 题
        </span>
        <span>{mode === "drawn" ? "每次作答按规则随机抽题" : "所有考生试题相同（可在考试中打乱顺序）"}</span>
      </div>
      {preview.problems.length > 0 ? (
        <ProblemList problems={preview.problems} alert />
      ) : (
        <p className="muted">试卷可以正常组卷。</p>
      )}
    </section>
  );
}

function FixedItems({ items, errors }: { items: LoaderData["items"]; errors: Record<string, string> }) {
  const busy = useNavigation().state === "submitting";
  return (
    <section className="card">
      <div className="authoring-section-header">
        <h2>试题（{items.length}）</h2>
      </div>
      {errors._form ? <p className="field__error">{errors._form}</p> : null}
      <Form method="post" id="paper-scores">
        <input type="hidden" name="intent" value="save-scores" />
      </Form>
      <div className="table-wrap">
        <table className="table authoring-table">
          <thead>
            <tr>
              <th className="authoring-num">序号</th>
              <th>题目</th>
              <th>题型</th>
              <th>难度</th>
              <th>分值</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <EmptyRow colSpan={6} className="authoring-empty muted">
                还没有试题：在下方选择题库查找试题并勾选加入
              </EmptyRow>
            ) : (
              items.map((item, i) => (
                <tr key={item.questionId}>
                  <td className="authoring-num">{item.position}</td>
                  <td className="authoring-table__title">
                    {item.excerpt}
                    <div className="muted">
                      {item.bankTitle} · #{item.questionId}
                      {item.retired ? <span className="badge badge--off authoring-badge">已停用</span> : null}
                    </div>
                  </td>
                  <td>{item.typeLabel}</td>
                  <td>{item.difficulty}</td>
                  <td>
                    <input type="hidden" name="questionId" value={item.questionId} form="paper-scores" />
                    <input
                      className="exa-score-input"
                      name="score"
                      form="paper-scores"
                      inputMode="decimal"
                      defaultValue={item.score}
                      aria-label={`第 ${item.position} 题分值`}
                      aria-invalid={errors[`score.${i}`] ? true : undefined}
                    />
                    {errors[`score.${i}`] ? <p className="field__error">{errors[`score.${i}`]}</p> : null}
                  </td>
                  <td>
                    <div className="authoring-row-actions">
                      {(["move-up", "move-down", "remove-question"] as const).map((op) => (
                        <Form method="post" key={op}>
                          <input type="hidden" name="position" value={item.position} />
                          <button
                            className={op === "remove-question" ? "btn btn--small btn--danger" : "btn btn--small"}
                            name="intent"
                            value={op}
                            disabled={busy || (op === "move-up" && i === 0) || (op === "move-down" && i === items.length - 1)}
                            aria-label={`${{ "move-up": "上移", "move-down": "下移", "remove-question": "移出" }[op]}第 ${item.position} 题`}
                          >
                            {{ "move-up": "上移", "move-down": "下移", "remove-question": "移出" }[op]}
                          </button>
                        </Form>
                      ))}
                    </div>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {items.length > 0 ? (
        <p>
          <button className="btn btn--primary" type="submit" form="paper-scores" disabled={busy}>
            保存分值
          </button>
        </p>
      ) : null}
    </section>
  );
}

function QuestionSearch({ loaded, errors }: { loaded: LoaderData; errors: Record<string, string> }) {
  const [params] = useSearchParams();
  const { banks, search } = loaded;
  const bankChoices = banks.map((b) => ({ value: b.id, label: b.title }));
  return (
    <section className="card">
      <h2>从题库加入试题</h2>
      <Form method="get" className="exa-search" role="search">
        <FilterSelect label="题库" name="bank" value={params.get("bank")} anyLabel="请选择题库" choices={bankChoices} ariaLabel="题库" />
        <FilterSelect label="题型" name="type" value={params.get("type")} anyLabel="全部题型" choices={typeChoices} ariaLabel="题型" />
        <FilterSearch label="题干关键词" value={params.get("q")} maxLength={100} ariaLabel="题干关键词" />
        <button className="btn" type="submit">
          查找试题
        </button>
      </Form>
      {search ? (
        <Form method="post">
          <input type="hidden" name="intent" value="add-questions" />
          <p className="muted">
            共 {search.total} 题已发布试题符合条件{search.total > search.rows.length ? `，显示前 ${search.rows.length} 题，可用关键词缩小范围` : ""}。
          </p>
          {errors.questionIds ? <p className="field__error" role="alert">{errors.questionIds}</p> : null}
          <div className="table-wrap">
            <table className="table authoring-table">
              <thead>
                <tr>
                  <th>选择</th>
                  <th>题目</th>
                  <th>题型</th>
                  <th>难度</th>
                </tr>
              </thead>
              <tbody>
                {search.rows.map((q) => (
                  <tr key={q.id}>
                    <td>
                      {q.onPaper ? (
                        <span className="muted">已在试卷中</span>
                      ) : (
                        <input type="checkbox" name="questionIds" value={q.id} aria-label={`选择试题 #${q.id}`} />
                      )}
                    </td>
                    <td className="authoring-table__title">
                      {q.excerpt} <span className="muted">#{q.id}</span>
                    </td>
                    <td>{q.typeLabel}</td>
                    <td>{q.difficulty}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="authoring-inline-form">
            <Field label="每题分值" name="add-score" error={errors.score}>
              <input id="add-score" name="score" inputMode="decimal" defaultValue="2" className="exa-score-input" />
            </Field>
            <button className="btn btn--primary" type="submit">
              加入勾选的试题
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">选择题库后查找试题。</p>
      )}
    </section>
  );
}

function RulesSection({ loaded, errors, values }: { loaded: LoaderData; errors: Record<string, string>; values: Record<string, string> | null }) {
  const { rules, banks, points } = loaded;
  const busy = useNavigation().state === "submitting";
  const v = values ?? {};
  return (
    <section className="card">
      <h2>抽题规则</h2>
      <div className="table-wrap">
        <table className="table authoring-table">
          <thead>
            <tr>
              <th className="authoring-num">序号</th>
              <th>题库</th>
              <th>知识点</th>
              <th>标签</th>
              <th>题型</th>
              <th>难度</th>
              <th className="authoring-num">需要</th>
              <th className="authoring-num">可用</th>
              <th className="authoring-num">每题分值</th>
              <th className="authoring-num">小计</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {rules.length === 0 ? (
              <EmptyRow colSpan={11} className="authoring-empty muted">
                还没有抽题规则
              </EmptyRow>
            ) : (
              rules.map((r) => (
                <tr key={r.position} className={r.available < r.count ? "exa-short" : undefined}>
                  <td className="authoring-num">{r.position}</td>
                  <td>{r.bankTitle}</td>
                  <td>{r.point}</td>
                  <td>{r.tag}</td>
                  <td>{r.typeLabel}</td>
                  <td>{r.difficulty}</td>
                  <td className="authoring-num">{r.count}</td>
                  <td className="authoring-num">{r.available}</td>
                  <td className="authoring-num">{r.score}</td>
                  <td className="authoring-num">{r.subtotal}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="position" value={r.position} />
                      <button className="btn btn--small btn--danger" name="intent" value="remove-rule" disabled={busy} aria-label={`删除第 ${r.position} 条规则`}>
                        删除
                      </button>
                    </Form>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <h3>添加规则</h3>
      {errors._form ? <p className="field__error">{errors._form}</p> : null}
      <Form method="post" className="exa-rule-form" noValidate>
        <input type="hidden" name="intent" value="add-rule" />
        <Field label="题库" name="bankId" error={errors.bankId}>
          <select id="bankId" name="bankId" defaultValue={v.bankId ?? ""}>
            <ChoiceOptions anyLabel="请选择" choices={banks.map((b) => ({ value: b.id, label: b.title }))} />
          </select>
        </Field>
        <Field label="知识点（可选）" name="knowledgePointId" error={errors.knowledgePointId}>
          <select id="knowledgePointId" name="knowledgePointId" defaultValue={v.knowledgePointId ?? ""}>
            <option value="">不限</option>
            {banks.map((b) => {
              const own = points.filter((p) => p.bankId === b.id);
              return own.length === 0 ? null : (
                <optgroup key={b.id} label={b.title}>
                  {own.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.path}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </Field>
        <Field label="标签（可选）" name="tag" error={errors.tag}>
          <input id="tag" name="tag" defaultValue={v.tag ?? ""} maxLength={50} />
        </Field>
        <Field label="题型" name="type" error={errors.type}>
          <select id="type" name="type" defaultValue={v.type ?? "single"}>
            <ChoiceOptions choices={typeChoices} />
          </select>
        </Field>
        <Field label="难度（可选）" name="difficulty" error={errors.difficulty}>
          <select id="difficulty" name="difficulty" defaultValue={v.difficulty ?? ""}>
            <ChoiceOptions anyLabel="不限" choices={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: difficultyLabel(d) }))} />
          </select>
        </Field>
        <Field label="题数" name="count" error={errors.count}>
          <input id="count" name="count" inputMode="numeric" defaultValue={v.count ?? "10"} />
        </Field>
        <Field label="每题分值" name="score" error={errors.score}>
          <input id="score" name="score" inputMode="decimal" defaultValue={v.score ?? "2"} />
        </Field>
        <div className="field">
          <span>&nbsp;</span>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            添加规则
          </button>
        </div>
      </Form>
    </section>
  );
}

function PaperFields({ paper, errors, values }: { paper: LoaderData["paper"]; errors: Record<string, string>; values: Record<string, string> | null }) {
  const v = values ?? { title: paper.title, description: paper.description, multipleScoring: paper.multipleScoring, fillScoring: paper.fillScoring };
  return (
    <section className="card">
      <h2>试卷信息与计分规则</h2>
      <Form method="post" className="form authoring-form" noValidate>
        <input type="hidden" name="intent" value="update" />
        <Field label="试卷名称" name="title" error={errors.title}>
          <input id="title" name="title" defaultValue={v.title ?? ""} maxLength={200} />
        </Field>
        <Field label="说明" name="description" error={errors.description}>
          <textarea id="description" name="description" rows={3} defaultValue={v.description ?? ""} />
        </Field>
        <Field label="多选题计分" name="multipleScoring" error={errors.multipleScoring}>
          <select id="multipleScoring" name="multipleScoring" defaultValue={v.multipleScoring}>
            <ChoiceOptions choices={choicesOf(MULTIPLE_SCORING_LABELS)} />
          </select>
        </Field>
        <Field label="填空题计分" name="fillScoring" error={errors.fillScoring}>
          <select id="fillScoring" name="fillScoring" defaultValue={v.fillScoring}>
            <ChoiceOptions choices={choicesOf(FILL_SCORING_LABELS)} />
          </select>
        </Field>
        <p className="muted">最近修改：{paper.updatedAt}</p>
        <div>
          <button className="btn btn--primary" type="submit">
            保存试卷信息
          </button>
        </div>
      </Form>
    </section>
  );
}
