import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useOutlet, type ShouldRevalidateFunction } from "@remix-run/react";
import { EmptyRow } from "~/components/empty-row";
import { FilterActions } from "~/components/filter-actions";
import { FormMessage } from "~/components/form";
import { choicesOf, FilterSearch, FilterSelect, useFilterSearching } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import type { SessionUser } from "~/modules/auth/session.server";
import type { ItemStats } from "~/modules/exams/item-analysis";
import { issuesByField } from "~/modules/people/form-data";
import { listTiers } from "~/modules/people/options.server";
import { questionStats } from "~/modules/exams/item-stats.server";
import { canEditBank } from "~/modules/questions/access";
import { bulkIntentSchema, bulkSchema, bulkValues, type BulkInput, type BulkIntent } from "~/modules/questions/bank-schema";
import { bankForViewer, writableBanks, type BankView } from "~/modules/questions/banks.server";
import { QUESTION_TYPES } from "~/modules/questions/content";
import { BankInputError, BankRuleError } from "~/modules/questions/errors";
import { listPoints } from "~/modules/questions/knowledge-points.server";
import {
  QUESTION_STATUS_BADGES,
  QUESTION_STATUS_LABELS,
  QUESTION_TYPE_LABELS,
  difficultyLabel,
  typeLabel,
  versionLabel,
  DIFFICULTY_LABELS,
} from "~/modules/questions/labels";
import { filtersToParams, QUESTION_STATUSES, readQuestionFilters, type QuestionFilters } from "~/modules/questions/search-schema";
import { bankTags, matchingQuestionIds, searchQuestions } from "~/modules/questions/search.server";
import { moveQuestions, setQuestionStatus, tagQuestions } from "~/modules/questions/store.server";
import coursesStyles from "~/styles/courses.css";
import questionsStyles from "~/styles/questions.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { pageParam } from "~/utils/pagination";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: questionsStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.bank.title ?? "题库"} · 题库` }];

async function bankFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const { id } = getParams(args.params, idParam);
  const bank = await bankForViewer(args.context.db, user, id);
  if (!bank) notFound();
  return { user, bank };
}

const isListPath = (pathname: string, bankId: number | string) => pathname.replace(/\/+$/, "") === `/banks/${bankId}`;

export async function loader(args: LoaderFunctionArgs) {
  const { user, bank } = await bankFromParams(args);
  const url = new URL(args.request.url);
  const header = { id: bank.id, title: bank.title };
  // The question, import, export and settings pages nest under this route by URL but render alone
  // (and check access themselves); this loader runs for them too, so it loads the list only here.
  if (!isListPath(url.pathname, bank.id)) return { bank: header, list: null };
  return { bank: header, list: await loadList(args.context.db, user, bank, url.searchParams) };
}

/** After a child page, coming back to the list must load it (the loader skipped it there). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, currentParams, defaultShouldRevalidate }) => {
  if (currentUrl.pathname !== nextUrl.pathname && isListPath(nextUrl.pathname, currentParams.id ?? "")) return true;
  return defaultShouldRevalidate;
};

async function loadList(db: ActionFunctionArgs["context"]["db"], user: SessionUser, bank: BankView, params: URLSearchParams) {
  const filters = readQuestionFilters(params);
  const page = pageParam.parse(params.get("page") ?? undefined);
  const canEdit = canEditBank(bank.access);
  const [result, points, tags, tiers, targets] = await Promise.all([
    searchQuestions(db, bank.id, filters, page),
    listPoints(db, bank.id),
    bankTags(db, bank.id),
    listTiers(db, { includeInactive: true }),
    canEdit ? writableBanks(db, user) : Promise.resolve([]),
  ]);
  const query = (changes: Partial<QuestionFilters>) => filtersToParams({ ...filters, ...changes }).toString();
  const stats = await questionStats(db, result.rows.map((r) => r.id));
  return {
    filters,
    query: filtersToParams(filters).toString(),
    page,
    total: result.total,
    pageCount: result.pages,
    rows: result.rows.map((r) => ({
      id: r.id,
      type: typeLabel(r.type),
      status: r.status,
      difficulty: difficultyLabel(r.difficulty),
      pointPath: r.pointPath,
      excerpt: r.excerpt,
      version: versionLabel(r.version),
      tags: r.tags,
      updatedAt: formatInstant(r.updatedAt),
      ...statColumns(stats.get(r.id)),
    })),
    // Counts of a point include its sub-points, as the filter does.
    points: points.map((p) => ({
      id: p.id,
      name: p.name,
      path: p.path,
      depth: p.depth,
      count: points.filter((q) => q.path === p.path || q.path.startsWith(`${p.path}/`)).reduce((sum, q) => sum + q.questionCount, 0),
      href: `?${query({ point: p.id })}`,
    })),
    allPointsHref: `?${query({ point: undefined })}`,
    tags: tags.some((t) => t.tag === filters.tag) || !filters.tag ? tags : [{ tag: filters.tag, count: 0 }, ...tags],
    tiers: tiers.filter((t) => t.active || t.code === filters.tier).map((t) => ({ code: t.code, name: t.name })),
    canEdit,
    access: bank.access,
    description: bank.description,
    categoryName: bank.categoryName,
    archived: bank.archived,
    moveTargets: targets.filter((b) => b.id !== bank.id).map((b) => ({ id: b.id, title: b.title })),
  };
}

/** Item statistics over closed attempts of all exams; blank until someone has answered. */
function statColumns(stats: ItemStats | undefined) {
  const takers = stats?.takers ?? 0;
  return {
    takers,
    facility: stats?.facility == null ? "—" : stats.facility.toFixed(2),
    discrimination: stats?.discrimination == null ? "—" : stats.discrimination.toFixed(2),
    flags: stats?.flags.map((f) => f.label) ?? [],
  };
}

interface Reply {
  intent: BulkIntent | null;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  /** Changes on every success, so the form (and its checked boxes) starts afresh. */
  doneAt: number | null;
}

function reply(intent: BulkIntent | null, fields: Partial<Omit<Reply, "intent">>, status = 200) {
  return data<Reply>({ intent, ok: status < 400, message: null, errors: {}, doneAt: null, ...fields }, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { user, bank } = await bankFromParams(args);
  const { db } = args.context;
  const form = await args.request.formData();
  const intent = bulkIntentSchema.safeParse(form.get("intent")).data ?? null;
  const parsed = bulkSchema.safeParse(bulkValues(form));
  if (!canEditBank(bank.access)) return reply(intent, { message: "您对本题库只有查看权限" }, 403);
  if (!parsed.success) {
    const errors = issuesByField(parsed.error);
    return reply(intent, { errors, message: errors.ids ?? errors.intent ?? null }, 400);
  }
  // "All matching" uses the filters of the list the form was on (the form posts to that URL).
  const ids = parsed.data.scope === "all" ? await matchingQuestionIds(db, bank.id, readQuestionFilters(new URL(args.request.url).searchParams)) : parsed.data.ids;
  try {
    const message = await runBulk(db, user, bank, parsed.data, ids);
    return reply(intent, { message, doneAt: Date.now() });
  } catch (error) {
    if (error instanceof BankInputError) return reply(intent, { errors: error.fieldErrors }, 400);
    if (error instanceof BankRuleError) return reply(intent, { message: error.message }, 400);
    throw error;
  }
}

async function runBulk(db: ActionFunctionArgs["context"]["db"], user: SessionUser, bank: BankView, input: BulkInput, questionIds: number[]): Promise<string> {
  const common = { bankId: bank.id, questionIds, actorId: user.id };
  switch (input.intent) {
    case "publish":
      return `已发布 ${await setQuestionStatus(db, { ...common, status: "published" })} 题`;
    case "restore":
      return `已恢复 ${await setQuestionStatus(db, { ...common, status: "published" })} 题`;
    case "retire":
      return `已停用 ${await setQuestionStatus(db, { ...common, status: "retired" })} 题`;
    case "move": {
      const target = (await writableBanks(db, user)).find((b) => b.id === input.toBankId && b.id !== bank.id);
      if (!target) throw new BankInputError({ toBankId: "请选择您可以编辑的其他题库" });
      const moved = await moveQuestions(db, { fromBankId: bank.id, toBankId: target.id, questionIds, actorId: user.id, toBankTitle: target.title });
      return `已将 ${moved} 题移动到「${target.title}」`;
    }
    case "tag":
      return `已为 ${await tagQuestions(db, { ...common, tag: input.tag })} 题添加标签「${input.tag}」`;
    case "untag":
      return `已从 ${await tagQuestions(db, { ...common, tag: input.tag, remove: true })} 题移除标签「${input.tag}」`;
  }
}

export default function BankPage() {
  const outlet = useOutlet();
  // /banks/:id/questions/…, /import, /export and /settings render alone: this page is only their parent by URL.
  if (outlet) return outlet;
  return <BankQuestions />;
}

function BankQuestions() {
  const { bank, list } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const searching = useFilterSearching(location.pathname);
  if (!list) return null;
  const { filters, rows, points, canEdit } = list;
  const busy = navigation.state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const created = new URLSearchParams(location.search).get("created") === "1";
  const statusFilter = filters.status;
  const showPublish = statusFilter !== "retired";
  const showRetire = statusFilter !== "retired";
  const showRestore = statusFilter === "retired" || statusFilter === "all";
  const base = `/banks/${bank.id}`;
  const colCount = canEdit ? 14 : 13;

  return (
    <>
      <p className="authoring-crumbs">
        <Link to="/banks">← 题库列表</Link>
      </p>
      <div className="page-header">
        <h1>{bank.title}</h1>
        <span className="badge">{list.categoryName}</span>
        {list.archived ? <span className="badge badge--off">已归档</span> : null}
        <div className="bank-header-actions">
          {canEdit ? (
            <>
              <Link className="btn btn--primary" to={`${base}/questions/new`}>
                新建试题
              </Link>
              <Link className="btn" to={`${base}/import`}>
                导入
              </Link>
            </>
          ) : null}
          <Link className="btn" to={`${base}/export${list.query ? `?${list.query}` : ""}`}>
            导出
          </Link>
          <Link className="btn" to={`${base}/settings`}>
            题库设置
          </Link>
        </div>
      </div>
      {list.description ? <p className="muted bank-description">{list.description}</p> : null}

      {created && !result ? <FormMessage tone="success">题库已创建。下一步：新建或导入试题，或在“题库设置”中添加知识点和成员。</FormMessage> : null}
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {canEdit ? null : <FormMessage tone="info">您对本题库只有查看和导出权限。如需修改，请联系题库负责人或系统管理员。</FormMessage>}

      <div className="bank-layout">
        <nav className="card bank-points" aria-label="知识点">
          <h2>知识点</h2>
          {points.length === 0 ? (
            <p className="muted">还没有知识点。</p>
          ) : (
            <ul className="bank-points__list">
              <li>
                <Link to={list.allPointsHref} className={filters.point === undefined ? "bank-points__link is-active" : "bank-points__link"} aria-current={filters.point === undefined ? "true" : undefined}>
                  <span>全部知识点</span>
                </Link>
              </li>
              {points.map((p) => (
                <li key={p.id} style={{ paddingLeft: `${p.depth * 0.9}rem` }}>
                  <Link
                    to={p.href}
                    className={filters.point === p.id ? "bank-points__link is-active" : "bank-points__link"}
                    aria-current={filters.point === p.id ? "true" : undefined}
                    title={p.path}
                  >
                    <span>{p.name}</span>{" "}
                    <span className="bank-points__count">{p.count}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>

        <div className="bank-main">
          {/* Keyed by the filters so that 重置 and the tree links, which navigate without the form, refill it. */}
          <Form method="get" className="filters bank-filters" role="search" key={list.query}>
            <FilterSearch label="关键词（题干、选项、解析）" value={filters.q} placeholder="输入关键词" maxLength={100} className="bank-filters__q" />
            <FilterSelect label="题型" name="type" value={filters.type} anyLabel="全部题型" choices={choicesOf(QUESTION_TYPE_LABELS, QUESTION_TYPES)} />
            <FilterSelect
              label="难度"
              name="difficulty"
              value={filters.difficulty}
              anyLabel="全部难度"
              choices={[1, 2, 3, 4, 5].map((d) => ({
                value: d,
                label: (
                  <>
                    {d} {DIFFICULTY_LABELS[d]}
                  </>
                ),
              }))}
            />
            <FilterSelect label="适用层级" name="tier" value={filters.tier} anyLabel="全部层级" choices={list.tiers.map((t) => ({ value: t.code, label: t.name }))} />
            <FilterSelect
              label="状态"
              name="status"
              value={filters.status}
              anyLabel="未停用（默认）"
              choices={[...choicesOf(QUESTION_STATUS_LABELS, QUESTION_STATUSES), { value: "all", label: "全部" }]}
            />
            <FilterSelect
              label="标签"
              name="tag"
              value={filters.tag}
              anyLabel="全部标签"
              choices={list.tags.map((t) => ({
                value: t.tag,
                label: (
                  <>
                    {t.tag}（{t.count}）
                  </>
                ),
              }))}
            />
            <FilterSelect
              label="知识点"
              name="point"
              value={filters.point}
              anyLabel="全部知识点"
              choices={points.map((p) => ({
                value: p.id,
                label: (
                  <>
                    {"\u3000".repeat(p.depth)}
                    {p.name}
                  </>
                ),
              }))}
            />
            <FilterActions resetTo={base} searching={searching} className="authoring-filters__actions" />
          </Form>

          <Form
            method="post"
            action={`${base}${location.search}`}
            key={`${list.query}|${result?.doneAt ?? ""}`}
            className="bank-bulk-form"
            onSubmit={(event) => {
              const form = event.currentTarget;
              const scope = new FormData(form).get("scope");
              const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
              if (scope === "all" && !window.confirm(`确定对全部符合筛选条件的 ${list.total} 题执行“${submitter?.textContent ?? "该操作"}”？`)) event.preventDefault();
            }}
          >
            {canEdit ? (
              <fieldset className="bank-bulk" disabled={busy}>
                <legend>批量操作</legend>
                {/* Enter in the tag field submits with the form's first button: make that "添加标签". */}
                <button type="submit" name="intent" value="tag" className="bank-sr-only" tabIndex={-1} aria-hidden="true">
                  添加标签
                </button>
                <div className="bank-bulk__scope" role="radiogroup" aria-label="操作范围">
                  <label className="authoring-check">
                    <input type="radio" name="scope" value="checked" defaultChecked />
                    勾选的试题
                  </label>
                  <label className="authoring-check">
                    <input type="radio" name="scope" value="all" disabled={list.total === 0} />
                    全部符合筛选条件的 {list.total} 题
                  </label>
                </div>
                <div className="bank-bulk__actions">
                  {showPublish ? (
                    <button className="btn btn--small" type="submit" name="intent" value="publish">
                      发布
                    </button>
                  ) : null}
                  {showRetire ? (
                    <button className="btn btn--small btn--danger" type="submit" name="intent" value="retire">
                      停用
                    </button>
                  ) : null}
                  {showRestore ? (
                    <button className="btn btn--small" type="submit" name="intent" value="restore">
                      恢复
                    </button>
                  ) : null}
                  <span className="bank-bulk__group">
                    <label htmlFor="toBankId" className="bank-sr-only">
                      目标题库
                    </label>
                    <select id="toBankId" name="toBankId" defaultValue="" aria-invalid={errors.toBankId ? true : undefined} aria-describedby={errors.toBankId ? "toBankId-error" : undefined}>
                      <option value="">选择目标题库…</option>
                      {list.moveTargets.map((b) => (
                        <option key={b.id} value={b.id}>
                          {b.title}
                        </option>
                      ))}
                    </select>
                    <button className="btn btn--small" type="submit" name="intent" value="move">
                      移动到
                    </button>
                  </span>
                  <span className="bank-bulk__group">
                    <label htmlFor="bulk-tag" className="bank-sr-only">
                      标签
                    </label>
                    <input id="bulk-tag" name="tag" maxLength={50} placeholder="标签" autoComplete="off" aria-invalid={errors.tag ? true : undefined} aria-describedby={errors.tag ? "tag-error" : undefined} />
                    <button className="btn btn--small" type="submit" name="intent" value="tag">
                      添加标签
                    </button>
                    <button className="btn btn--small" type="submit" name="intent" value="untag">
                      移除标签
                    </button>
                  </span>
                </div>
                {errors.toBankId ? (
                  <p className="field__error" id="toBankId-error" role="alert">
                    {errors.toBankId}
                  </p>
                ) : null}
                {errors.tag ? (
                  <p className="field__error" id="tag-error" role="alert">
                    {errors.tag}
                  </p>
                ) : null}
              </fieldset>
            ) : null}

            <div className="table-wrap">
              <table className="table authoring-table question-table">
                <thead>
                  <tr>
                    {canEdit ? (
                      <th className="question-table__check">
                        <SelectAll />
                      </th>
                    ) : null}
                    <th className="authoring-num">ID</th>
                    <th>题型</th>
                    <th>题干</th>
                    <th>知识点</th>
                    <th>难度</th>
                    <th>状态</th>
                    <th>版本</th>
                    <th>标签</th>
                    {/* Over closed attempts of all exams: facility = mean score share, discrimination = upper minus lower 27 % group. */}
                    <th title="已交卷答卷中作答此题的人次">作答</th>
                    <th title="得分率，越高越容易">难度系数</th>
                    <th title="高分组与低分组得分率之差，作答少于 10 人时不计算">区分度</th>
                    <th>提示</th>
                    <th>最近修改</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.length === 0 ? (
                    <EmptyRow colSpan={colCount} className="authoring-empty muted">
                      没有符合条件的试题
                    </EmptyRow>
                  ) : (
                    rows.map((q) => (
                      <tr key={q.id}>
                        {canEdit ? (
                          <td className="question-table__check">
                            <input type="checkbox" name="ids" value={q.id} aria-label={`选择第 ${q.id} 题`} />
                          </td>
                        ) : null}
                        <td className="authoring-num">{q.id}</td>
                        <td>{q.type}</td>
                        <td className="question-table__stem">
                          <Link to={`${base}/questions/${q.id}`}>{q.excerpt || "（无题干）"}</Link>
                        </td>
                        <td className="question-table__point">{q.pointPath ?? <span className="muted">—</span>}</td>
                        <td>{q.difficulty}</td>
                        <td>
                          <span className={QUESTION_STATUS_BADGES[q.status]}>{QUESTION_STATUS_LABELS[q.status]}</span>
                        </td>
                        <td>{q.version}</td>
                        <td className="question-table__tags">
                          {q.tags.map((t) => (
                            <span key={t} className="badge question-tag">
                              {t}
                            </span>
                          ))}
                        </td>
                        <td>{q.takers}</td>
                        <td>{q.facility}</td>
                        <td>{q.discrimination}</td>
                        <td className="question-table__flags">
                          {q.flags.map((f) => (
                            <span key={f} className="badge badge--off" title={f}>
                              {f.replace(/（.*$/, "")}
                            </span>
                          ))}
                        </td>
                        <td>{q.updatedAt}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
          </Form>
          <Pagination page={list.page} pageCount={list.pageCount} total={list.total} />
        </div>
      </div>
    </>
  );
}

/** Checks or clears every row of this page (needs JavaScript; without it rows are checked one by one). */
function SelectAll() {
  return (
    <input
      type="checkbox"
      aria-label="全选本页"
      onChange={(event) => {
        const form = event.currentTarget.form;
        if (!form) return;
        for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="ids"]')) box.checked = event.currentTarget.checked;
      }}
    />
  );
}
