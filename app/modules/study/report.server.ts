import { sql } from "kysely";
import type { Db } from "#db/client";
import { likePrefix } from "#db/sql-helpers";
import type { Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";
import { versionInForce } from "~/modules/syllabus/syllabus.server";
import { yearRange } from "./calendar";
import type { PersonStudyRow } from "./report";

export interface StudyReportFilters {
  year: number;
  unitPath?: string;
  tier?: string;
  courseId?: number;
}

/**
 * One row per active person in the principal's `report:study` scope (narrowed by the filters),
 * with the 学时 and completed courses of the year. People are counted under their current unit.
 */
export async function personStudyRows(db: Db, principal: Principal, filters: StudyReportFilters): Promise<PersonStudyRow[]> {
  const { from, to } = yearRange(filters.year);
  let query = db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("learning_records")
          .select([
            "person_id",
            (e) => e.fn.sum<number>("hours_x100").as("hours"),
            (e) => e.fn.sum<number>(sql`case when kind = 'course_completed' then 1 else 0 end`).as("courses"),
          ])
          .where("occurred_at", ">=", from)
          .where("occurred_at", "<", to)
          .groupBy("person_id")
          .as("h"),
      (join) => join.onRef("h.person_id", "=", "p.id"),
    )
    .select(["p.id", "p.name", "p.employee_no", "p.tier", "o.id as unit_id", "o.name as unit_name", "o.path as unit_path", "h.hours", "h.courses"])
    .where("p.status", "=", "active")
    .where((eb) => inScope(eb, principal, "report:study", "o.path"));
  if (filters.unitPath) query = query.where("o.path", "like", likePrefix(filters.unitPath));
  if (filters.tier) query = query.where("p.tier", "=", filters.tier);
  const rows = await query.orderBy("o.path").orderBy("p.id").execute();
  let completed: Set<number> | null = null;
  if (filters.courseId !== undefined) {
    const done = await db
      .selectFrom("learning_records")
      .select("person_id")
      .where("kind", "=", "course_completed")
      .where("source_id", "=", String(filters.courseId))
      .execute();
    completed = new Set(done.map((d) => d.person_id));
  }
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    employeeNo: r.employee_no,
    tier: r.tier,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    hoursX100: Number(r.hours ?? 0),
    coursesCompleted: Number(r.courses ?? 0),
    completedCourse: completed ? completed.has(r.id) : null,
  }));
}

/** Required 学时 per tier under the syllabus in force for the year (empty when none is published). */
export async function tierRequirements(db: Db, year: number): Promise<Map<string, number>> {
  const version = await versionInForce(db, year);
  if (!version) return new Map();
  const rows = await db.selectFrom("syllabus_tiers").select(["tier", "required_hours_x100"]).where("version_id", "=", version.id).execute();
  return new Map(rows.map((r) => [r.tier, r.required_hours_x100]));
}
