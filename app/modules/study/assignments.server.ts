// Courses a manager assigns to a unit (everyone in its subtree) or to named people, with a due date.
import type { Db } from "#db/client";
import { can, type Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";

export class AssignmentError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Assignments the principal may see and remove: their unit or their person lies in scope. */
function scopedAssignments(db: Db, principal: Principal) {
  return db
    .selectFrom("course_assignments as a")
    .innerJoin("courses as c", "c.id", "a.course_id")
    .leftJoin("org_units as u", "u.id", "a.org_unit_id")
    .leftJoin("persons as p", "p.id", "a.person_id")
    .leftJoin("org_units as pu", "pu.id", "p.org_unit_id")
    .select(["a.id", "a.due_date", "a.created_at", "c.title as course_title", "u.name as unit_name", "p.name as person_name", "p.employee_no", "pu.name as person_unit"])
    .where((eb) =>
      eb.or([
        eb.and([eb("a.org_unit_id", "is not", null), inScope(eb, principal, "course:assign", "u.path")]),
        eb.and([eb("a.person_id", "is not", null), inScope(eb, principal, "course:assign", "pu.path")]),
      ]),
    );
}

export function listAssignments(db: Db, principal: Principal) {
  return scopedAssignments(db, principal).orderBy("a.created_at", "desc").limit(500).execute();
}

async function requirePublishedCourse(db: Db, courseId: number) {
  const course = await db.selectFrom("courses").select(["id", "status"]).where("id", "=", courseId).executeTakeFirst();
  if (course?.status !== "published") throw new AssignmentError("courseId", "请选择已发布的课程");
}

export async function assignToUnit(db: Db, actor: Principal, input: { courseId: number; unitId: number; dueDate: string | null }, now = Date.now()) {
  await requirePublishedCourse(db, input.courseId);
  const unit = await db.selectFrom("org_units").select(["id", "path", "active"]).where("id", "=", input.unitId).executeTakeFirst();
  if (!unit || !unit.active || !can(actor, "course:assign", unit.path)) throw new AssignmentError("unitId", "请选择您管理范围内的单位");
  await db
    .insertInto("course_assignments")
    .values({ course_id: input.courseId, org_unit_id: unit.id, person_id: null, due_date: input.dueDate, assigned_by: actor.id, created_at: now })
    .execute();
}

/** Assigns to people named by 工号; refuses the whole list if any 工号 is unknown or out of scope. */
export async function assignToPeople(db: Db, actor: Principal, input: { courseId: number; employeeNos: string[]; dueDate: string | null }, now = Date.now()) {
  await requirePublishedCourse(db, input.courseId);
  const wanted = [...new Set(input.employeeNos)];
  const found = await db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .select(["p.id", "p.employee_no"])
    .where("p.employee_no", "in", wanted)
    .where("p.status", "=", "active")
    .where((eb) => inScope(eb, actor, "course:assign", "o.path"))
    .execute();
  const known = new Set(found.map((p) => p.employee_no));
  const missing = wanted.filter((no) => !known.has(no));
  if (missing.length > 0) throw new AssignmentError("employeeNos", `以下工号不存在或不在您的管理范围内：${missing.join("、")}`);
  await db
    .insertInto("course_assignments")
    .values(found.map((p) => ({ course_id: input.courseId, org_unit_id: null, person_id: p.id, due_date: input.dueDate, assigned_by: actor.id, created_at: now })))
    .execute();
  return found.length;
}

/** Removes an assignment the principal can see; false when there is none such. */
export async function removeAssignment(db: Db, actor: Principal, id: number): Promise<boolean> {
  const visible = await scopedAssignments(db, actor).where("a.id", "=", id).executeTakeFirst();
  if (!visible) return false;
  await db.deleteFrom("course_assignments").where("id", "=", id).execute();
  return true;
}
