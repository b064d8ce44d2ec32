import type { Db } from "#db/client";
import type { CourseStatus } from "#db/schema";
import { insertedId } from "#db/sql-helpers";
import { BUILTIN_CATEGORIES } from "./categories";

export interface CourseFields {
  title: string;
  summary: string;
  category: string;
  audienceTiers: string[];
}

/** Makes sure the built-in categories exist (idempotent). */
export async function ensureBuiltinCategories(db: Db): Promise<void> {
  const existing = new Set((await db.selectFrom("course_categories").select("code").execute()).map((r) => r.code));
  const missing = BUILTIN_CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, sort_order: i + 1, builtin: 1 })).filter(
    (c) => !existing.has(c.code),
  );
  if (missing.length > 0) await db.insertInto("course_categories").values(missing).execute();
}

export function listCategories(db: Db) {
  return db.selectFrom("course_categories").selectAll().orderBy("sort_order").orderBy("code").execute();
}

export function getCourse(db: Db, id: number) {
  return db.selectFrom("courses").selectAll().where("id", "=", id).executeTakeFirst();
}

export function getCourseByKey(db: Db, key: string) {
  return db.selectFrom("courses").selectAll().where("content_key", "=", key).executeTakeFirst();
}

export async function createCourse(
  db: Db,
  input: CourseFields & { contentKey?: string | null; contentHash?: string | null; status?: CourseStatus; createdBy: number | null; ownerIds?: number[] },
  now = Date.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const status = input.status ?? "draft";
    const result = await trx
      .insertInto("courses")
      .values({
        content_key: input.contentKey ?? null,
        title: input.title,
        summary: input.summary,
        category: input.category,
        cover_upload_id: null,
        status,
        audience_tiers: input.audienceTiers.join(","),
        content_hash: input.contentHash ?? null,
        created_by: input.createdBy,
        created_at: now,
        updated_at: now,
        published_at: status === "published" ? now : null,
      })
      .executeTakeFirst();
    const id = insertedId(result);
    const owners = [...new Set(input.ownerIds ?? (input.createdBy ? [input.createdBy] : []))];
    if (owners.length > 0) await trx.insertInto("course_owners").values(owners.map((person_id) => ({ course_id: id, person_id }))).execute();
    return id;
  });
}

export async function updateCourse(db: Db, id: number, fields: CourseFields & { contentHash?: string | null }, now = Date.now()): Promise<void> {
  await db
    .updateTable("courses")
    .set({
      title: fields.title,
      summary: fields.summary,
      category: fields.category,
      audience_tiers: fields.audienceTiers.join(","),
      updated_at: now,
      ...(fields.contentHash !== undefined ? { content_hash: fields.contentHash } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export async function setCourseStatus(db: Db, id: number, status: CourseStatus, now = Date.now()): Promise<void> {
  await db
    .updateTable("courses")
    .set((eb) => ({
      status,
      updated_at: now,
      published_at: status === "published" ? eb.fn.coalesce("published_at", eb.val(now)) : eb.ref("published_at"),
    }))
    .where("id", "=", id)
    .execute();
}

/** The hashable import-relevant fields of a course row, as the importer compares them. */
export function courseFieldsOf(row: { title: string; summary: string; category: string; audience_tiers: string }): CourseFields {
  return { title: row.title, summary: row.summary, category: row.category, audienceTiers: row.audience_tiers ? row.audience_tiers.split(",") : [] };
}

/** Sets (or with null, removes) the course's cover image, an uploaded image's id. */
export async function setCourseCover(db: Db, id: number, uploadId: string | null, now = Date.now()): Promise<void> {
  await db.updateTable("courses").set({ cover_upload_id: uploadId, updated_at: now }).where("id", "=", id).execute();
}
