// The instructor pool (师资库): internal instructors are linked to a person (name and unit come
// from the person), external experts carry their own name and organization. Specialties are
// course categories; the courses an instructor teaches are published courses.
import { sql, type SqlBool } from "kysely";
import type { Db } from "#db/client";
import { containsPattern, insertedId, isUniqueViolation } from "#db/sql-helpers";
import { hasRole } from "~/modules/auth/permissions";
import { loadGrants } from "~/modules/auth/session.server";
import { employeeNoVariants } from "~/modules/people/fields";
import { notFound } from "~/utils/http.server";
import { pageCount, pageWindow, PAGE_SIZE } from "~/utils/pagination";
import type { InstructorKind } from "./constants";
import { InstructorInputError, InstructorRuleError } from "./errors";
import { ratingAfter } from "./rating";
import type { InstructorFilters, InstructorInput } from "./schemas";

export interface LinkedPerson {
  id: number;
  employeeNo: string;
  status: "active" | "left";
  /** Whether the person holds the `instructor` role (needed to author courses and papers). */
  hasInstructorRole: boolean;
}

export interface InstructorDetail {
  id: number;
  kind: InstructorKind;
  name: string;
  level: string;
  /** Internal: the person's current unit. */
  unitId: number | null;
  unitName: string | null;
  organization: string | null;
  title: string | null;
  mobile: string | null;
  email: string | null;
  bio: string;
  ratingX100: number | null;
  ratingCount: number;
  active: boolean;
  createdAt: number;
  updatedAt: number;
  person: LinkedPerson | null;
  specialties: Array<{ code: string; name: string }>;
  courses: Array<{ id: number; title: string; category: string; status: string }>;
}

export interface InstructorListRow {
  id: number;
  kind: InstructorKind;
  name: string;
  level: string;
  /** Unit (internal) or organization (external). */
  affiliation: string;
  title: string | null;
  ratingX100: number | null;
  ratingCount: number;
  active: boolean;
  specialties: string[];
}

export interface InstructorPage {
  rows: InstructorListRow[];
  total: number;
  page: number;
  pageCount: number;
}

function personByEmployeeNo(db: Db, employeeNo: string) {
  return db
    .selectFrom("persons")
    .select(["id", "name", "employee_no", "org_unit_id", "status"])
    .where("employee_no", "in", employeeNoVariants(employeeNo))
    .executeTakeFirst();
}

type Identity = Pick<InstructorDetail, "kind" | "name" | "organization"> & { personId: number | null; orgUnitId: number | null };

/**
 * Who the instructor is: for an internal one, the person with the 工号 (who must exist, be in
 * post unless already linked, and not be in the pool twice).
 */
async function identityOf(db: Db, input: InstructorInput, current: { id: number; personId: number | null } | null): Promise<Identity | { error: string }> {
  if (input.kind === "external") {
    return { kind: "external", name: input.name, organization: input.organization, personId: null, orgUnitId: null };
  }
  const person = await personByEmployeeNo(db, input.employeeNo);
  if (!person) return { error: `未找到工号为「${input.employeeNo}」的人员，请先在人员管理中建档` };
  const relinking = current?.personId !== person.id;
  if (relinking && person.status !== "active") return { error: `${person.name}（${person.employee_no}）已离岗，不能加入师资库` };
  if (relinking) {
    let taken = db.selectFrom("instructors").select("id").where("person_id", "=", person.id);
    if (current) taken = taken.where("id", "<>", current.id);
    if (await taken.executeTakeFirst()) return { error: `${person.name}（${person.employee_no}）已在师资库中` };
  }
  return { kind: "internal", name: person.name, organization: null, personId: person.id, orgUnitId: person.org_unit_id };
}

/** Specialties must be existing categories; courses published (or already linked: kept as they are). */
async function choiceErrors(db: Db, input: InstructorInput, keepCourseIds: readonly number[]): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (input.specialties.length > 0) {
    const known = new Set(
      (await db.selectFrom("course_categories").select("code").where("code", "in", input.specialties).execute()).map((c) => c.code),
    );
    const unknown = input.specialties.filter((c) => !known.has(c));
    if (unknown.length > 0) errors.specialties = `专长类别「${unknown.join("、")}」不存在`;
  }
  const fresh = input.courseIds.filter((id) => !keepCourseIds.includes(id));
  if (fresh.length > 0) {
    const published = new Set(
      (await db.selectFrom("courses").select("id").where("id", "in", fresh).where("status", "=", "published").execute()).map((c) => c.id),
    );
    if (fresh.some((id) => !published.has(id))) errors.courseIds = "只能选择已发布的课程";
  }
  return errors;
}

async function resolveInput(db: Db, input: InstructorInput, current: { id: number; personId: number | null; courseIds: number[] } | null) {
  const [identity, errors] = await Promise.all([identityOf(db, input, current), choiceErrors(db, input, current?.courseIds ?? [])]);
  if ("error" in identity) throw new InstructorInputError({ ...errors, employeeNo: identity.error });
  if (Object.keys(errors).length > 0) throw new InstructorInputError(errors);
  return identity;
}

async function writeLinks(db: Db, instructorId: number, input: InstructorInput): Promise<void> {
  await db.deleteFrom("instructor_specialties").where("instructor_id", "=", instructorId).execute();
  await db.deleteFrom("instructor_courses").where("instructor_id", "=", instructorId).execute();
  if (input.specialties.length > 0) {
    await db
      .insertInto("instructor_specialties")
      .values(input.specialties.map((category) => ({ instructor_id: instructorId, category })))
      .execute();
  }
  if (input.courseIds.length > 0) {
    await db
      .insertInto("instructor_courses")
      .values(input.courseIds.map((course_id) => ({ instructor_id: instructorId, course_id })))
      .execute();
  }
}

/** A concurrent link of the same person loses on the unique person_id: same message as the check. */
function asInputError(error: unknown): never {
  if (isUniqueViolation(error)) throw new InstructorInputError({ employeeNo: "该人员已在师资库中" });
  throw error;
}

export async function createInstructor(db: Db, input: InstructorInput, now = Date.now()): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      const identity = await resolveInput(trx, input, null);
      const result = await trx
        .insertInto("instructors")
        .values({
          person_id: identity.personId,
          name: identity.name,
          kind: identity.kind,
          level: input.level,
          org_unit_id: identity.orgUnitId,
          organization: identity.organization,
          title: input.title,
          mobile: input.mobile,
          email: input.email,
          bio: input.bio,
          rating_x100: null,
          rating_count: 0,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .executeTakeFirst();
      const id = insertedId(result);
      await writeLinks(trx, id, input);
      return id;
    });
  } catch (error) {
    return asInputError(error);
  }
}

/** Saves the form; an internal instructor's name and unit are refreshed from the person. */
export async function updateInstructor(db: Db, id: number, input: InstructorInput, now = Date.now()): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("instructors").select(["id", "person_id"]).where("id", "=", id).executeTakeFirst();
      if (!row) notFound();
      const courseIds = (await trx.selectFrom("instructor_courses").select("course_id").where("instructor_id", "=", id).execute()).map((c) => c.course_id);
      const identity = await resolveInput(trx, input, { id, personId: row.person_id, courseIds });
      await trx
        .updateTable("instructors")
        .set({
          person_id: identity.personId,
          name: identity.name,
          kind: identity.kind,
          level: input.level,
          org_unit_id: identity.orgUnitId,
          organization: identity.organization,
          title: input.title,
          mobile: input.mobile,
          email: input.email,
          bio: input.bio,
          updated_at: now,
        })
        .where("id", "=", id)
        .execute();
      await writeLinks(trx, id, input);
    });
  } catch (error) {
    asInputError(error);
  }
}

/** Deactivated instructors stay in the pool (past rotations and panels refer to them). */
export async function setInstructorActive(db: Db, id: number, active: boolean, now = Date.now()): Promise<void> {
  await db
    .updateTable("instructors")
    .set({ active: active ? 1 : 0, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/**
 * Adds one 1–5 score to the instructor's average. The new average and count are written by one
 * statement that only applies while the count is still the one it was computed from, so two
 * concurrent ratings never lose one: the loser recomputes from the fresh row and tries again.
 */
export async function recordRating(db: Db, id: number, score: number, now = Date.now()): Promise<{ ratingX100: number; count: number }> {
  // Each round one contender wins, so a burst of N concurrent ratings needs at most N rounds.
  for (let attempt = 0; attempt < 50; attempt++) {
    const row = await db.selectFrom("instructors").select(["rating_x100", "rating_count", "active"]).where("id", "=", id).executeTakeFirst();
    if (!row) notFound();
    if (!row.active) throw new InstructorRuleError("该教员已停用，不能评分");
    const next = ratingAfter({ ratingX100: row.rating_x100, count: row.rating_count }, score);
    const result = await db
      .updateTable("instructors")
      .set({ rating_x100: next.ratingX100, rating_count: next.count, updated_at: now })
      .where("id", "=", id)
      .where("active", "=", 1)
      .where("rating_count", "=", row.rating_count)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return next;
  }
  throw new InstructorRuleError("同时评分的人较多，请稍后再试");
}

export async function getInstructor(db: Db, id: number): Promise<InstructorDetail | undefined> {
  const row = await db
    .selectFrom("instructors as i")
    .leftJoin("persons as p", "p.id", "i.person_id")
    .leftJoin("org_units as o", "o.id", "p.org_unit_id")
    .select([
      "i.id",
      "i.kind",
      "i.name",
      "i.level",
      "i.organization",
      "i.title",
      "i.mobile",
      "i.email",
      "i.bio",
      "i.rating_x100",
      "i.rating_count",
      "i.active",
      "i.created_at",
      "i.updated_at",
      "i.person_id",
      "p.name as person_name",
      "p.employee_no",
      "p.status as person_status",
      "o.id as unit_id",
      "o.name as unit_name",
    ])
    .where("i.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [specialties, courses, grants] = await Promise.all([
    db
      .selectFrom("instructor_specialties as s")
      .innerJoin("course_categories as c", "c.code", "s.category")
      .select(["c.code", "c.name"])
      .where("s.instructor_id", "=", id)
      .orderBy("c.sort_order")
      .orderBy("c.code")
      .execute(),
    db
      .selectFrom("instructor_courses as ic")
      .innerJoin("courses as c", "c.id", "ic.course_id")
      .select(["c.id", "c.title", "c.category", "c.status"])
      .where("ic.instructor_id", "=", id)
      .orderBy("c.category")
      .orderBy("c.id")
      .execute(),
    row.person_id === null ? Promise.resolve([]) : loadGrants(db, row.person_id),
  ]);
  return {
    id: row.id,
    kind: row.kind,
    name: row.person_name ?? row.name,
    level: row.level,
    unitId: row.unit_id,
    unitName: row.unit_name,
    organization: row.organization,
    title: row.title,
    mobile: row.mobile,
    email: row.email,
    bio: row.bio,
    ratingX100: row.rating_x100,
    ratingCount: row.rating_count,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    person:
      row.person_id === null
        ? null
        : {
            id: row.person_id,
            employeeNo: row.employee_no ?? "",
            status: row.person_status ?? "active",
            hasInstructorRole: hasRole({ id: row.person_id, grants }, "instructor"),
          },
    specialties,
    courses,
  };
}

function filteredInstructors(db: Db, f: InstructorFilters) {
  let query = db
    .selectFrom("instructors as i")
    .leftJoin("persons as p", "p.id", "i.person_id")
    .leftJoin("org_units as o", "o.id", "p.org_unit_id");
  if (f.status !== "all") query = query.where("i.active", "=", f.status === "active" ? 1 : 0);
  if (f.kind) query = query.where("i.kind", "=", f.kind);
  if (f.level) query = query.where("i.level", "=", f.level);
  const specialty = f.specialty;
  if (specialty) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("instructor_specialties as s")
          .select("s.instructor_id")
          .whereRef("s.instructor_id", "=", "i.id")
          .where("s.category", "=", specialty),
      ),
    );
  }
  if (f.q) {
    const pattern = containsPattern(f.q);
    // The person's current name for internal instructors; the unit name counts as their organization.
    query = query.where(
      sql<SqlBool>`(coalesce(${sql.ref("p.name")}, ${sql.ref("i.name")}) like ${pattern} escape '!' or ${sql.ref("i.organization")} like ${pattern} escape '!' or ${sql.ref("o.name")} like ${pattern} escape '!')`,
    );
  }
  return query;
}

/** One page of the pool matching `filters`, active first, in the order they joined. */
export async function listInstructors(db: Db, filters: InstructorFilters, page = 1, pageSize = PAGE_SIZE): Promise<InstructorPage> {
  const { limit, offset } = pageWindow(page, pageSize);
  const [count, rows] = await Promise.all([
    filteredInstructors(db, filters)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    filteredInstructors(db, filters)
      .select([
        "i.id",
        "i.kind",
        "i.name",
        "i.level",
        "i.organization",
        "i.title",
        "i.rating_x100",
        "i.rating_count",
        "i.active",
        "p.name as person_name",
        "o.name as unit_name",
      ])
      .orderBy("i.active", "desc")
      .orderBy("i.id")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const specialties = await specialtyNamesOf(
    db,
    rows.map((r) => r.id),
  );
  const total = Number(count.n);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.person_name ?? r.name,
      level: r.level,
      affiliation: (r.kind === "internal" ? r.unit_name : r.organization) ?? "",
      title: r.title,
      ratingX100: r.rating_x100,
      ratingCount: r.rating_count,
      active: r.active === 1,
      specialties: specialties.get(r.id) ?? [],
    })),
    total,
    page,
    pageCount: pageCount(total, pageSize),
  };
}

async function specialtyNamesOf(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("instructor_specialties as s")
    .innerJoin("course_categories as c", "c.code", "s.category")
    .select(["s.instructor_id", "c.name"])
    .where("s.instructor_id", "in", ids)
    .orderBy("c.sort_order")
    .orderBy("c.code")
    .execute();
  for (const row of rows) out.set(row.instructor_id, [...(out.get(row.instructor_id) ?? []), row.name]);
  return out;
}

/**
 * Active instructors for pickers of other modules (rotation teaching plans, contest panels),
 * optionally only those with a specialty or teaching a course.
 */
export async function instructorChoices(db: Db, options: { specialty?: string; courseId?: number } = {}) {
  let query = db
    .selectFrom("instructors as i")
    .leftJoin("persons as p", "p.id", "i.person_id")
    .select(["i.id", "i.kind", "i.level", "i.person_id", "i.organization", (eb) => eb.fn.coalesce("p.name", "i.name").as("name")])
    .where("i.active", "=", 1);
  const { specialty, courseId } = options;
  if (specialty) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("instructor_specialties as s").select("s.instructor_id").whereRef("s.instructor_id", "=", "i.id").where("s.category", "=", specialty)),
    );
  }
  if (courseId !== undefined) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("instructor_courses as ic").select("ic.instructor_id").whereRef("ic.instructor_id", "=", "i.id").where("ic.course_id", "=", courseId)),
    );
  }
  return query.orderBy("i.id").execute();
}

/** The pool entry of a person (an internal instructor), if they are in the pool. */
export function instructorOfPerson(db: Db, personId: number) {
  return db.selectFrom("instructors").select(["id", "level", "active"]).where("person_id", "=", personId).executeTakeFirst();
}
