// Course authoring for instructors: the course list, categories, course form checks and status
// changes. Lessons and owners have their own files (lesson-authoring.server.ts, owners.server.ts).
import { sql, type SqlBool } from "kysely";
import type { Db } from "#db/client";
import type { CourseStatus } from "#db/schema";
import { containsPattern, isUniqueViolation } from "#db/sql-helpers";
import type { Principal } from "~/modules/auth/permissions";
import { PAGE_SIZE, pageCount, pageWindow } from "~/utils/pagination";
import { courseAccess, type CourseAccess } from "./access";
import type { CategoryInput, CourseFormInput, CourseListFilters } from "./course-schema";
import { NEW_CATEGORY } from "./course-schema";
import { createCourse, getCourse, setCourseStatus, updateCourse, type CourseFields } from "./courses.server";
import { CourseInputError, CourseRuleError } from "./errors";
import { ownersOf } from "./owners.server";

export interface AuthoringCourseRow {
  id: number;
  title: string;
  status: CourseStatus;
  category: string;
  categoryName: string;
  imported: boolean;
  lessonCount: number;
  minutes: number;
  updatedAt: number;
  owners: Array<{ id: number; name: string }>;
}

/** One page of courses for the authoring list, newest change first, with lesson totals and owners. */
export async function listAuthoringCourses(db: Db, viewerId: number, filters: CourseListFilters, page: number) {
  let query = db.selectFrom("courses as c").leftJoin("course_categories as cat", "cat.code", "c.category");
  if (filters.status) query = query.where("c.status", "=", filters.status);
  if (filters.category) query = query.where("c.category", "=", filters.category);
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    query = query.where(sql<SqlBool>`(${sql.ref("c.title")} like ${pattern} escape '!' or ${sql.ref("c.summary")} like ${pattern} escape '!')`);
  }
  if (filters.mine) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("course_owners as o").select("o.course_id").whereRef("o.course_id", "=", "c.id").where("o.person_id", "=", viewerId)),
    );
  }
  const { limit, offset } = pageWindow(page);
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    query
      .select(["c.id", "c.title", "c.status", "c.category", "c.content_key", "c.updated_at", "cat.name as category_name"])
      .select((eb) => [
        eb
          .selectFrom("lessons as l")
          .select((sub) => sub.fn.countAll<number>().as("n"))
          .whereRef("l.course_id", "=", "c.id")
          .where("l.archived", "=", 0)
          .as("lesson_count"),
        eb
          .selectFrom("lessons as l")
          .select((sub) => sub.fn.sum<number>("l.minutes").as("m"))
          .whereRef("l.course_id", "=", "c.id")
          .where("l.archived", "=", 0)
          .as("minutes"),
      ])
      .orderBy("c.updated_at", "desc")
      .orderBy("c.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const ids = rows.map((r) => r.id);
  const owners =
    ids.length === 0
      ? []
      : await db
          .selectFrom("course_owners as o")
          .innerJoin("persons as p", "p.id", "o.person_id")
          .select(["o.course_id", "p.id", "p.name"])
          .where("o.course_id", "in", ids)
          .orderBy("p.name")
          .execute();
  const total = Number(count.n);
  const list: AuthoringCourseRow[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    category: r.category,
    categoryName: r.category_name ?? r.category,
    imported: r.content_key !== null,
    lessonCount: Number(r.lesson_count ?? 0),
    // SUM is DECIMAL on MySQL (a string through mysql2) and null over no rows.
    minutes: Number(r.minutes ?? 0),
    updatedAt: Number(r.updated_at),
    owners: owners.filter((o) => o.course_id === r.id).map((o) => ({ id: o.id, name: o.name })),
  }));
  return { rows: list, total, page, pageCount: pageCount(total, PAGE_SIZE) };
}

/** A course as its author sees it, with owners and what `principal` may do; undefined if none. */
export async function courseForAuthor(db: Db, principal: Principal, courseId: number) {
  const course = await getCourse(db, courseId);
  if (!course) return undefined;
  const owners = await ownersOf(db, courseId);
  const access: CourseAccess = courseAccess(principal, { ownerIds: owners.map((o) => o.id) });
  return { course, owners, access };
}

/** Adds a course category; the code is its stable key, the name what people see. */
export async function createCategory(db: Db, input: CategoryInput, fields = { code: "code", name: "name" }): Promise<string> {
  const clash = await db
    .selectFrom("course_categories")
    .select(["code", "name"])
    .where((eb) => eb.or([eb("code", "=", input.code), eb("name", "=", input.name)]))
    .executeTakeFirst();
  if (clash?.code === input.code) throw new CourseInputError({ [fields.code]: `分类编码 ${input.code} 已被「${clash.name}」使用` });
  if (clash) throw new CourseInputError({ [fields.name]: `分类「${input.name}」已存在，请直接选择` });
  const last = await db.selectFrom("course_categories").select((eb) => eb.fn.max("sort_order").as("max")).executeTakeFirst();
  try {
    await db
      .insertInto("course_categories")
      .values({ code: input.code, name: input.name, sort_order: Number(last?.max ?? 0) + 1, builtin: 0 })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new CourseInputError({ [fields.code]: `分类编码 ${input.code} 已被使用` });
    throw error;
  }
  return input.code;
}

/**
 * Turns the validated course form into course fields: checks the category and tiers exist, and
 * creates the new category when the form asked for one. Everything is checked before anything is
 * written, so a refused form writes nothing.
 */
async function resolveCourseFields(db: Db, input: CourseFormInput): Promise<{ fields: CourseFields; newCategory: CategoryInput | null }> {
  const errors: Record<string, string> = {};
  let newCategory: CategoryInput | null = null;
  if (input.category === NEW_CATEGORY) {
    newCategory = { code: input.newCategoryCode.toLowerCase(), name: input.newCategoryName };
    const clash = await db
      .selectFrom("course_categories")
      .select(["code", "name"])
      .where((eb) => eb.or([eb("code", "=", newCategory!.code), eb("name", "=", newCategory!.name)]))
      .executeTakeFirst();
    if (clash?.code === newCategory.code) errors.newCategoryCode = `分类编码 ${newCategory.code} 已被「${clash.name}」使用`;
    else if (clash) errors.newCategoryName = `分类「${newCategory.name}」已存在，请直接选择`;
  } else {
    const found = await db.selectFrom("course_categories").select("code").where("code", "=", input.category).executeTakeFirst();
    if (!found) errors.category = "请选择课程分类";
  }
  const tiers = [...new Set(input.audienceTiers)];
  if (tiers.length > 0) {
    const known = await db.selectFrom("training_tiers").select("code").where("code", "in", tiers).execute();
    if (known.length !== tiers.length) errors.audienceTiers = "所选培训层级不存在，请刷新页面后重试";
  }
  if (Object.keys(errors).length > 0) throw new CourseInputError(errors);
  return {
    fields: { title: input.title, summary: input.summary, category: newCategory?.code ?? input.category, audienceTiers: tiers },
    newCategory,
  };
}

/** Creates a draft course owned by its creator (and the new category, if the form named one). */
export async function createAuthoredCourse(db: Db, creatorId: number, input: CourseFormInput, now = Date.now()): Promise<number> {
  const { fields, newCategory } = await resolveCourseFields(db, input);
  if (newCategory) await createCategory(db, newCategory, { code: "newCategoryCode", name: "newCategoryName" });
  return createCourse(db, { ...fields, createdBy: creatorId, ownerIds: [creatorId] }, now);
}

export async function updateAuthoredCourse(db: Db, courseId: number, input: CourseFormInput, now = Date.now()): Promise<void> {
  const { fields, newCategory } = await resolveCourseFields(db, input);
  if (newCategory) await createCategory(db, newCategory, { code: "newCategoryCode", name: "newCategoryName" });
  await updateCourse(db, courseId, fields, now);
}

/** Which status changes the course page offers, from each status. */
export const STATUS_MOVES: Record<CourseStatus, readonly CourseStatus[]> = {
  draft: ["published", "archived"],
  published: ["draft", "archived"],
  archived: ["draft"],
};

/**
 * Moves a course to `target`. Publishing needs at least one current (not archived) lesson; the
 * check and the change run in one transaction that first touches the course row, so a lesson
 * archived at the same moment cannot slip between them.
 */
export async function changeCourseStatus(db: Db, courseId: number, target: CourseStatus, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const course = await trx.selectFrom("courses").select(["status"]).where("id", "=", courseId).executeTakeFirst();
    if (!course) throw new CourseRuleError("课程不存在");
    if (course.status === target) return;
    if (!STATUS_MOVES[course.status].includes(target)) throw new CourseRuleError("当前状态下不能进行该操作，请刷新页面");
    await trx.updateTable("courses").set({ updated_at: now }).where("id", "=", courseId).execute();
    if (target === "published") {
      const lessons = await trx
        .selectFrom("lessons")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("course_id", "=", courseId)
        .where("archived", "=", 0)
        .executeTakeFirstOrThrow();
      if (Number(lessons.n) === 0) throw new CourseRuleError("课程至少要有一个课时才能发布，请先新增课时");
    }
    await setCourseStatus(trx, courseId, target, now);
  });
}

/** Category choices with their names, for selects and labels. */
export async function categoryOptions(db: Db) {
  const rows = await db.selectFrom("course_categories").select(["code", "name"]).orderBy("sort_order").orderBy("code").execute();
  return rows;
}
