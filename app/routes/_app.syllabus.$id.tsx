import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import type { SessionUser } from "~/modules/auth/session.server";
import { formStrings, issuesByField } from "~/modules/people/form-data";
import {
  addTierCourse,
  courseChoices,
  editDescription,
  editTierHours,
  publishDraft,
  removeTierCourse,
  startNewVersion,
  syllabusWithVersions,
  SyllabusInputError,
  SyllabusRuleError,
  versionPlan,
  type SyllabusSummary,
} from "~/modules/syllabus/admin.server";
import { tierRow, versionRow } from "~/modules/syllabus/present";
import { ITEM_KIND_LABELS, SYLLABUS_INTENTS, syllabusIntentSchema, type SyllabusIntent } from "~/modules/syllabus/syllabus-schema";
import { SyllabusLockedError, versionInForce } from "~/modules/syllabus/syllabus.server";
import { PlanTable, VersionBadges, VersionHistory, type TierRow } from "~/modules/syllabus/version-view";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.syllabus.title ?? "培训大纲"} · 培训大纲` }];

async function syllabusFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "syllabus:manage");
  const { id } = getParams(args.params, idParam);
  const syllabus = await syllabusWithVersions(args.context.db, id);
  if (!syllabus) notFound();
  return { user, syllabus };
}

export async function loader(args: LoaderFunctionArgs) {
  const { syllabus } = await syllabusFromParams(args);
  const { db } = args.context;
  // The newest published version of this syllabus; "现行" only if it is the one the year uses.
  const current = syllabus.versions.find((v) => v.inForce) ?? syllabus.versions.find((v) => v.status === "published");
  const draft = syllabus.versions.find((v) => v.status === "draft");
  const [yearInForce, currentPlan, draftPlan, courses] = await Promise.all([
    versionInForce(db, syllabus.year),
    current ? versionPlan(db, current.id) : Promise.resolve([]),
    draft ? versionPlan(db, draft.id) : Promise.resolve([]),
    draft ? courseChoices(db) : Promise.resolve([]),
  ]);
  const newest = syllabus.versions[0];
  return {
    syllabus: { id: syllabus.id, year: syllabus.year, title: syllabus.title, imported: syllabus.contentKey !== null },
    versions: syllabus.versions.map(versionRow),
    current: current ? { ...versionRow(current), description: current.description, tiers: currentPlan.map(tierRow) } : null,
    draft: draft ? { ...versionRow(draft), description: draft.description, tiers: draftPlan.map(tierRow) } : null,
    otherInForce: yearInForce && yearInForce.syllabus_id !== syllabus.id ? yearInForce.title : null,
    newestVersion: newest?.version ?? null,
    courses,
  };
}

interface Reply {
  intent: SyllabusIntent | null;
  /** The tier a per-tier form was about, so its errors show in that tier's form. */
  tier: string | null;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
}

function reply(intent: SyllabusIntent | null, fields: Partial<Omit<Reply, "intent">>, status = 200) {
  const body: Reply = { intent, tier: null, ok: status < 400, message: null, errors: {}, ...fields };
  return data(body, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { user, syllabus } = await syllabusFromParams(args);
  const values = formStrings(await args.request.formData());
  const rawIntent = SYLLABUS_INTENTS.find((i) => i === values.intent) ?? null;
  const tier = values.tier ?? null;
  const parsed = syllabusIntentSchema.safeParse(values);
  if (!parsed.success) {
    return reply(rawIntent, { tier, message: rawIntent ? null : "未知的操作", errors: issuesByField(parsed.error) }, 400);
  }
  const input = parsed.data;
  try {
    return await runIntent(args.context.db, user, syllabus, input);
  } catch (error) {
    if (error instanceof SyllabusLockedError || error instanceof SyllabusRuleError) return reply(input.intent, { tier, message: error.message }, 400);
    if (error instanceof SyllabusInputError) return reply(input.intent, { tier, errors: error.fieldErrors }, 400);
    throw error;
  }
}

async function runIntent(db: ActionFunctionArgs["context"]["db"], user: SessionUser, syllabus: SyllabusSummary, input: ReturnType<typeof syllabusIntentSchema.parse>) {
  switch (input.intent) {
    case "new-version": {
      const newest = syllabus.versions[0];
      await startNewVersion(db, syllabus.id, user.id);
      return reply(input.intent, { message: newest ? `已创建新版本草稿（复制自第 ${newest.version} 版）` : "已创建第 1 版草稿" });
    }
    case "describe":
      await editDescription(db, syllabus.id, input.versionId, input.description);
      return reply(input.intent, { message: "说明已保存" });
    case "set-hours":
      await editTierHours(db, syllabus.id, input.versionId, input.tier, input.hours);
      return reply(input.intent, { tier: input.tier, message: "学时要求已保存" });
    case "add-course":
      await addTierCourse(db, syllabus.id, input.versionId, input.tier, input.courseId, input.kind);
      return reply(input.intent, { tier: input.tier, message: `已加入${ITEM_KIND_LABELS[input.kind]}课程` });
    case "remove-course":
      await removeTierCourse(db, syllabus.id, input.versionId, input.tier, input.courseId);
      return reply(input.intent, { tier: input.tier, message: "已移除课程" });
    case "publish":
      await publishDraft(db, syllabus.id, input.versionId, user.id);
      return reply(input.intent, { message: "已发布：该版本即时成为现行版本，此后不能再修改" });
  }
}

const columns = { display: "grid", gap: "1rem", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 480px), 1fr))", alignItems: "start" } as const;
const inline = { display: "flex", gap: "0.5rem", alignItems: "end", flexWrap: "wrap" } as const;

export default function SyllabusPage() {
  const { syllabus, versions, current, draft, otherInForce, newestVersion, courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorsFor = (intent: SyllabusIntent, tier: string | null = null): Record<string, string | undefined> =>
    result?.intent === intent && (tier === null || result.tier === tier) ? result.errors : {};

  return (
    <>
      <div className="page-header">
        <h1>
          {syllabus.year} 年度 · {syllabus.title}
        </h1>
        {syllabus.imported ? <span className="badge">内容包导入</span> : null}
        <Link className="btn" to="/syllabus">
          返回大纲列表
        </Link>
      </div>

      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {otherInForce ? <FormMessage tone="info">本年度现行的是另一份大纲「{otherInForce}」。</FormMessage> : null}

      <div style={columns}>
        <section className="card">
          <h2 style={{ marginTop: 0 }}>
            {current ? (
              <>
                {current.inForce ? "现行版本" : "最新发布版本"} · 第 {current.version} 版 <VersionBadges status={current.status} inForce={current.inForce} />
              </>
            ) : (
              "现行版本"
            )}
          </h2>
          {current ? (
            <>
              <p className="muted">发布于 {current.publishedAt}。已发布的版本不能修改，调整请创建新版本。</p>
              {current.description ? <p style={{ whiteSpace: "pre-line" }}>{current.description}</p> : null}
              <PlanTable tiers={current.tiers} />
            </>
          ) : (
            <p className="muted">尚未发布任何版本。</p>
          )}
        </section>

        <section className="card">
          {draft ? (
            <DraftEditor draft={draft} courses={courses} busy={busy} errorsFor={errorsFor} />
          ) : (
            <>
              <h2 style={{ marginTop: 0 }}>草稿</h2>
              <p className="muted">
                {newestVersion
                  ? `新版本复制第 ${newestVersion} 版的全部内容，在草稿中修改后发布；发布前现行版本继续有效。`
                  : "创建第 1 版草稿，填写各层级的学时和课程后发布。"}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="new-version" />
                <button className="btn btn--primary" type="submit" disabled={busy}>
                  创建新版本
                </button>
              </Form>
            </>
          )}
        </section>
      </div>

      <h2>版本历史</h2>
      <VersionHistory syllabusId={syllabus.id} versions={versions} />
    </>
  );
}

type ErrorsFor = (intent: SyllabusIntent, tier?: string | null) => Record<string, string | undefined>;

interface DraftView {
  id: number;
  version: number;
  description: string;
  tiers: TierRow[];
}

function DraftEditor({
  draft,
  courses,
  busy,
  errorsFor,
}: {
  draft: DraftView;
  courses: ReadonlyArray<{ id: number; title: string; categoryName: string }>;
  busy: boolean;
  errorsFor: ErrorsFor;
}) {
  return (
    <>
      <h2 style={{ marginTop: 0 }}>
        草稿 · 第 {draft.version} 版 <VersionBadges status="draft" inForce={false} />
      </h2>
      <Form method="post" className="form" style={{ maxWidth: "none" }}>
        <input type="hidden" name="intent" value="describe" />
        <input type="hidden" name="versionId" value={draft.id} />
        <Field label="大纲说明" name="description" error={errorsFor("describe").description ?? errorsFor("describe").versionId}>
          <textarea id="description" name="description" rows={4} maxLength={2000} defaultValue={draft.description} />
        </Field>
        <div>
          <button className="btn" type="submit" disabled={busy}>
            保存说明
          </button>
        </div>
      </Form>

      {draft.tiers.map((t) => (
        <TierEditor key={t.code} versionId={draft.id} tier={t} courses={courses} busy={busy} errorsFor={errorsFor} />
      ))}

      <h3>发布</h3>
      <Form method="post" className="form" style={{ maxWidth: "none" }}>
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="versionId" value={draft.id} />
        <div className={errorsFor("publish").confirm ? "field field--error" : "field"}>
          <label style={{ fontWeight: 400, display: "flex", gap: "0.5rem", alignItems: "flex-start" }}>
            <input type="checkbox" name="confirm" value="yes" style={{ marginTop: "0.35rem" }} />
            <span>我已核对各层级的学时和课程。发布后第 {draft.version} 版立即成为现行版本，且不能再修改；以后的调整须另建新版本。</span>
          </label>
          {errorsFor("publish").confirm ? (
            <p className="field__error" role="alert">
              {errorsFor("publish").confirm}
            </p>
          ) : null}
        </div>
        <div>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            发布第 {draft.version} 版
          </button>
        </div>
      </Form>
    </>
  );
}

function TierEditor({
  versionId,
  tier,
  courses,
  busy,
  errorsFor,
}: {
  versionId: number;
  tier: TierRow;
  courses: ReadonlyArray<{ id: number; title: string; categoryName: string }>;
  busy: boolean;
  errorsFor: ErrorsFor;
}) {
  const inTier = new Set([...tier.required, ...tier.elective].map((c) => c.courseId));
  const hoursErrors = errorsFor("set-hours", tier.code);
  const addErrors = errorsFor("add-course", tier.code);
  const removeErrors = errorsFor("remove-course", tier.code);
  return (
    <div style={{ borderTop: "1px solid var(--line)", marginTop: "1rem", paddingTop: "0.5rem" }}>
      <h3>{tier.name}</h3>
      <Form method="post" style={inline}>
        <input type="hidden" name="intent" value="set-hours" />
        <input type="hidden" name="versionId" value={versionId} />
        <input type="hidden" name="tier" value={tier.code} />
        <Field label="要求学时" name={`hours-${tier.code}`} error={hoursErrors.hours ?? hoursErrors.tier} hint="不小于 0，最多两位小数">
          <input id={`hours-${tier.code}`} name="hours" inputMode="decimal" defaultValue={tier.requiredHours} maxLength={8} style={{ maxWidth: "10rem" }} />
        </Field>
        <button className="btn" type="submit" disabled={busy}>
          保存学时
        </button>
      </Form>
      {(["required", "elective"] as const).map((kind) => {
        const list = kind === "required" ? tier.required : tier.elective;
        return (
          <div key={kind}>
            <p style={{ margin: "0.75rem 0 0.25rem", fontWeight: 600 }}>
              {ITEM_KIND_LABELS[kind]}课程（{list.length}）
            </p>
            {list.length === 0 ? <p className="muted" style={{ margin: 0 }}>无</p> : null}
            <ul style={{ margin: 0, paddingLeft: "1.25rem" }}>
              {list.map((c) => (
                <li key={c.courseId} style={{ margin: "0.25rem 0" }}>
                  {c.title}
                  {c.status === "published" ? null : <span className="badge badge--off">课程未发布</span>}
                  <Form method="post" style={{ display: "inline", marginLeft: "0.5rem" }}>
                    <input type="hidden" name="intent" value="remove-course" />
                    <input type="hidden" name="versionId" value={versionId} />
                    <input type="hidden" name="tier" value={tier.code} />
                    <input type="hidden" name="courseId" value={c.courseId} />
                    <button className="btn btn--small btn--danger" type="submit" disabled={busy}>
                      移除
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {removeErrors.courseId ? (
        <p className="field__error" role="alert">
          {removeErrors.courseId}
        </p>
      ) : null}
      <Form method="post" style={{ ...inline, marginTop: "0.75rem" }}>
        <input type="hidden" name="intent" value="add-course" />
        <input type="hidden" name="versionId" value={versionId} />
        <input type="hidden" name="tier" value={tier.code} />
        <Field label="加入课程" name={`course-${tier.code}`} error={addErrors.courseId ?? addErrors.tier}>
          <select id={`course-${tier.code}`} name="courseId" defaultValue="">
            <option value="">请选择已发布的课程</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}（{c.categoryName}）{inTier.has(c.id) ? " · 已在本层级" : ""}
              </option>
            ))}
          </select>
        </Field>
        <Field label="类别" name={`kind-${tier.code}`} error={addErrors.kind}>
          <select id={`kind-${tier.code}`} name="kind" defaultValue="required">
            <option value="required">{ITEM_KIND_LABELS.required}</option>
            <option value="elective">{ITEM_KIND_LABELS.elective}</option>
          </select>
        </Field>
        <button className="btn" type="submit" disabled={busy}>
          加入
        </button>
      </Form>
    </div>
  );
}
