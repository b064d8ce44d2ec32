// Who may sit an exam: the audience (tiers, org subtrees, named people; none listed = everyone
// who studies) and eligibility rules (a required course completed), plus personal accommodations.
import type { Db } from "#db/client";

export interface Taker {
  id: number;
  tier: string;
  orgUnitId: number;
  orgPath: string;
}

/** Is the person in the exam's audience? */
export async function inAudience(db: Db, examId: number, taker: Taker): Promise<boolean> {
  const rows = await db.selectFrom("exam_audience").select(["kind", "ref"]).where("exam_id", "=", examId).execute();
  if (rows.length === 0) return true;
  if (rows.some((r) => (r.kind === "person" && r.ref === String(taker.id)) || (r.kind === "tier" && r.ref === taker.tier))) return true;
  const unitIds = rows.filter((r) => r.kind === "unit").map((r) => Number(r.ref));
  if (unitIds.length === 0) return false;
  const units = await db.selectFrom("org_units").select("path").where("id", "in", unitIds).execute();
  return units.some((u) => taker.orgPath.startsWith(u.path));
}

/** A Chinese reason the person may not start yet (a required course not completed), or null. */
export async function eligibilityRefusal(db: Db, exam: { required_course_id: number | null }, personId: number): Promise<string | null> {
  if (exam.required_course_id === null) return null;
  const done = await db
    .selectFrom("learning_records")
    .select("id")
    .where("person_id", "=", personId)
    .where("kind", "=", "course_completed")
    .where("source_id", "=", String(exam.required_course_id))
    .executeTakeFirst();
  if (done) return null;
  const course = await db.selectFrom("courses").select("title").where("id", "=", exam.required_course_id).executeTakeFirst();
  return `须先学完课程《${course?.title ?? "指定课程"}》才能参加本考试`;
}

export interface Accommodation {
  extraMinutes: number;
  extraAttempts: number;
  opensAt: number | null;
  closesAt: number | null;
}

/** A person's accommodation from their exam_accommodations row (none: no adjustments). */
export function accommodationFrom(row: { extra_minutes: number | null; extra_attempts: number | null; opens_at: number | null; closes_at: number | null } | undefined): Accommodation {
  return {
    extraMinutes: row?.extra_minutes ?? 0,
    extraAttempts: row?.extra_attempts ?? 0,
    opensAt: row?.opens_at ?? null,
    closesAt: row?.closes_at ?? null,
  };
}
