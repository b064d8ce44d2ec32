// Lessons and their revision history. Every save is a new revision row (who, when, what); the
// lesson row holds the latest. Restoring an old revision saves it again as the newest.
import type { Db } from "#db/client";
import { insertedId } from "#db/sql-helpers";
import type { CheckQuestion } from "./check-question";

export interface LessonContent {
  title: string;
  minutes: number;
  /** Tiptap JSON document, serialised. */
  body: string;
  checkQuestion: CheckQuestion | null;
}

export function lessonsOfCourse(db: Db, courseId: number, options: { includeArchived?: boolean } = {}) {
  let query = db.selectFrom("lessons").selectAll().where("course_id", "=", courseId);
  if (!options.includeArchived) query = query.where("archived", "=", 0);
  return query.orderBy("position").orderBy("id").execute();
}

export function getLesson(db: Db, id: number) {
  return db.selectFrom("lessons").selectAll().where("id", "=", id).executeTakeFirst();
}

function serialiseCheck(question: CheckQuestion | null): string | null {
  return question ? JSON.stringify(question) : null;
}

export async function createLesson(
  db: Db,
  input: LessonContent & { courseId: number; contentKey?: string | null; contentHash?: string | null; authorId: number | null; note?: string },
  now = Date.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("lessons")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("course_id", "=", input.courseId)
      .executeTakeFirst();
    const result = await trx
      .insertInto("lessons")
      .values({
        course_id: input.courseId,
        content_key: input.contentKey ?? null,
        title: input.title,
        position: Number(last?.max ?? 0) + 1,
        minutes: input.minutes,
        body: input.body,
        check_question: serialiseCheck(input.checkQuestion),
        content_hash: input.contentHash ?? null,
        revision: 1,
        updated_by: input.authorId,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirst();
    const id = insertedId(result);
    await trx
      .insertInto("lesson_revisions")
      .values({
        lesson_id: id,
        revision: 1,
        title: input.title,
        minutes: input.minutes,
        body: input.body,
        check_question: serialiseCheck(input.checkQuestion),
        author_id: input.authorId,
        note: input.note ?? "新建",
        created_at: now,
      })
      .execute();
    return id;
  });
}

/**
 * Saves new content as the next revision. `expectedRevision` guards against two editors
 * overwriting each other: a stale save is refused. `contentHash` is set only by the importer.
 */
export async function saveLesson(
  db: Db,
  lessonId: number,
  content: LessonContent,
  meta: { authorId: number | null; note?: string; expectedRevision?: number; contentHash?: string | null },
  now = Date.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lesson = await trx.selectFrom("lessons").select(["revision"]).where("id", "=", lessonId).executeTakeFirst();
    if (!lesson) throw new LessonConflictError("课时不存在");
    if (meta.expectedRevision !== undefined && meta.expectedRevision !== lesson.revision) {
      throw new LessonConflictError("该课时已被他人修改，请刷新后再编辑");
    }
    const revision = lesson.revision + 1;
    const updated = await trx
      .updateTable("lessons")
      .set({
        title: content.title,
        minutes: content.minutes,
        body: content.body,
        check_question: serialiseCheck(content.checkQuestion),
        revision,
        updated_by: meta.authorId,
        updated_at: now,
        ...(meta.contentHash !== undefined ? { content_hash: meta.contentHash } : {}),
      })
      .where("id", "=", lessonId)
      .where("revision", "=", lesson.revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new LessonConflictError("该课时已被他人修改，请刷新后再编辑");
    await trx
      .insertInto("lesson_revisions")
      .values({
        lesson_id: lessonId,
        revision,
        title: content.title,
        minutes: content.minutes,
        body: content.body,
        check_question: serialiseCheck(content.checkQuestion),
        author_id: meta.authorId,
        note: meta.note ?? "",
        created_at: now,
      })
      .execute();
    return revision;
  });
}

export class LessonConflictError extends Error {}

export function revisionsOf(db: Db, lessonId: number) {
  return db
    .selectFrom("lesson_revisions as r")
    .leftJoin("persons as p", "p.id", "r.author_id")
    .select(["r.id", "r.revision", "r.title", "r.minutes", "r.note", "r.created_at", "p.name as author_name"])
    .where("r.lesson_id", "=", lessonId)
    .orderBy("r.revision", "desc")
    .execute();
}

/** Makes an earlier revision the current content again, as a new revision. */
export async function restoreRevision(db: Db, lessonId: number, revision: number, authorId: number, now = Date.now()): Promise<number> {
  const old = await db
    .selectFrom("lesson_revisions")
    .selectAll()
    .where("lesson_id", "=", lessonId)
    .where("revision", "=", revision)
    .executeTakeFirst();
  if (!old) throw new LessonConflictError("该版本不存在");
  return saveLesson(
    db,
    lessonId,
    { title: old.title, minutes: old.minutes, body: old.body, checkQuestion: old.check_question ? JSON.parse(old.check_question) : null },
    { authorId, note: `恢复到第 ${revision} 版` },
    now,
  );
}
