// The trainee's side of exams: which published exams are meant for me, whether I can start one
// now (and if not, why, in Chinese), and my attempts with the score only when the exam's policy
// shows it. Batched: one query per table, whatever the number of exams.
import type { Db } from "#db/client";
import type { Visibility } from "#db/schema";
import { formatInstant } from "~/utils/time";
import { visibleNow } from "./attempt-view.server";
import { ExamRefusal, saveAnswer } from "./attempts.server";
import type { Taker } from "./eligibility.server";
import { previewPaper } from "./papers.server";
import { startRefusal } from "./timing";

export type ExamPhase = "upcoming" | "open" | "closed";

export interface MyAttempt {
  id: number;
  attemptNo: number;
  status: "open" | "closed";
  startedAt: number;
  finishedAt: number | null;
  /** Null unless the score is visible now (and, while graders work, `pending` > 0). */
  scoreX100: number | null;
  maxX100: number;
  passed: boolean | null;
  pending: number;
}

export interface MyExam {
  id: number;
  title: string;
  description: string;
  kind: string;
  phase: ExamPhase;
  opensAt: number;
  closesAt: number;
  durationMinutes: number;
  passX100: number;
  paperId: number;
  attemptsAllowed: number;
  attemptsUsed: number;
  openAttemptId: number | null;
  /** Why a new attempt cannot start now, or null. Ignored while an attempt is open (continue it). */
  refusal: string | null;
  attempts: MyAttempt[];
}

interface Audience {
  kind: string;
  ref: string;
}

function matches(audience: Audience[], taker: Taker, unitPaths: Map<number, string>): boolean {
  if (audience.length === 0) return true;
  return audience.some(
    (a) =>
      (a.kind === "person" && a.ref === String(taker.id)) ||
      (a.kind === "tier" && a.ref === taker.tier) ||
      (a.kind === "unit" && taker.orgPath.startsWith(unitPaths.get(Number(a.ref)) ?? "\u0000")),
  );
}

/** Published exams whose audience includes the taker, open ones first, then upcoming, then closed. */
export async function myExams(db: Db, taker: Taker, now = Date.now(), onlyExamId?: number): Promise<MyExam[]> {
  let query = db.selectFrom("exams").selectAll().where("status", "=", "published");
  if (onlyExamId !== undefined) query = query.where("id", "=", onlyExamId);
  const exams = await query.orderBy("opens_at", "desc").orderBy("id", "desc").execute();
  if (exams.length === 0) return [];
  const ids = exams.map((e) => e.id);
  const audience = await db.selectFrom("exam_audience").select(["exam_id", "kind", "ref"]).where("exam_id", "in", ids).execute();
  const unitIds = [...new Set(audience.filter((a) => a.kind === "unit").map((a) => Number(a.ref)))];
  const units = unitIds.length ? await db.selectFrom("org_units").select(["id", "path"]).where("id", "in", unitIds).execute() : [];
  const unitPaths = new Map(units.map((u) => [u.id, u.path]));
  const mine = exams.filter((e) => matches(audience.filter((a) => a.exam_id === e.id), taker, unitPaths));
  if (mine.length === 0) return [];
  const mineIds = mine.map((e) => e.id);
  const [attempts, accommodations, completions] = await Promise.all([
    db.selectFrom("attempts").selectAll().where("person_id", "=", taker.id).where("exam_id", "in", mineIds).orderBy("attempt_no").execute(),
    db.selectFrom("exam_accommodations").selectAll().where("person_id", "=", taker.id).where("exam_id", "in", mineIds).execute(),
    requiredCoursesDone(db, taker.id, mine),
  ]);
  const courseTitles = await requiredCourseTitles(db, mine);
  const result = mine.map((exam): MyExam => {
    const own = attempts.filter((a) => a.exam_id === exam.id);
    const acc = accommodations.find((a) => a.exam_id === exam.id);
    const opensAt = acc?.opens_at ?? exam.opens_at;
    const closesAt = acc?.closes_at ?? exam.closes_at;
    const phase: ExamPhase = now < opensAt ? "upcoming" : now >= closesAt ? "closed" : "open";
    const open = own.find((a) => a.status === "open");
    const courseMissing = exam.required_course_id !== null && !completions.has(exam.required_course_id);
    const refusal =
      startRefusal({
        now,
        opensAt: exam.opens_at,
        closesAt: exam.closes_at,
        personalOpensAt: acc?.opens_at ?? null,
        personalClosesAt: acc?.closes_at ?? null,
        attemptsUsed: own.length,
        attemptsAllowed: exam.max_attempts,
        extraAttempts: acc?.extra_attempts ?? 0,
        hasOpenAttempt: false,
        formatInstant,
      }) ?? (courseMissing ? `须先学完课程《${courseTitles.get(exam.required_course_id!) ?? "指定课程"}》才能参加本考试` : null);
    return {
      id: exam.id,
      title: exam.title,
      description: exam.description,
      kind: exam.kind,
      phase,
      opensAt,
      closesAt,
      durationMinutes: exam.duration_minutes + (acc?.extra_minutes ?? 0),
      passX100: exam.pass_x100,
      paperId: exam.paper_id,
      attemptsAllowed: exam.max_attempts + Math.max(0, acc?.extra_attempts ?? 0),
      attemptsUsed: own.length,
      openAttemptId: open?.id ?? null,
      refusal,
      attempts: own.map((a) => toMyAttempt(a, exam.score_visibility, exam.closes_at, now)),
    };
  });
  const rank: Record<ExamPhase, number> = { open: 0, upcoming: 1, closed: 2 };
  return result.sort((a, b) => rank[a.phase] - rank[b.phase] || (a.phase === "upcoming" ? a.opensAt - b.opensAt : b.opensAt - a.opensAt));
}

function toMyAttempt(
  a: { id: number; attempt_no: number; status: "open" | "closed"; started_at: number; finished_at: number | null; score_x100: number | null; max_x100: number; passed: number | null; pending_count: number },
  scoreVisibility: Visibility,
  closesAt: number,
  now: number,
): MyAttempt {
  const visible = visibleNow(scoreVisibility, a, closesAt, now);
  return {
    id: a.id,
    attemptNo: a.attempt_no,
    status: a.status,
    startedAt: a.started_at,
    finishedAt: a.finished_at,
    scoreX100: visible ? a.score_x100 : null,
    maxX100: a.max_x100,
    passed: visible && a.passed !== null ? a.passed === 1 : null,
    pending: a.pending_count,
  };
}

async function requiredCoursesDone(db: Db, personId: number, exams: Array<{ required_course_id: number | null }>): Promise<Set<number>> {
  const courseIds = [...new Set(exams.flatMap((e) => (e.required_course_id === null ? [] : [e.required_course_id])))];
  if (courseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("learning_records")
    .select("source_id")
    .where("person_id", "=", personId)
    .where("kind", "=", "course_completed")
    .where("source_id", "in", courseIds.map(String))
    .execute();
  return new Set(rows.map((r) => Number(r.source_id)));
}

async function requiredCourseTitles(db: Db, exams: Array<{ required_course_id: number | null }>): Promise<Map<number, string>> {
  const courseIds = [...new Set(exams.flatMap((e) => (e.required_course_id === null ? [] : [e.required_course_id])))];
  if (courseIds.length === 0) return new Map();
  const rows = await db.selectFrom("courses").select(["id", "title"]).where("id", "in", courseIds).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** One exam of mine with its paper's size and total, for the intro page; null when not mine (→ 404). */
export async function myExam(db: Db, taker: Taker, examId: number, now = Date.now()) {
  const [exam] = await myExams(db, taker, now, examId);
  if (!exam) return null;
  const paper = await previewPaper(db, exam.paperId);
  return { ...exam, questionCount: paper.questionCount, totalX100: paper.totalX100 };
}


/**
 * Saves the answers of the no-JavaScript page (one form holding every question). Only changed
 * questions are written; the sequence number is the server clock, above what is stored, so a
 * form post orders like any autosave. Returns Chinese refusals by position.
 */
export async function saveFormAnswers(
  db: Db,
  input: {
    attemptId: number;
    personId: number;
    stored: Array<{ position: number; answer: unknown; flagged: boolean; seq: number }>;
    submitted: Map<number, { answer: unknown; flagged: boolean }>;
    now?: number;
  },
): Promise<Record<number, string>> {
  const now = input.now ?? Date.now();
  const errors: Record<number, string> = {};
  for (const item of input.stored) {
    const next = input.submitted.get(item.position);
    if (!next || (JSON.stringify(next.answer) === JSON.stringify(item.answer) && next.flagged === item.flagged)) continue;
    try {
      await saveAnswer(db, { attemptId: input.attemptId, personId: input.personId, position: item.position, answer: next.answer, flagged: next.flagged, seq: Math.max(now, item.seq + 1), now });
    } catch (error) {
      if (!(error instanceof ExamRefusal)) throw error;
      errors[item.position] = error.message;
    }
  }
  return errors;
}
