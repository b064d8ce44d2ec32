// Study progress on the server: heartbeats and check answers update one row per (person, lesson);
// finishing the last lesson of a course writes the course_completed learning record.
import type { Db } from "#db/client";
import { parseCheckQuestion } from "~/modules/courses/check-question";
import { writeLearningRecord } from "~/modules/records/records.server";
import { applyCheckAnswer, applyHeartbeat, type LessonFacts, type ProgressState } from "./heartbeat";
import { creditedHoursX100, DEFAULT_HOURS_RULE, type HoursRule } from "./hours";
import { getHoursRule } from "./settings.server";

async function loadLessonFacts(db: Db, lessonId: number) {
  const lesson = await db
    .selectFrom("lessons")
    .select(["id", "course_id", "minutes", "check_question", "archived"])
    .where("id", "=", lessonId)
    .executeTakeFirst();
  if (!lesson) return null;
  const check = parseCheckQuestion(lesson.check_question);
  return { lesson, facts: { minutes: lesson.minutes, hasCheck: check !== null } satisfies LessonFacts, check };
}

async function loadState(db: Db, personId: number, lessonId: number): Promise<ProgressState & { exists: boolean }> {
  const row = await db
    .selectFrom("lesson_progress")
    .selectAll()
    .where("person_id", "=", personId)
    .where("lesson_id", "=", lessonId)
    .executeTakeFirst();
  return row
    ? { exists: true, seconds: row.seconds, lastBeatAt: row.last_beat_at, checkPassed: row.check_passed === 1, completedAt: row.completed_at }
    : { exists: false, seconds: 0, lastBeatAt: null, checkPassed: false, completedAt: null };
}

async function saveState(db: Db, personId: number, lessonId: number, before: ProgressState & { exists: boolean }, next: ProgressState, now: number) {
  const values = {
    seconds: next.seconds,
    last_beat_at: next.lastBeatAt,
    check_passed: next.checkPassed ? 1 : 0,
    completed_at: next.completedAt,
    updated_at: now,
  };
  if (before.exists) {
    // Conditional on the values read, so two beats racing each other cannot both credit time.
    const result = await db
      .updateTable("lesson_progress")
      .set(values)
      .where("person_id", "=", personId)
      .where("lesson_id", "=", lessonId)
      .where("seconds", "=", before.seconds)
      .where((eb) => (before.lastBeatAt === null ? eb("last_beat_at", "is", null) : eb("last_beat_at", "=", before.lastBeatAt)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  try {
    await db.insertInto("lesson_progress").values({ person_id: personId, lesson_id: lessonId, ...values }).execute();
    return true;
  } catch {
    return false; // a concurrent first beat created the row; this beat is dropped
  }
}

export interface LessonProgressView {
  seconds: number;
  checkPassed: boolean;
  completed: boolean;
  courseCompleted: boolean;
}

async function afterChange(db: Db, personId: number, courseId: number, now: number, justCompleted: boolean) {
  if (!justCompleted) return false;
  return completeCourseIfDone(db, personId, courseId, now);
}

export async function recordHeartbeat(db: Db, personId: number, lessonId: number, visible: boolean, now = Date.now()): Promise<LessonProgressView | null> {
  const loaded = await loadLessonFacts(db, lessonId);
  if (!loaded) return null;
  const before = await loadState(db, personId, lessonId);
  const next = applyHeartbeat(before, loaded.facts, now, visible);
  const saved = await saveState(db, personId, lessonId, before, next, now);
  const state = saved ? next : await loadState(db, personId, lessonId);
  const courseCompleted = await afterChange(db, personId, loaded.lesson.course_id, now, saved && before.completedAt === null && next.completedAt !== null);
  return { seconds: state.seconds, checkPassed: state.checkPassed, completed: state.completedAt !== null, courseCompleted };
}

export async function answerCheck(db: Db, personId: number, lessonId: number, optionIndex: number, now = Date.now()) {
  const loaded = await loadLessonFacts(db, lessonId);
  if (!loaded?.check) return null;
  const correct = optionIndex === loaded.check.answer;
  const before = await loadState(db, personId, lessonId);
  const next = applyCheckAnswer(before, loaded.facts, correct, now);
  const saved = await saveState(db, personId, lessonId, before, next, now);
  const courseCompleted = await afterChange(db, personId, loaded.lesson.course_id, now, saved && before.completedAt === null && next.completedAt !== null);
  // The key and explanation only reach the browser once the learner has got it right.
  return {
    correct,
    explanation: correct ? loaded.check.explanation : null,
    answer: correct ? loaded.check.answer : null,
    completed: next.completedAt !== null,
    courseCompleted,
  };
}

/** The 学时 a course credits: all its lessons' estimated minutes under the rule. */
export async function courseHoursX100(db: Db, courseId: number, rule: HoursRule = DEFAULT_HOURS_RULE): Promise<number> {
  const row = await db
    .selectFrom("lessons")
    .select((eb) => eb.fn.sum<number>("minutes").as("minutes"))
    .where("course_id", "=", courseId)
    .where("archived", "=", 0)
    .executeTakeFirst();
  return creditedHoursX100(Number(row?.minutes ?? 0), rule);
}

/**
 * Writes the course_completed record when every current lesson of the course is complete.
 * Idempotent: a second completion (or a re-study) finds the record and writes nothing.
 */
export async function completeCourseIfDone(db: Db, personId: number, courseId: number, now = Date.now()): Promise<boolean> {
  const [lessons, done, course] = await Promise.all([
    db.selectFrom("lessons").select((eb) => eb.fn.countAll<number>().as("n")).where("course_id", "=", courseId).where("archived", "=", 0).executeTakeFirstOrThrow(),
    db
      .selectFrom("lesson_progress as p")
      .innerJoin("lessons as l", "l.id", "p.lesson_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("p.person_id", "=", personId)
      .where("l.course_id", "=", courseId)
      .where("l.archived", "=", 0)
      .where("p.completed_at", "is not", null)
      .executeTakeFirstOrThrow(),
    db.selectFrom("courses").select(["title"]).where("id", "=", courseId).executeTakeFirstOrThrow(),
  ]);
  if (Number(lessons.n) === 0 || Number(done.n) < Number(lessons.n)) return false;
  const rule = await getHoursRule(db);
  const { created } = await writeLearningRecord(db, {
    personId,
    kind: "course_completed",
    sourceType: "course",
    sourceId: courseId,
    title: course.title,
    hoursX100: await courseHoursX100(db, courseId, rule),
    occurredAt: now,
  });
  return created;
}
