// Lesson authoring beyond content saves (lessons.server.ts): order within the course, archiving,
// reading one old revision, and PDF attachments.
import type { Db } from "#db/client";
import { storeUpload, type StoredUpload } from "~/modules/uploads/uploads.server";
import { CourseRuleError } from "./errors";

/**
 * Swaps a lesson with its current neighbour above or below (archived lessons are skipped), then
 * numbers the course's lessons 1…n in that order, in one transaction. Touching the course row
 * first serialises two reorders of the same course on both engines.
 */
export async function moveLesson(db: Db, courseId: number, lessonId: number, direction: "up" | "down", now = Date.now()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("courses").set({ updated_at: now }).where("id", "=", courseId).execute();
    const all = await trx
      .selectFrom("lessons")
      .select(["id", "position", "archived"])
      .where("course_id", "=", courseId)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const current = all.filter((l) => l.archived === 0);
    const index = current.findIndex((l) => l.id === lessonId);
    if (index < 0) throw new CourseRuleError("课时不存在或已归档");
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= current.length) return false;
    const a = all.indexOf(current[index]);
    const b = all.indexOf(current[other]);
    [all[a], all[b]] = [all[b], all[a]];
    for (const [i, lesson] of all.entries()) {
      if (lesson.position !== i + 1) await trx.updateTable("lessons").set({ position: i + 1 }).where("id", "=", lesson.id).execute();
    }
    return true;
  });
}

/**
 * Archives a lesson (learners no longer see it; its progress and revisions stay) or brings it back
 * at the end of the course. A published course keeps at least one current lesson.
 */
export async function setLessonArchived(db: Db, courseId: number, lessonId: number, archived: boolean, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const course = await trx.selectFrom("courses").select("status").where("id", "=", courseId).executeTakeFirst();
    if (!course) throw new CourseRuleError("课程不存在");
    await trx.updateTable("courses").set({ updated_at: now }).where("id", "=", courseId).execute();
    const lesson = await trx
      .selectFrom("lessons")
      .select(["id", "archived"])
      .where("id", "=", lessonId)
      .where("course_id", "=", courseId)
      .executeTakeFirst();
    if (!lesson) throw new CourseRuleError("课时不存在");
    if ((lesson.archived === 1) === archived) return;
    if (archived && course.status === "published") {
      const current = await trx
        .selectFrom("lessons")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("course_id", "=", courseId)
        .where("archived", "=", 0)
        .executeTakeFirstOrThrow();
      if (Number(current.n) <= 1) throw new CourseRuleError("已发布的课程至少要保留一个课时；如需停用整门课程，请撤回为草稿或归档课程");
    }
    let position: number | undefined;
    if (!archived) {
      const last = await trx.selectFrom("lessons").select((eb) => eb.fn.max("position").as("max")).where("course_id", "=", courseId).executeTakeFirst();
      position = Number(last?.max ?? 0) + 1;
    }
    await trx
      .updateTable("lessons")
      .set({ archived: archived ? 1 : 0, updated_at: now, ...(position !== undefined ? { position } : {}) })
      .where("id", "=", lessonId)
      .execute();
  });
}

/** One saved revision of a lesson with its author's name, or undefined. */
export function getRevision(db: Db, lessonId: number, revision: number) {
  return db
    .selectFrom("lesson_revisions as r")
    .leftJoin("persons as p", "p.id", "r.author_id")
    .select(["r.revision", "r.title", "r.minutes", "r.body", "r.check_question", "r.note", "r.created_at", "p.name as author_name"])
    .where("r.lesson_id", "=", lessonId)
    .where("r.revision", "=", revision)
    .executeTakeFirst();
}

export function attachmentsOf(db: Db, lessonId: number) {
  return db
    .selectFrom("lesson_attachments as a")
    .innerJoin("uploads as u", "u.id", "a.upload_id")
    .select(["u.id", "u.original_name", "u.size", "u.created_at"])
    .where("a.lesson_id", "=", lessonId)
    .orderBy("a.position")
    .orderBy("u.created_at")
    .execute();
}

/** Stores a PDF and lists it under the lesson, both or neither. Throws UploadError for a bad file. */
export async function attachFile(
  db: Db,
  lessonId: number,
  file: { name: string; bytes: Uint8Array },
  uploadedBy: number,
  now = Date.now(),
): Promise<StoredUpload> {
  return db.transaction().execute(async (trx) => {
    const stored = await storeUpload(trx, { kind: "attachment", fileName: file.name, bytes: file.bytes, uploadedBy }, now);
    const last = await trx
      .selectFrom("lesson_attachments")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("lesson_id", "=", lessonId)
      .executeTakeFirst();
    await trx
      .insertInto("lesson_attachments")
      .values({ lesson_id: lessonId, upload_id: stored.id, position: Number(last?.max ?? 0) + 1 })
      .execute();
    return stored;
  });
}

/**
 * Takes an attachment off a lesson. The stored file stays: a learner may have the link open, and
 * ids are never reused.
 */
export async function detachFile(db: Db, lessonId: number, uploadId: string): Promise<boolean> {
  const result = await db.deleteFrom("lesson_attachments").where("lesson_id", "=", lessonId).where("upload_id", "=", uploadId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
