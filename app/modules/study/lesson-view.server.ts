import type { Db } from "#db/client";
import { parseCheckQuestion, publicCheckQuestion } from "~/modules/courses/check-question";
import { renderStoredRichText } from "~/modules/richtext/render";
import { requiredSeconds } from "./heartbeat";

/**
 * A lesson of a published course as the learner sees it: rendered HTML, the check question
 * without its answer (until they answered it right), their progress, and its neighbours.
 */
export async function lessonForLearner(db: Db, personId: number, lessonId: number) {
  const lesson = await db
    .selectFrom("lessons as l")
    .innerJoin("courses as c", "c.id", "l.course_id")
    .select(["l.id", "l.course_id", "l.title", "l.minutes", "l.body", "l.check_question", "c.title as course_title"])
    .where("l.id", "=", lessonId)
    .where("l.archived", "=", 0)
    .where("c.status", "=", "published")
    .executeTakeFirst();
  if (!lesson) return null;
  const [progress, siblings, attachments] = await Promise.all([
    db
      .selectFrom("lesson_progress")
      .select(["seconds", "check_passed", "completed_at"])
      .where("person_id", "=", personId)
      .where("lesson_id", "=", lessonId)
      .executeTakeFirst(),
    db
      .selectFrom("lessons")
      .select(["id"])
      .where("course_id", "=", lesson.course_id)
      .where("archived", "=", 0)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("lesson_attachments as a")
      .innerJoin("uploads as u", "u.id", "a.upload_id")
      .select(["u.id", "u.original_name", "u.size"])
      .where("a.lesson_id", "=", lessonId)
      .orderBy("a.position")
      .execute(),
  ]);
  const check = parseCheckQuestion(lesson.check_question);
  const index = siblings.findIndex((s) => s.id === lesson.id);
  const passed = progress?.check_passed === 1;
  return {
    id: lesson.id,
    courseId: lesson.course_id,
    courseTitle: lesson.course_title,
    title: lesson.title,
    minutes: lesson.minutes,
    html: renderStoredRichText(lesson.body),
    attachments,
    check: publicCheckQuestion(check),
    // Once answered right, the explanation is the learner's to keep.
    checkResult: passed && check ? { answer: check.answer, explanation: check.explanation } : null,
    position: index + 1,
    count: siblings.length,
    previousId: index > 0 ? siblings[index - 1].id : null,
    nextId: index >= 0 && index < siblings.length - 1 ? siblings[index + 1].id : null,
    progress: {
      seconds: progress?.seconds ?? 0,
      requiredSeconds: requiredSeconds({ minutes: lesson.minutes, hasCheck: check !== null }),
      completed: progress?.completed_at != null,
      checkPassed: passed,
    },
  };
}
