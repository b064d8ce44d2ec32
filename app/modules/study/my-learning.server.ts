// What a trainee studies: their tier's courses under the syllabus in force, plus courses a manager
// assigned to them or to a unit above them; with progress per course and lesson.
import type { Db } from "#db/client";
import { idsOfPath } from "~/modules/org/org-types";
import { tierPlan, versionInForce } from "~/modules/syllabus/syllabus.server";
import { creditedHoursX100, type HoursRule } from "./hours";
import { yearMonthOf, yearRange } from "./calendar";

export interface Learner {
  id: number;
  tier: string;
  orgPath: string;
}

export type CourseReason = "required" | "elective" | "assigned";

export interface MyCourse {
  courseId: number;
  title: string;
  category: string;
  reasons: CourseReason[];
  dueDate: string | null;
  lessonCount: number;
  completedLessons: number;
  minutes: number;
  hoursX100: number;
  completedAt: number | null;
  coverUploadId: string | null;
}

export async function assignedCourses(db: Db, learner: Learner) {
  const unitIds = idsOfPath(learner.orgPath);
  return db
    .selectFrom("course_assignments")
    .select(["course_id", "due_date"])
    .where((eb) =>
      eb.or([eb("person_id", "=", learner.id), ...(unitIds.length ? [eb("org_unit_id", "in", unitIds)] : [])]),
    )
    .execute();
}

export async function myCourses(db: Db, learner: Learner, year: number, rule: HoursRule): Promise<{ courses: MyCourse[]; requiredHoursX100: number; syllabusTitle: string | null }> {
  const version = await versionInForce(db, year);
  const plan = version ? await tierPlan(db, version.id, learner.tier) : { requiredHoursX100: 0, items: [] };
  const assignments = await assignedCourses(db, learner);
  const reasons = new Map<number, { reasons: CourseReason[]; due: string | null }>();
  for (const item of plan.items) reasons.set(item.course_id, { reasons: [item.kind], due: null });
  for (const a of assignments) {
    const entry = reasons.get(a.course_id) ?? { reasons: [], due: null };
    if (!entry.reasons.includes("assigned")) entry.reasons.push("assigned");
    // The earliest due date wins when several assignments name the course.
    if (a.due_date && (!entry.due || a.due_date < entry.due)) entry.due = a.due_date;
    reasons.set(a.course_id, entry);
  }
  const ids = [...reasons.keys()];
  if (ids.length === 0) return { courses: [], requiredHoursX100: plan.requiredHoursX100, syllabusTitle: version?.title ?? null };
  const [courses, lessonStats, progress, completions] = await Promise.all([
    db.selectFrom("courses").select(["id", "title", "category", "cover_upload_id"]).where("id", "in", ids).where("status", "=", "published").execute(),
    db
      .selectFrom("lessons")
      .select(["course_id", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.sum<number>("minutes").as("minutes")])
      .where("course_id", "in", ids)
      .where("archived", "=", 0)
      .groupBy("course_id")
      .execute(),
    db
      .selectFrom("lesson_progress as p")
      .innerJoin("lessons as l", "l.id", "p.lesson_id")
      .select(["l.course_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("p.person_id", "=", learner.id)
      .where("p.completed_at", "is not", null)
      .where("l.course_id", "in", ids)
      .where("l.archived", "=", 0)
      .groupBy("l.course_id")
      .execute(),
    db
      .selectFrom("learning_records")
      .select(["source_id", "occurred_at"])
      .where("person_id", "=", learner.id)
      .where("kind", "=", "course_completed")
      .where("source_id", "in", ids.map(String))
      .execute(),
  ]);
  const stats = new Map(lessonStats.map((s) => [s.course_id, s]));
  const done = new Map(progress.map((p) => [p.course_id, Number(p.n)]));
  const completed = new Map(completions.map((c) => [Number(c.source_id), c.occurred_at]));
  const order: Record<CourseReason, number> = { required: 0, assigned: 1, elective: 2 };
  const list = courses.map((c) => {
    const r = reasons.get(c.id)!;
    const minutes = Number(stats.get(c.id)?.minutes ?? 0);
    return {
      courseId: c.id,
      title: c.title,
      category: c.category,
      reasons: r.reasons,
      dueDate: r.due,
      lessonCount: Number(stats.get(c.id)?.n ?? 0),
      completedLessons: done.get(c.id) ?? 0,
      minutes,
      hoursX100: creditedHoursX100(minutes, rule),
      completedAt: completed.get(c.id) ?? null,
      coverUploadId: c.cover_upload_id,
    };
  });
  list.sort((a, b) => Math.min(...a.reasons.map((x) => order[x])) - Math.min(...b.reasons.map((x) => order[x])) || a.title.localeCompare(b.title, "zh-CN"));
  return { courses: list, requiredHoursX100: plan.requiredHoursX100, syllabusTitle: version?.title ?? null };
}

/** A course as a learner sees it: published only, with each lesson's progress. */
export async function courseForLearner(db: Db, personId: number, courseId: number) {
  const course = await db
    .selectFrom("courses")
    .select(["id", "title", "summary", "category", "cover_upload_id"])
    .where("id", "=", courseId)
    .where("status", "=", "published")
    .executeTakeFirst();
  if (!course) return null;
  const lessons = await db
    .selectFrom("lessons as l")
    .leftJoin("lesson_progress as p", (join) => join.onRef("p.lesson_id", "=", "l.id").on("p.person_id", "=", personId))
    .select(["l.id", "l.title", "l.minutes", "l.position", "p.seconds", "p.completed_at"])
    .where("l.course_id", "=", courseId)
    .where("l.archived", "=", 0)
    .orderBy("l.position")
    .orderBy("l.id")
    .execute();
  const record = await db
    .selectFrom("learning_records")
    .select(["occurred_at", "hours_x100"])
    .where("person_id", "=", personId)
    .where("kind", "=", "course_completed")
    .where("source_id", "=", String(courseId))
    .executeTakeFirst();
  return { course, lessons, completion: record ?? null };
}

/** This year's 学时 of a person: total, by course (record) and by month. */
export async function myHours(db: Db, personId: number, year: number) {
  const { from, to } = yearRange(year);
  const records = await db
    .selectFrom("learning_records")
    .select(["id", "kind", "title", "hours_x100", "occurred_at"])
    .where("person_id", "=", personId)
    .where("occurred_at", ">=", from)
    .where("occurred_at", "<", to)
    .where("hours_x100", ">", 0)
    .orderBy("occurred_at", "desc")
    .execute();
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, hoursX100: 0 }));
  for (const r of records) byMonth[yearMonthOf(r.occurred_at).month - 1].hoursX100 += r.hours_x100;
  return { totalX100: records.reduce((sum, r) => sum + r.hours_x100, 0), records, byMonth };
}
