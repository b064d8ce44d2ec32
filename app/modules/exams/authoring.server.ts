// Paper and exam authoring for instructors: list and detail queries, edits of a paper's question
// list and rules (built on papers.server.ts), exam saves with the checks the form schema cannot
// make alone (paper exists, pass mark within the paper, changes under a running exam).
import { sql, type SqlBool } from "kysely";
import type { Db } from "#db/client";
import { containsPattern } from "#db/sql-helpers";
import { PAGE_SIZE, pageCount, pageWindow } from "~/utils/pagination";
import { createExam, updateExam, type ExamFields } from "./exams.server";
import { previewPaper, setPaperQuestions, setPaperRules, type RuleInput } from "./papers.server";
import type { ExamFormInput, ExamListFilters } from "./exam-schema";
import type { PaperListFilters, RuleFormInput } from "./paper-schema";

/** Input that fails a check needing the database, by form field, in Chinese. */
export class AuthoringInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors)[0] ?? "输入有误");
  }
}

const likeAny = (columns: string[], text: string) => {
  const pattern = containsPattern(text);
  return sql<SqlBool>`(${sql.join(
    columns.map((c) => sql`${sql.ref(c)} like ${pattern} escape '!'`),
    sql` or `,
  )})`;
};

// ---------------------------------------------------------------- papers

export async function listPapers(db: Db, filters: PaperListFilters, page: number) {
  let query = db.selectFrom("papers as p").where("p.archived", "=", 0);
  if (filters.mode) query = query.where("p.mode", "=", filters.mode);
  if (filters.q) query = query.where(likeAny(["p.title", "p.description"], filters.q));
  const { limit, offset } = pageWindow(page);
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    query
      .select(["p.id", "p.title", "p.mode", "p.updated_at"])
      .select((eb) => [
        eb.selectFrom("paper_questions as pq").select((s) => s.fn.countAll<number>().as("n")).whereRef("pq.paper_id", "=", "p.id").as("fixed_count"),
        eb.selectFrom("paper_questions as pq").select((s) => s.fn.sum<number>("pq.score_x100").as("n")).whereRef("pq.paper_id", "=", "p.id").as("fixed_total"),
        eb.selectFrom("paper_rules as r").select((s) => s.fn.sum<number>("r.question_count").as("n")).whereRef("r.paper_id", "=", "p.id").as("drawn_count"),
        eb
          .selectFrom("paper_rules as r")
          .select(sql<number>`sum(${sql.ref("r.question_count")} * ${sql.ref("r.score_x100")})`.as("n"))
          .whereRef("r.paper_id", "=", "p.id")
          .as("drawn_total"),
      ])
      .orderBy("p.updated_at", "desc")
      .orderBy("p.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const total = Number(count.n);
  return {
    total,
    page,
    pageCount: pageCount(total, PAGE_SIZE),
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      mode: r.mode,
      questionCount: Number((r.mode === "fixed" ? r.fixed_count : r.drawn_count) ?? 0),
      totalX100: Number((r.mode === "fixed" ? r.fixed_total : r.drawn_total) ?? 0),
      updatedAt: r.updated_at,
    })),
  };
}

export async function paperDetail(db: Db, paperId: number) {
  const paper = await db.selectFrom("papers").selectAll().where("id", "=", paperId).where("archived", "=", 0).executeTakeFirst();
  if (!paper) return null;
  const [items, rules, preview] = await Promise.all([
    db
      .selectFrom("paper_questions as pq")
      .innerJoin("questions as q", "q.id", "pq.question_id")
      .innerJoin("question_banks as b", "b.id", "q.bank_id")
      .select(["pq.position", "pq.question_id", "pq.score_x100", "q.type", "q.status", "q.difficulty", "b.title as bank_title"])
      .select(sql<string>`substr(${sql.ref("q.search_text")}, 1, 120)`.as("head"))
      .where("pq.paper_id", "=", paperId)
      .orderBy("pq.position")
      .execute(),
    db
      .selectFrom("paper_rules as r")
      .innerJoin("question_banks as b", "b.id", "r.bank_id")
      .leftJoin("knowledge_points as k", "k.id", "r.knowledge_point_id")
      .select(["r.position", "r.bank_id", "r.knowledge_point_id", "r.tag", "r.type", "r.difficulty", "r.question_count", "r.score_x100", "b.title as bank_title", "k.path as point_path"])
      .where("r.paper_id", "=", paperId)
      .orderBy("r.position")
      .execute(),
    previewPaper(db, paperId),
  ]);
  const usedBy = await db.selectFrom("exams").select(["id", "title", "status"]).where("paper_id", "=", paperId).orderBy("id").execute();
  return {
    paper,
    items: items.map((i) => ({ ...i, excerpt: i.head.split("\n")[0] ?? "" })),
    rules,
    preview,
    usedBy,
  };
}

/** Banks a paper may draw from, with their knowledge points (for the rule form's selects). */
export async function bankChoices(db: Db) {
  const [banks, points] = await Promise.all([
    db.selectFrom("question_banks").select(["id", "title"]).where("archived", "=", 0).orderBy("title").execute(),
    db
      .selectFrom("knowledge_points as k")
      .innerJoin("question_banks as b", "b.id", "k.bank_id")
      .select(["k.id", "k.bank_id", "k.path"])
      .where("b.archived", "=", 0)
      .orderBy("k.bank_id")
      .orderBy("k.path")
      .execute(),
  ]);
  return { banks, points: points.map((p) => ({ id: p.id, bankId: p.bank_id, path: p.path })) };
}

async function currentItems(db: Db, paperId: number) {
  const rows = await db.selectFrom("paper_questions").select(["question_id", "score_x100"]).where("paper_id", "=", paperId).orderBy("position").execute();
  return rows.map((r) => ({ questionId: r.question_id, scoreX100: r.score_x100 }));
}

/** Appends questions (skipping ones already on the paper or retired); returns how many were added. */
export async function addPaperQuestions(db: Db, paperId: number, questionIds: readonly number[], scoreX100: number) {
  const items = await currentItems(db, paperId);
  const present = new Set(items.map((i) => i.questionId));
  const wanted = [...new Set(questionIds)].filter((id) => !present.has(id));
  const usable =
    wanted.length === 0 ? [] : await db.selectFrom("questions").select("id").where("id", "in", wanted).where("status", "!=", "retired").execute();
  const ok = new Set(usable.map((r) => r.id));
  const added = wanted.filter((id) => ok.has(id));
  await setPaperQuestions(db, paperId, [...items, ...added.map((questionId) => ({ questionId, scoreX100 }))]);
  return { added: added.length, skipped: questionIds.length - added.length };
}

export async function movePaperQuestion(db: Db, paperId: number, position: number, delta: -1 | 1) {
  const items = await currentItems(db, paperId);
  const from = position - 1;
  const to = from + delta;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return;
  [items[from], items[to]] = [items[to]!, items[from]!];
  await setPaperQuestions(db, paperId, items);
}

export async function removePaperQuestion(db: Db, paperId: number, position: number) {
  const items = await currentItems(db, paperId);
  await setPaperQuestions(
    db,
    paperId,
    items.filter((_, i) => i !== position - 1),
  );
}

/** New scores for questions already on the paper; order and membership stay as stored. */
export async function savePaperScores(db: Db, paperId: number, scores: ReadonlyArray<{ questionId: number; scoreX100: number }>) {
  const next = new Map(scores.map((s) => [s.questionId, s.scoreX100]));
  const items = await currentItems(db, paperId);
  await setPaperQuestions(
    db,
    paperId,
    items.map((i) => ({ questionId: i.questionId, scoreX100: next.get(i.questionId) ?? i.scoreX100 })),
  );
}

async function currentRules(db: Db, paperId: number): Promise<RuleInput[]> {
  const rows = await db.selectFrom("paper_rules").selectAll().where("paper_id", "=", paperId).orderBy("position").execute();
  return rows.map((r) => ({
    bankId: r.bank_id,
    knowledgePointId: r.knowledge_point_id,
    tag: r.tag,
    type: r.type,
    difficulty: r.difficulty,
    count: r.question_count,
    scoreX100: r.score_x100,
  }));
}

export async function addPaperRule(db: Db, paperId: number, input: RuleFormInput) {
  const bank = await db.selectFrom("question_banks").select("id").where("id", "=", input.bankId).where("archived", "=", 0).executeTakeFirst();
  if (!bank) throw new AuthoringInputError({ bankId: "题库不存在或已归档" });
  if (input.knowledgePointId !== null) {
    const point = await db.selectFrom("knowledge_points").select("id").where("id", "=", input.knowledgePointId).where("bank_id", "=", input.bankId).executeTakeFirst();
    if (!point) throw new AuthoringInputError({ knowledgePointId: "该知识点不属于所选题库" });
  }
  const rules = await currentRules(db, paperId);
  if (rules.length >= 50) throw new AuthoringInputError({ _form: "一张试卷最多 50 条抽题规则" });
  const { score, ...rest } = input;
  await setPaperRules(db, paperId, [...rules, { ...rest, scoreX100: score }]);
}

export async function removePaperRule(db: Db, paperId: number, position: number) {
  const rules = await currentRules(db, paperId);
  await setPaperRules(
    db,
    paperId,
    rules.filter((_, i) => i !== position - 1),
  );
}

// ---------------------------------------------------------------- exams

/** Window state of a published exam at `now`, for the list's status column. */
export function examPhase(exam: { status: string; opens_at: number; closes_at: number }, now: number) {
  if (exam.status !== "published") return exam.status as "draft" | "archived";
  if (now < exam.opens_at) return "upcoming" as const;
  return now < exam.closes_at ? ("open" as const) : ("closed" as const);
}

export async function listExams(db: Db, filters: ExamListFilters, page: number) {
  let query = db.selectFrom("exams as e");
  if (filters.kind) query = query.where("e.kind", "=", filters.kind);
  if (filters.status) query = query.where("e.status", "=", filters.status);
  else query = query.where("e.status", "!=", "archived");
  if (filters.q) query = query.where(likeAny(["e.title", "e.description"], filters.q));
  const { limit, offset } = pageWindow(page);
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    query
      .select(["e.id", "e.title", "e.kind", "e.certificate_type", "e.status", "e.opens_at", "e.closes_at", "e.updated_at"])
      .select((eb) => [
        eb.selectFrom("attempts as a").select((s) => s.fn.countAll<number>().as("n")).whereRef("a.exam_id", "=", "e.id").as("attempts"),
        eb.selectFrom("attempts as a").select((s) => s.fn.count<number>("a.person_id").distinct().as("n")).whereRef("a.exam_id", "=", "e.id").as("takers"),
      ])
      .orderBy("e.opens_at", "desc")
      .orderBy("e.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const total = Number(count.n);
  return {
    total,
    page,
    pageCount: pageCount(total, PAGE_SIZE),
    rows: rows.map((r) => ({ ...r, attempts: Number(r.attempts ?? 0), takers: Number(r.takers ?? 0) })),
  };
}

export async function examDetail(db: Db, examId: number) {
  const exam = await db.selectFrom("exams").selectAll().where("id", "=", examId).executeTakeFirst();
  if (!exam) return null;
  const [audience, accommodations, attempts] = await Promise.all([
    db.selectFrom("exam_audience").select(["kind", "ref"]).where("exam_id", "=", examId).execute(),
    db
      .selectFrom("exam_accommodations as a")
      .innerJoin("persons as p", "p.id", "a.person_id")
      .select(["a.person_id", "a.extra_minutes", "a.extra_attempts", "a.opens_at", "a.closes_at", "a.note", "p.name", "p.employee_no"])
      .where("a.exam_id", "=", examId)
      .orderBy("p.employee_no")
      .execute(),
    db.selectFrom("attempts").select((eb) => eb.fn.countAll<number>().as("n")).where("exam_id", "=", examId).executeTakeFirstOrThrow(),
  ]);
  const refs = (kind: string) => audience.filter((a) => a.kind === kind).map((a) => a.ref);
  const unitIds = refs("unit").map(Number);
  const personIds = refs("person").map(Number);
  const [units, persons] = await Promise.all([
    unitIds.length > 0 ? db.selectFrom("org_units").select(["id", "name"]).where("id", "in", unitIds).orderBy("path").execute() : [],
    personIds.length > 0 ? db.selectFrom("persons").select(["id", "name", "employee_no"]).where("id", "in", personIds).orderBy("employee_no").execute() : [],
  ]);
  return { exam, audience: { tiers: refs("tier"), units, persons }, accommodations, attemptCount: Number(attempts.n) };
}

/** Papers and courses an exam can point at. */
export async function examChoices(db: Db) {
  const [papers, courses] = await Promise.all([
    db.selectFrom("papers").select(["id", "title", "mode"]).where("archived", "=", 0).orderBy("updated_at", "desc").limit(500).execute(),
    db.selectFrom("courses").select(["id", "title"]).where("status", "!=", "archived").orderBy("title").execute(),
  ]);
  return { papers, courses };
}

function examFields(input: ExamFormInput): ExamFields {
  return {
    title: input.title,
    description: input.description,
    kind: input.kind,
    certificateType: input.kind === "certificate" ? input.certificateType : null,
    certificateValidMonths: input.kind === "certificate" ? input.certificateValidMonths : null,
    courseId: input.courseId,
    requiredCourseId: input.requiredCourseId,
    paperId: input.paperId,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    durationMinutes: input.durationMinutes,
    maxAttempts: input.maxAttempts,
    counting: input.counting,
    passX100: input.pass,
    shuffleQuestions: input.shuffleQuestions,
    shuffleOptions: input.shuffleOptions,
    scoreVisibility: input.scoreVisibility,
    reviewVisibility: input.reviewVisibility,
  };
}

async function checkReferences(db: Db, input: ExamFormInput) {
  const errors: Record<string, string> = {};
  const paper = await db.selectFrom("papers").select("id").where("id", "=", input.paperId).where("archived", "=", 0).executeTakeFirst();
  if (!paper) errors.paperId = "试卷不存在";
  else {
    const { totalX100 } = await previewPaper(db, input.paperId);
    if (totalX100 > 0 && input.pass > totalX100) errors.pass = `及格分不能高于试卷总分 ${totalX100 / 100} 分`;
  }
  for (const key of ["courseId", "requiredCourseId"] as const) {
    const id = input[key];
    if (id !== null && !(await db.selectFrom("courses").select("id").where("id", "=", id).executeTakeFirst())) errors[key] = "课程不存在";
  }
  if (Object.keys(errors).length > 0) throw new AuthoringInputError(errors);
}

export async function createAuthoredExam(db: Db, actorId: number, input: ExamFormInput): Promise<number> {
  await checkReferences(db, input);
  return createExam(db, actorId, examFields(input));
}

/** Settings whose change alters what past attempts meant; changing them under attempts needs a confirmation. */
const KEY_SETTINGS = ["paper_id", "duration_minutes", "pass_x100", "counting", "max_attempts"] as const;

export async function updateAuthoredExam(db: Db, examId: number, input: ExamFormInput) {
  await checkReferences(db, input);
  const detail = await examDetail(db, examId);
  if (!detail) throw new AuthoringInputError({ _form: "考试不存在" });
  const { exam, attemptCount } = detail;
  const next = { paper_id: input.paperId, duration_minutes: input.durationMinutes, pass_x100: input.pass, counting: input.counting, max_attempts: input.maxAttempts };
  const changed = KEY_SETTINGS.filter((k) => exam[k] !== next[k]);
  if (attemptCount > 0 && changed.length > 0 && !input.confirmChange) {
    throw new AuthoringInputError({
      confirmChange: `本考试已有 ${attemptCount} 人次作答。修改试卷、时长、及格分、可考次数或计分方式会使已有成绩与新设置不一致；确需修改请勾选“我已了解，仍要修改”后再保存。`,
    });
  }
  await updateExam(db, examId, examFields(input));
}

/** Why the exam cannot be published now (Chinese), or an empty list. */
export async function publishProblems(db: Db, examId: number, now = Date.now()): Promise<string[]> {
  const exam = await db.selectFrom("exams").selectAll().where("id", "=", examId).executeTakeFirstOrThrow();
  const problems: string[] = [];
  if (exam.closes_at <= exam.opens_at) problems.push("考试时间窗无效：结束时间须晚于开始时间");
  else if (exam.closes_at <= now) problems.push("考试结束时间已过，请先修改时间窗");
  const preview = await previewPaper(db, exam.paper_id);
  problems.push(...preview.problems.map((p) => `试卷：${p}`));
  if (preview.questionCount === 0 && preview.problems.length === 0) problems.push("试卷没有试题");
  if (exam.pass_x100 > preview.totalX100) problems.push(`及格分 ${exam.pass_x100 / 100} 高于试卷总分 ${preview.totalX100 / 100}`);
  return problems;
}

/** People by 工号; the ones not found come back as `missing`. */
export async function personsByEmployeeNo(db: Db, employeeNos: readonly string[]) {
  const found: Array<{ id: number; name: string; employee_no: string }> = [];
  for (let i = 0; i < employeeNos.length; i += 500) {
    found.push(...(await db.selectFrom("persons").select(["id", "name", "employee_no"]).where("employee_no", "in", employeeNos.slice(i, i + 500)).execute()));
  }
  const known = new Set(found.map((p) => p.employee_no));
  return { found, missing: employeeNos.filter((n) => !known.has(n)) };
}
