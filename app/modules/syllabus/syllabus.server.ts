// The yearly training syllabus (培训大纲). A syllabus has numbered versions; a draft may change,
// a published version never does. Trainees are measured against the newest published version.
import type { Db } from "#db/client";
import type { SyllabusItemKind } from "#db/schema";
import { insertedId } from "#db/sql-helpers";

export class SyllabusLockedError extends Error {
  constructor() {
    super("已发布的大纲版本不能修改，请创建新版本");
  }
}

export async function createSyllabus(db: Db, input: { year: number; title: string; contentKey?: string | null }, now = Date.now()): Promise<number> {
  const result = await db
    .insertInto("syllabi")
    .values({ year: input.year, title: input.title, content_key: input.contentKey ?? null, created_at: now })
    .executeTakeFirst();
  return insertedId(result);
}

export function versionsOf(db: Db, syllabusId: number) {
  return db.selectFrom("syllabus_versions").selectAll().where("syllabus_id", "=", syllabusId).orderBy("version", "desc").execute();
}

/**
 * The open draft of a syllabus, creating one when there is none: a copy of the newest version's
 * tiers and courses, so an edit starts from what is in force.
 */
export async function openDraft(db: Db, syllabusId: number, authorId: number | null, now = Date.now()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const versions = await versionsOf(trx, syllabusId);
    const draft = versions.find((v) => v.status === "draft");
    if (draft) return draft.id;
    const latest = versions[0];
    const result = await trx
      .insertInto("syllabus_versions")
      .values({
        syllabus_id: syllabusId,
        version: (latest?.version ?? 0) + 1,
        status: "draft",
        description: latest?.description ?? "",
        content_hash: null,
        created_by: authorId,
        created_at: now,
        published_by: null,
        published_at: null,
      })
      .executeTakeFirst();
    const id = insertedId(result);
    if (latest) {
      const tiers = await trx.selectFrom("syllabus_tiers").selectAll().where("version_id", "=", latest.id).execute();
      if (tiers.length) await trx.insertInto("syllabus_tiers").values(tiers.map((t) => ({ ...t, version_id: id }))).execute();
      const items = await trx.selectFrom("syllabus_items").selectAll().where("version_id", "=", latest.id).execute();
      if (items.length) await trx.insertInto("syllabus_items").values(items.map((i) => ({ ...i, version_id: id }))).execute();
    }
    return id;
  });
}

async function requireDraft(db: Db, versionId: number): Promise<void> {
  const version = await db.selectFrom("syllabus_versions").select("status").where("id", "=", versionId).executeTakeFirst();
  if (!version || version.status !== "draft") throw new SyllabusLockedError();
}

export async function setTierRequirement(db: Db, versionId: number, tier: string, hoursX100: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireDraft(trx, versionId);
    await trx.deleteFrom("syllabus_tiers").where("version_id", "=", versionId).where("tier", "=", tier).execute();
    await trx.insertInto("syllabus_tiers").values({ version_id: versionId, tier, required_hours_x100: hoursX100 }).execute();
  });
}

/** Puts a course in a tier's list as required or elective, or takes it out (kind null). */
export async function setTierCourse(db: Db, versionId: number, tier: string, courseId: number, kind: SyllabusItemKind | null, position = 0): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireDraft(trx, versionId);
    await trx
      .deleteFrom("syllabus_items")
      .where("version_id", "=", versionId)
      .where("tier", "=", tier)
      .where("course_id", "=", courseId)
      .execute();
    if (kind) await trx.insertInto("syllabus_items").values({ version_id: versionId, tier, course_id: courseId, kind, position }).execute();
  });
}

export async function setVersionDescription(db: Db, versionId: number, description: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireDraft(trx, versionId);
    await trx.updateTable("syllabus_versions").set({ description }).where("id", "=", versionId).execute();
  });
}

/** Publishes a draft. Exactly once: a second call (or a concurrent one) finds no draft to flip. */
export async function publishVersion(db: Db, versionId: number, publisherId: number | null, now = Date.now(), contentHash?: string): Promise<void> {
  const result = await db
    .updateTable("syllabus_versions")
    .set({ status: "published", published_by: publisherId, published_at: now, ...(contentHash ? { content_hash: contentHash } : {}) })
    .where("id", "=", versionId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new SyllabusLockedError();
}

/** The newest published version of the year's syllabus, if any. */
export function versionInForce(db: Db, year: number) {
  return db
    .selectFrom("syllabus_versions as v")
    .innerJoin("syllabi as s", "s.id", "v.syllabus_id")
    .select(["v.id", "v.version", "v.syllabus_id", "v.published_at", "v.description", "v.content_hash", "s.title", "s.year"])
    .where("s.year", "=", year)
    .where("v.status", "=", "published")
    .orderBy("v.published_at", "desc")
    .orderBy("v.version", "desc")
    .executeTakeFirst();
}

/** What a tier must do under a version: required 学时 and its required and elective courses. */
export async function tierPlan(db: Db, versionId: number, tier: string) {
  const [requirement, items] = await Promise.all([
    db.selectFrom("syllabus_tiers").select("required_hours_x100").where("version_id", "=", versionId).where("tier", "=", tier).executeTakeFirst(),
    db
      .selectFrom("syllabus_items as i")
      .innerJoin("courses as c", "c.id", "i.course_id")
      .select(["i.course_id", "i.kind", "i.position", "c.title", "c.status"])
      .where("i.version_id", "=", versionId)
      .where("i.tier", "=", tier)
      .orderBy("i.kind", "desc")
      .orderBy("i.position")
      .orderBy("c.title")
      .execute(),
  ]);
  return { requiredHoursX100: requirement?.required_hours_x100 ?? 0, items };
}
