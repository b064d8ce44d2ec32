// Exam results for reports: one counting result per person, each kept under the org unit the
// person belonged to when they sat the exam (attempts.org_unit_id), limited to the viewer's
// `report:exam` scope on that stored unit; audience sizes use people's current units.
import { z } from "zod";
import type { Db } from "#db/client";
import type { OrgUnitType } from "#db/schema";
import { likePrefix } from "#db/sql-helpers";
import type { Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";
import { idsOfPath } from "~/modules/org/org-types";
import { pathLabelsOf } from "~/modules/org/units.server";
import { countingAttempt, passed, scoreHistogram, summarize, type CountingRule, type GroupSummary, type HistogramBucket } from "./results";

export interface ReportExam {
  id: number;
  title: string;
  kind: string;
  status: string;
  opensAt: number;
  closesAt: number;
  counting: CountingRule;
  passX100: number;
  maxAttempts: number;
}

export async function examForReport(db: Db, examId: number): Promise<ReportExam | undefined> {
  const row = await db
    .selectFrom("exams")
    .select(["id", "title", "kind", "status", "opens_at", "closes_at", "counting", "pass_x100", "max_attempts"])
    .where("id", "=", examId)
    .where("status", "!=", "draft")
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    opensAt: Number(row.opens_at),
    closesAt: Number(row.closes_at),
    counting: row.counting,
    passX100: row.pass_x100,
    maxAttempts: row.max_attempts,
  };
}

export interface ExamListRow extends ReportExam {
  participants: number;
  attempts: number;
}

/** Published and archived exams, newest first, with how many people in scope have sat them. */
export async function examsWithParticipation(db: Db, principal: Principal): Promise<ExamListRow[]> {
  const exams = await db
    .selectFrom("exams")
    .select(["id", "title", "kind", "status", "opens_at", "closes_at", "counting", "pass_x100", "max_attempts"])
    .where("status", "!=", "draft")
    .orderBy("opens_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const counts = await db
    .selectFrom("attempts as a")
    .innerJoin("org_units as o", "o.id", "a.org_unit_id")
    .select(["a.exam_id", (eb) => eb.fn.count<number>("a.id").as("attempts"), (eb) => eb.fn.count<number>("a.person_id").distinct().as("people")])
    .where((eb) => inScope(eb, principal, "report:exam", "o.path"))
    .groupBy("a.exam_id")
    .execute();
  const byExam = new Map(counts.map((c) => [c.exam_id, c]));
  return exams.map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    status: e.status,
    opensAt: Number(e.opens_at),
    closesAt: Number(e.closes_at),
    counting: e.counting,
    passX100: e.pass_x100,
    maxAttempts: e.max_attempts,
    participants: Number(byExam.get(e.id)?.people ?? 0),
    attempts: Number(byExam.get(e.id)?.attempts ?? 0),
  }));
}

export interface PersonResult {
  personId: number;
  name: string;
  employeeNo: string;
  /** The unit at the time of the counting attempt (or of the latest attempt while none counts). */
  unitId: number;
  unitName: string;
  unitPath: string;
  attempts: number;
  /** Counting score, null while nothing is finalised (open or waiting for a grader). */
  scoreX100: number | null;
  passed: boolean | null;
  finishedAt: number | null;
}

/** One row per person in scope who started the exam, by the exam's counting rule. */
export async function personResults(db: Db, principal: Principal, exam: Pick<ReportExam, "id" | "counting" | "passX100">): Promise<PersonResult[]> {
  const rows = await db
    .selectFrom("attempts as a")
    .innerJoin("org_units as o", "o.id", "a.org_unit_id")
    .innerJoin("persons as p", "p.id", "a.person_id")
    .select(["a.id", "a.person_id", "a.attempt_no", "a.status", "a.score_x100", "a.pending_count", "a.finished_at", "o.id as unit_id", "o.name as unit_name", "o.path as unit_path", "p.name", "p.employee_no"])
    .where("a.exam_id", "=", exam.id)
    .where((eb) => inScope(eb, principal, "report:exam", "o.path"))
    .orderBy("a.person_id")
    .orderBy("a.attempt_no")
    .execute();
  const byPerson = new Map<number, typeof rows>();
  for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
  const results: PersonResult[] = [];
  for (const attempts of byPerson.values()) {
    const scored = attempts.map((a) => ({ ...a, id: a.id, attemptNo: a.attempt_no, scoreX100: a.score_x100, finalised: a.status === "closed" && Number(a.pending_count) === 0 }));
    const counting = countingAttempt(scored, exam.counting);
    const shown = counting ?? scored[scored.length - 1]!;
    results.push({
      personId: shown.person_id,
      name: shown.name,
      employeeNo: shown.employee_no,
      unitId: shown.unit_id,
      unitName: shown.unit_name,
      unitPath: shown.unit_path,
      attempts: attempts.length,
      scoreX100: counting?.scoreX100 ?? null,
      passed: counting ? passed(counting.scoreX100, exam.passX100) : null,
      finishedAt: counting?.finished_at == null ? null : Number(counting.finished_at),
    });
  }
  return results.sort((a, b) => a.unitPath.localeCompare(b.unitPath) || a.employeeNo.localeCompare(b.employeeNo));
}

interface AudiencePerson {
  id: number;
  unitPath: string;
}

/** Active people in the exam's audience whose current unit is in scope (no audience rows = everyone). */
export async function audienceInScope(db: Db, principal: Principal, examId: number): Promise<AudiencePerson[]> {
  const audience = await db.selectFrom("exam_audience").select(["kind", "ref"]).where("exam_id", "=", examId).execute();
  const tiers = audience.filter((a) => a.kind === "tier").map((a) => a.ref);
  const personIds = audience.filter((a) => a.kind === "person").map((a) => Number(a.ref));
  const unitIds = audience.filter((a) => a.kind === "unit").map((a) => Number(a.ref));
  const unitPaths = unitIds.length === 0 ? [] : (await db.selectFrom("org_units").select("path").where("id", "in", unitIds).execute()).map((u) => u.path);
  let query = db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .select(["p.id", "o.path"])
    .where("p.status", "=", "active")
    .where((eb) => inScope(eb, principal, "report:exam", "o.path"));
  if (audience.length > 0) {
    query = query.where((eb) =>
      eb.or([
        ...(tiers.length > 0 ? [eb("p.tier", "in", tiers)] : []),
        ...(personIds.length > 0 ? [eb("p.id", "in", personIds)] : []),
        ...unitPaths.map((path) => eb("o.path", "like", likePrefix(path))),
        eb.lit(false),
      ]),
    );
  }
  return (await query.execute()).map((r) => ({ id: r.id, unitPath: r.path }));
}

export type GroupLevel = "station" | "town" | "district";

export const GROUP_LEVEL_LABELS: Record<GroupLevel, string> = { station: "应消站(专职队)", town: "乡镇(街道)", district: "区县" };

/**
 * Unit types tried in order for each level. Village grid workers sit under the town beside its
 * station, so at station level they count under their town rather than nowhere.
 */
const LEVEL_TYPES: Record<GroupLevel, ReadonlyArray<readonly OrgUnitType[]>> = {
  station: [["station", "fire_team"], ["town"], ["district"]],
  town: [["town"], ["district"]],
  district: [["district"]],
};

export interface GroupRow extends GroupSummary {
  /** null: people whose unit has no ancestor at or above the level (bureau cadres). */
  unitId: number | null;
  audience: number;
  /** participants / audience, 0…1; null with an empty audience. */
  participation: number | null;
}

/** The unit (or its nearest ancestor) of the level's types, falling back to coarser levels; null above all. */
export function ancestorAt(unitPath: string, level: GroupLevel, types: ReadonlyMap<number, OrgUnitType>): number | null {
  const ids = idsOfPath(unitPath);
  for (const wanted of LEVEL_TYPES[level]) {
    for (let i = ids.length - 1; i >= 0; i--) {
      const type = types.get(ids[i]!);
      if (type && wanted.includes(type)) return ids[i]!;
    }
  }
  return null;
}

/** Results and audience grouped by the ancestor at `level` of each person's unit (stored unit for results). */
export async function groupResults(db: Db, results: readonly PersonResult[], audience: readonly AudiencePerson[], level: GroupLevel, passX100: number): Promise<GroupRow[]> {
  const units = await db.selectFrom("org_units").select(["id", "type"]).where("type", "in", LEVEL_TYPES[level].flat()).execute();
  const types = new Map(units.map((u) => [u.id, u.type]));
  const groups = new Map<number | null, { results: PersonResult[]; audience: number }>();
  const slot = (key: number | null) => groups.get(key) ?? groups.set(key, { results: [], audience: 0 }).get(key)!;
  for (const r of results) slot(ancestorAt(r.unitPath, level, types)).results.push(r);
  for (const a of audience) slot(ancestorAt(a.unitPath, level, types)).audience++;
  return [...groups].map(([unitId, g]) => ({
    unitId,
    ...summarize(g.results, passX100),
    audience: g.audience,
    participation: g.audience === 0 ? null : g.results.length / g.audience,
  }));
}

export interface ExamSummary extends GroupSummary {
  audience: number;
  participation: number | null;
  histogram: HistogramBucket[];
  maxX100: number;
}

export async function examSummary(db: Db, exam: Pick<ReportExam, "id" | "passX100">, results: readonly PersonResult[], audience: readonly AudiencePerson[]): Promise<ExamSummary> {
  const max = await db.selectFrom("attempts").select((eb) => eb.fn.max<number>("max_x100").as("max")).where("exam_id", "=", exam.id).executeTakeFirst();
  const maxX100 = Number(max?.max ?? 10000);
  const scores = results.flatMap((r) => (r.scoreX100 === null ? [] : [r.scoreX100]));
  return {
    ...summarize(results, exam.passX100),
    audience: audience.length,
    participation: audience.length === 0 ? null : results.length / audience.length,
    histogram: scoreHistogram(scores, maxX100, 10),
    maxX100,
  };
}

export interface ScoreEventRow {
  id: number;
  attemptId: number;
  personName: string;
  employeeNo: string;
  action: "graded" | "manual" | "regrade";
  oldScoreX100: number | null;
  newScoreX100: number | null;
  oldPassed: boolean | null;
  newPassed: boolean | null;
  actorName: string | null;
  reason: string | null;
  at: number;
}

/** The audit trail of score changes by hand or by regrade in this exam (in scope), newest first. */
export async function scoreEvents(db: Db, principal: Principal, examId: number, limit = 100): Promise<ScoreEventRow[]> {
  const rows = await db
    .selectFrom("attempt_score_events as ev")
    .innerJoin("attempts as a", "a.id", "ev.attempt_id")
    .innerJoin("org_units as o", "o.id", "a.org_unit_id")
    .innerJoin("persons as p", "p.id", "a.person_id")
    .leftJoin("persons as actor", "actor.id", "ev.actor_id")
    .select(["ev.id", "ev.attempt_id", "ev.action", "ev.old_score_x100", "ev.new_score_x100", "ev.old_passed", "ev.new_passed", "ev.reason", "ev.at", "p.name", "p.employee_no", "actor.name as actor_name"])
    .where("a.exam_id", "=", examId)
    .where("ev.action", "!=", "graded")
    .where((eb) => inScope(eb, principal, "report:exam", "o.path"))
    .orderBy("ev.id", "desc")
    .limit(limit)
    .execute();
  const flag = (v: number | null) => (v === null ? null : v === 1);
  return rows.map((r) => ({
    id: r.id,
    attemptId: r.attempt_id,
    personName: r.name,
    employeeNo: r.employee_no,
    action: r.action,
    oldScoreX100: r.old_score_x100,
    newScoreX100: r.new_score_x100,
    oldPassed: flag(r.old_passed),
    newPassed: flag(r.new_passed),
    actorName: r.actor_name,
    reason: r.reason,
    at: Number(r.at),
  }));
}

// ---- The report as the page and the Excel export both show it ----

export const reportParamsSchema = z.object({
  view: z.enum(["person", "group", "items"]).catch("person"),
  level: z.enum(["station", "town", "district"]).catch("station"),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(["passed", "failed", "pending"]).optional().catch(undefined),
  q: z.string().trim().max(50).optional().catch(undefined).transform((v) => v || undefined),
});
export type ExamReportParams = z.infer<typeof reportParamsSchema>;

export function parseExamReportParams(search: URLSearchParams): ExamReportParams {
  return reportParamsSchema.parse(Object.fromEntries([...search].filter(([, v]) => v !== "")));
}

/** "85.5" from 8550; "—" for no score. */
export function scoreText(x100: number | null): string {
  return x100 === null ? "—" : String(x100 / 100);
}

export function percentText(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 1000) / 10}%`;
}

function matches(r: PersonResult, params: ExamReportParams, unitPath: string | null): boolean {
  if (unitPath !== null && !r.unitPath.startsWith(unitPath)) return false;
  if (params.status === "passed" && r.passed !== true) return false;
  if (params.status === "failed" && r.passed !== false) return false;
  if (params.status === "pending" && r.passed !== null) return false;
  if (params.q && !r.name.includes(params.q) && !r.employeeNo.includes(params.q)) return false;
  return true;
}

/** Summary, filtered person rows and named group rows, all within the principal's scope. */
export async function buildExamReport(db: Db, principal: Principal, exam: ReportExam, params: ExamReportParams) {
  const [results, audience] = await Promise.all([personResults(db, principal, exam), audienceInScope(db, principal, exam.id)]);
  const summary = await examSummary(db, exam, results, audience);
  const unit = params.unit ? await db.selectFrom("org_units").select("path").where("id", "=", params.unit).executeTakeFirst() : undefined;
  // An unknown unit filter matches nothing rather than everything.
  const unitPath = params.unit ? (unit?.path ?? "/0/") : null;
  const people = results.filter((r) => matches(r, params, unitPath));
  const groups = await groupResults(db, results, audience, params.level, exam.passX100);
  const names = await pathLabelsOf(db, groups.flatMap((g) => (g.unitId === null ? [] : [g.unitId])));
  return {
    summary,
    people,
    groups: groups
      .map((g) => ({ ...g, unitName: g.unitId === null ? "（市局机关）" : (names.get(g.unitId) ?? "") }))
      .sort((a, b) => (a.unitId === null ? 1 : b.unitId === null ? -1 : a.unitName.localeCompare(b.unitName, "zh-CN"))),
  };
}
