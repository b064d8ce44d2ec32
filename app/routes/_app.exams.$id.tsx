import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { EmptyRow } from "~/components/empty-row";
import { Field, FormMessage } from "~/components/form";
import { ChoiceOptions } from "~/components/list-filters";
import { ProblemList } from "~/components/problem-list";
import { AuthoringInputError, examChoices, examDetail, personsByEmployeeNo, publishProblems, updateAuthoredExam } from "~/modules/exams/authoring.server";
import { ExamFields } from "~/modules/exams/exam-fields";
import {
  accommodationSchema,
  audienceSchema,
  EXAM_STATUS_LABELS,
  examFormSchema,
  examFormValues,
  examIntentSchema,
  personRefSchema,
  toLocalDateTime,
  type ExamFormValues,
  type ExamIntent,
} from "~/modules/exams/exam-schema";
import { setAccommodation, setAudience, setExamStatus } from "~/modules/exams/exams.server";
import { formatPoints } from "~/modules/exams/paper-schema";
import { formStrings, issuesByField } from "~/modules/people/form-data";
import { listTiers, unitOptions } from "~/modules/people/options.server";
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.exam.title ?? "考试"} · 考试管理` }];

async function examFromParams(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  const { id } = getParams(args.params, idParam);
  const detail = await examDetail(args.context.db, id);
  if (!detail) notFound();
  return { user, ...detail };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, exam, audience, accommodations, attemptCount } = await examFromParams(args);
  const { db } = args.context;
  const [options, tiers, units, problems] = await Promise.all([
    examChoices(db),
    listTiers(db),
    unitOptions(db, user, "exam:author", { leaves: false }),
    exam.status === "draft" ? publishProblems(db, exam.id) : Promise.resolve([]),
  ]);
  const values: ExamFormValues = {
    title: exam.title,
    description: exam.description,
    kind: exam.kind,
    certificateType: exam.certificate_type ?? "",
    certificateValidMonths: exam.certificate_valid_months === null ? "" : String(exam.certificate_valid_months),
    courseId: exam.course_id === null ? "" : String(exam.course_id),
    requiredCourseId: exam.required_course_id === null ? "" : String(exam.required_course_id),
    paperId: String(exam.paper_id),
    opensAt: toLocalDateTime(exam.opens_at),
    closesAt: toLocalDateTime(exam.closes_at),
    durationMinutes: String(exam.duration_minutes),
    maxAttempts: String(exam.max_attempts),
    counting: exam.counting,
    pass: formatPoints(exam.pass_x100),
    shuffleQuestions: exam.shuffle_questions ? "1" : "",
    shuffleOptions: exam.shuffle_options ? "1" : "",
    scoreVisibility: exam.score_visibility,
    reviewVisibility: exam.review_visibility,
  };
  // Units chosen earlier stay selectable even when they are villages (left out of the list).
  const extraUnits = audience.units.filter((u) => !units.some((o) => o.id === u.id)).map((u) => ({ id: u.id, label: u.name, name: u.name }));
  return {
    exam: { id: exam.id, title: exam.title, status: exam.status, statusLabel: EXAM_STATUS_LABELS[exam.status], paperId: exam.paper_id },
    values,
    attemptCount,
    problems,
    options,
    tiers: tiers.map((t) => ({ code: t.code, name: t.name })),
    units: [...extraUnits, ...units].map((u) => ({ id: u.id, label: u.label })),
    audience: {
      tiers: audience.tiers,
      unitIds: audience.units.map((u) => u.id),
      employeeNos: audience.persons.map((p) => p.employee_no).join("\n"),
      persons: audience.persons.map((p) => `${p.name}（${p.employee_no}）`),
    },
    accommodations: accommodations.map((a) => ({
      personId: a.person_id,
      name: a.name,
      employeeNo: a.employee_no,
      extraMinutes: a.extra_minutes,
      extraAttempts: a.extra_attempts,
      window: a.opens_at !== null || a.closes_at !== null ? `${a.opens_at ? formatInstant(a.opens_at) : "同考试"} – ${a.closes_at ? formatInstant(a.closes_at) : "同考试"}` : "同考试",
      note: a.note,
    })),
  };
}

interface Reply {
  ok: boolean;
  intent: ExamIntent | null;
  message: string | null;
  errors: Record<string, string>;
  values: Record<string, string> | null;
  problems: string[];
}

function reply(intent: ExamIntent | null, fields: Partial<Omit<Reply, "intent" | "ok">>, status = 200) {
  return data<Reply>({ intent, ok: status < 400, message: null, errors: {}, values: null, problems: [], ...fields }, { status });
}

const STATUS_MOVES: Record<"publish" | "unpublish" | "archive", { to: "published" | "draft" | "archived"; message: string }> = {
  publish: { to: "published", message: "考试已发布，考生可在时间窗内参加" },
  unpublish: { to: "draft", message: "考试已退回草稿，考生暂时看不到" },
  archive: { to: "archived", message: "考试已归档" },
};

export async function action(args: ActionFunctionArgs) {
  const { user, exam } = await examFromParams(args);
  const { db } = args.context;
  const form = await args.request.formData();
  const parsedIntent = examIntentSchema.safeParse({ intent: form.get("intent") });
  if (!parsedIntent.success) return reply(null, { message: "未知的操作" }, 400);
  const intent = parsedIntent.data.intent;
  switch (intent) {
    case "update": {
      const values = examFormValues(form);
      const parsed = examFormSchema.safeParse({ ...values, confirmChange: form.get("confirmChange") ?? undefined });
      if (!parsed.success) return reply(intent, { errors: issuesByField(parsed.error), values }, 400);
      try {
        await updateAuthoredExam(db, exam.id, parsed.data);
      } catch (error) {
        if (error instanceof AuthoringInputError) return reply(intent, { errors: error.fieldErrors, values }, 400);
        throw error;
      }
      return reply(intent, { message: "考试设置已保存" });
    }
    case "publish":
    case "unpublish":
    case "archive": {
      if (intent === "publish") {
        const problems = await publishProblems(db, exam.id);
        if (problems.length > 0) return reply(intent, { message: "考试暂不能发布：", problems }, 400);
      }
      await setExamStatus(db, exam.id, STATUS_MOVES[intent].to);
      return reply(intent, { message: STATUS_MOVES[intent].message });
    }
    case "audience": {
      const values = formStrings(form);
      const parsed = audienceSchema.safeParse({ tiers: form.getAll("tiers"), unitIds: form.getAll("unitIds"), employeeNos: values.employeeNos ?? "" });
      if (!parsed.success) return reply(intent, { errors: issuesByField(parsed.error), values }, 400);
      const { found, missing } = await personsByEmployeeNo(db, parsed.data.employeeNos);
      if (missing.length > 0) return reply(intent, { errors: { employeeNos: `找不到以下工号：${missing.slice(0, 20).join("、")}${missing.length > 20 ? " 等" : ""}` }, values }, 400);
      await setAudience(db, exam.id, { tiers: parsed.data.tiers, unitIds: parsed.data.unitIds, personIds: found.map((p) => p.id) });
      return reply(intent, { message: "考生范围已保存" });
    }
    case "accommodation": {
      const values = formStrings(form);
      const parsed = accommodationSchema.safeParse(values);
      if (!parsed.success) return reply(intent, { errors: issuesByField(parsed.error), values }, 400);
      const { found } = await personsByEmployeeNo(db, [parsed.data.employeeNo]);
      const person = found[0];
      if (!person) return reply(intent, { errors: { employeeNo: "找不到该工号的人员" }, values }, 400);
      const { employeeNo: _no, ...input } = parsed.data;
      await setAccommodation(db, exam.id, person.id, input, user.id);
      return reply(intent, { message: `已为 ${person.name} 设置照顾安排` });
    }
    case "remove-accommodation": {
      const parsed = personRefSchema.safeParse(formStrings(form));
      if (!parsed.success) return reply(intent, { message: "提交的数据无效" }, 400);
      await setAccommodation(db, exam.id, parsed.data.personId, { extraMinutes: 0, extraAttempts: 0, opensAt: null, closesAt: null, note: "" }, user.id);
      return reply(intent, { message: "已取消照顾安排" });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ExamPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { exam } = loaded;
  const errorsFor = (intent: ExamIntent) => (result?.intent === intent ? result.errors : {});
  const failed = result !== undefined && !result.ok;
  const updateErrors = errorsFor("update");
  return (
    <>
      <p className="authoring-crumbs">
        <Link to="/exams">考试管理</Link> ›
      </p>
      <div className="page-header">
        <h1>{exam.title}</h1>
        <span className={exam.status === "published" ? "badge badge--ok" : exam.status === "archived" ? "badge badge--off" : "badge"} data-testid="exam-status">
          {exam.statusLabel}
        </span>
      </div>
      {searchParams.get("created") && !result ? <FormMessage tone="success">考试已创建（草稿）。请设置考生范围，检查无误后发布。</FormMessage> : null}
      {result?.message ? (
        <FormMessage tone={failed ? "error" : "success"}>
          {result.message}
          {result.problems.length > 0 ? <ProblemList problems={result.problems} /> : null}
        </FormMessage>
      ) : failed ? (
        <FormMessage tone="error">请按提示修改后再提交。</FormMessage>
      ) : null}

      <section className="card">
        <div className="authoring-section-header">
          <h2>发布</h2>
          <Link to={`/papers/${exam.paperId}`}>查看试卷</Link>
        </div>
        <p className="muted">已有 {loaded.attemptCount} 人次作答。</p>
        {exam.status === "draft" && loaded.problems.length > 0 ? <ProblemList problems={loaded.problems} /> : null}
        <Form method="post" className="authoring-actions">
          {exam.status !== "published" && exam.status !== "archived" ? (
            <button className="btn btn--primary" name="intent" value="publish" disabled={busy}>
              发布考试
            </button>
          ) : null}
          {exam.status !== "draft" ? (
            <button className="btn" name="intent" value="unpublish" disabled={busy}>
              退回草稿
            </button>
          ) : null}
          {exam.status !== "archived" ? (
            <button className="btn btn--danger" name="intent" value="archive" disabled={busy}>
              归档
            </button>
          ) : null}
        </Form>
      </section>

      <section className="card">
        <h2>考试设置</h2>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="update" />
          <ExamFields values={(result?.intent === "update" ? (result.values as ExamFormValues | null) : null) ?? loaded.values} errors={updateErrors} options={loaded.options} />
          {loaded.attemptCount > 0 ? (
            <div className={updateErrors.confirmChange ? "exa-warning field--error" : "exa-warning"}>
              {updateErrors.confirmChange ? <p className="field__error" role="alert">{updateErrors.confirmChange}</p> : <p className="muted">本考试已有作答；修改试卷或关键设置前请确认。</p>}
              <label className="authoring-check">
                <input type="checkbox" name="confirmChange" value="1" />
                我已了解，仍要修改
              </label>
            </div>
          ) : null}
          <div>
            <button className="btn btn--primary" type="submit" disabled={busy}>
              保存设置
            </button>
          </div>
        </Form>
      </section>

      <AudienceSection loaded={loaded} errors={errorsFor("audience")} values={result?.intent === "audience" ? result.values : null} />
      <AccommodationSection loaded={loaded} errors={errorsFor("accommodation")} values={result?.intent === "accommodation" ? result.values : null} />
    </>
  );
}

function AudienceSection({ loaded, errors, values }: { loaded: LoaderData; errors: Record<string, string>; values: Record<string, string> | null }) {
  const { audience, tiers, units } = loaded;
  const empty = audience.tiers.length === 0 && audience.unitIds.length === 0 && audience.persons.length === 0;
  return (
    <section className="card" aria-label="考生范围">
      <h2>考生范围</h2>
      <p className="muted">满足任一条件的人员可参加：所选层级、所选单位（含下级单位）或指定人员。都不选表示所有学员。</p>
      {empty ? <p>当前：所有学员</p> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="audience" />
        <fieldset className="authoring-fieldset">
          <legend>培训层级</legend>
          <div className="authoring-checks">
            {tiers.map((t) => (
              <label key={t.code} className="authoring-check">
                <input type="checkbox" name="tiers" value={t.code} defaultChecked={audience.tiers.includes(t.code)} />
                {t.name}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="单位（按住 Ctrl / ⌘ 多选；含下级单位）" name="unitIds" error={errors.unitIds}>
          <select id="unitIds" name="unitIds" multiple className="exa-units" defaultValue={audience.unitIds.map(String)}>
            <ChoiceOptions choices={units.map((u) => ({ value: u.id, label: u.label }))} />
          </select>
        </Field>
        <Field label="指定人员工号（每行一个，或用逗号分隔）" name="employeeNos" error={errors.employeeNos} hint={audience.persons.length > 0 ? `当前：${audience.persons.join("、")}` : undefined}>
          <textarea id="employeeNos" name="employeeNos" rows={3} defaultValue={values?.employeeNos ?? audience.employeeNos} />
        </Field>
        <div>
          <button className="btn btn--primary" type="submit">
            保存考生范围
          </button>
        </div>
      </Form>
    </section>
  );
}

function AccommodationSection({ loaded, errors, values }: { loaded: LoaderData; errors: Record<string, string>; values: Record<string, string> | null }) {
  const v = values ?? {};
  return (
    <section className="card" aria-label="照顾安排">
      <h2>照顾安排</h2>
      <p className="muted">为个别考生延长时间、增加次数或单独设置时间窗（如因值班、抢险错过考试）。</p>
      <div className="table-wrap">
        <table className="table authoring-table">
          <thead>
            <tr>
              <th>人员</th>
              <th className="authoring-num">延长（分钟）</th>
              <th className="authoring-num">增加次数</th>
              <th>个人时间窗</th>
              <th>备注</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {loaded.accommodations.length === 0 ? (
              <EmptyRow colSpan={6} className="authoring-empty muted">
                暂无照顾安排
              </EmptyRow>
            ) : (
              loaded.accommodations.map((a) => (
                <tr key={a.personId}>
                  <td>
                    {a.name}（{a.employeeNo}）
                  </td>
                  <td className="authoring-num">{a.extraMinutes}</td>
                  <td className="authoring-num">{a.extraAttempts}</td>
                  <td>{a.window}</td>
                  <td className="authoring-table__note">{a.note}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="personId" value={a.personId} />
                      <button className="btn btn--small btn--danger" name="intent" value="remove-accommodation" aria-label={`取消 ${a.name} 的照顾安排`}>
                        取消
                      </button>
                    </Form>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="accommodation" />
        <div className="exa-grid">
          <Field label="工号" name="acc-employeeNo" error={errors.employeeNo}>
            <input id="acc-employeeNo" name="employeeNo" defaultValue={v.employeeNo ?? ""} maxLength={32} />
          </Field>
          <Field label="延长时间（分钟）" name="acc-extraMinutes" error={errors.extraMinutes}>
            <input id="acc-extraMinutes" name="extraMinutes" inputMode="numeric" defaultValue={v.extraMinutes ?? "0"} />
          </Field>
          <Field label="增加次数" name="acc-extraAttempts" error={errors.extraAttempts}>
            <input id="acc-extraAttempts" name="extraAttempts" inputMode="numeric" defaultValue={v.extraAttempts ?? "0"} />
          </Field>
          <Field label="个人开始时间（可选）" name="acc-opensAt" error={errors.opensAt}>
            <input id="acc-opensAt" name="opensAt" type="datetime-local" defaultValue={v.opensAt ?? ""} />
          </Field>
          <Field label="个人结束时间（可选）" name="acc-closesAt" error={errors.closesAt}>
            <input id="acc-closesAt" name="closesAt" type="datetime-local" defaultValue={v.closesAt ?? ""} />
          </Field>
          <Field label="备注" name="acc-note" error={errors.note}>
            <input id="acc-note" name="note" defaultValue={v.note ?? ""} maxLength={200} />
          </Field>
        </div>
        <div>
          <button className="btn btn--primary" type="submit">
            保存照顾安排
          </button>
        </div>
      </Form>
    </section>
  );
}
