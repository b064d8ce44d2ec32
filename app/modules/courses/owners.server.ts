// Course owners: the instructors responsible for a course. A course that has owners always keeps
// at least one; imported courses start with none.
import type { Db } from "#db/client";
import { isUniqueViolation } from "#db/sql-helpers";
import { CourseInputError, CourseRuleError } from "./errors";

export function ownersOf(db: Db, courseId: number) {
  return db
    .selectFrom("course_owners as o")
    .innerJoin("persons as p", "p.id", "o.person_id")
    .innerJoin("org_units as u", "u.id", "p.org_unit_id")
    .select(["p.id", "p.name", "p.employee_no", "u.name as unit_name"])
    .where("o.course_id", "=", courseId)
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
}

/**
 * Makes the person with `employeeNo` an owner. They must be in post and hold the instructor role.
 * Errors are keyed by the form field (`employeeNo`).
 */
export async function addOwnerByEmployeeNo(db: Db, courseId: number, employeeNo: string): Promise<{ id: number; name: string }> {
  const person = await db
    .selectFrom("persons")
    .select(["id", "name", "status"])
    .where("employee_no", "=", employeeNo.trim())
    .executeTakeFirst();
  if (!person) throw new CourseInputError({ employeeNo: `找不到工号为 ${employeeNo} 的人员` });
  if (person.status !== "active") throw new CourseInputError({ employeeNo: `${person.name} 已离岗，不能担任课程负责人` });
  const instructor = await db
    .selectFrom("role_assignments")
    .select("id")
    .where("person_id", "=", person.id)
    .where("role", "=", "instructor")
    .executeTakeFirst();
  if (!instructor) throw new CourseInputError({ employeeNo: `${person.name} 不具有教员角色，不能担任课程负责人` });
  try {
    await db.insertInto("course_owners").values({ course_id: courseId, person_id: person.id }).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new CourseInputError({ employeeNo: `${person.name} 已是本课程负责人` });
    throw error;
  }
  return { id: person.id, name: person.name };
}

/**
 * Removes an owner, never the last one. The course row is touched first inside the transaction,
 * so two people removing the last two owners at once are serialised and one of them is refused.
 */
export async function removeOwner(db: Db, courseId: number, personId: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("courses").set({ updated_at: now }).where("id", "=", courseId).execute();
    const owners = await trx.selectFrom("course_owners").select("person_id").where("course_id", "=", courseId).execute();
    if (!owners.some((o) => o.person_id === personId)) throw new CourseRuleError("该人员不是本课程负责人");
    if (owners.length <= 1) throw new CourseRuleError("课程至少要保留一名负责人，请先添加其他负责人");
    await trx.deleteFrom("course_owners").where("course_id", "=", courseId).where("person_id", "=", personId).execute();
  });
}
