// Exam sessions (考试): kind, window, duration, attempts and which counts, pass mark, shuffling,
// audience, visibility of scores and review, and per-person accommodations.
import type { Db } from "#db/client";
import type { ExamKind, Visibility } from "#db/schema";
import { insertedId } from "#db/sql-helpers";

export interface ExamFields {
  title: string;
  description: string;
  kind: ExamKind;
  certificateType: "enforcement" | "auxiliary" | null;
  certificateValidMonths: number | null;
  courseId: number | null;
  requiredCourseId: number | null;
  paperId: number;
  opensAt: number;
  closesAt: number;
  durationMinutes: number;
  maxAttempts: number;
  counting: "highest" | "last";
  passX100: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  scoreVisibility: Visibility;
  reviewVisibility: Visibility;
}

function columns(fields: ExamFields) {
  return {
    title: fields.title,
    description: fields.description,
    kind: fields.kind,
    certificate_type: fields.kind === "certificate" ? fields.certificateType : null,
    certificate_valid_months: fields.kind === "certificate" ? fields.certificateValidMonths : null,
    course_id: fields.courseId,
    required_course_id: fields.requiredCourseId,
    paper_id: fields.paperId,
    opens_at: fields.opensAt,
    closes_at: fields.closesAt,
    duration_minutes: fields.durationMinutes,
    max_attempts: fields.maxAttempts,
    counting: fields.counting,
    pass_x100: fields.passX100,
    shuffle_questions: fields.shuffleQuestions ? 1 : 0,
    shuffle_options: fields.shuffleOptions ? 1 : 0,
    score_visibility: fields.scoreVisibility,
    review_visibility: fields.reviewVisibility,
  };
}

export async function createExam(db: Db, creatorId: number | null, fields: ExamFields, now = Date.now()): Promise<number> {
  return insertedId(await db.insertInto("exams").values({ ...columns(fields), created_by: creatorId, created_at: now, updated_at: now }).executeTakeFirstOrThrow());
}

export async function updateExam(db: Db, examId: number, fields: ExamFields, now = Date.now()) {
  await db.updateTable("exams").set({ ...columns(fields), updated_at: now }).where("id", "=", examId).execute();
}

export async function setExamStatus(db: Db, examId: number, status: "draft" | "published" | "archived", now = Date.now()) {
  await db.updateTable("exams").set({ status, updated_at: now }).where("id", "=", examId).execute();
}

export interface AudienceInput {
  tiers: readonly string[];
  unitIds: readonly number[];
  personIds: readonly number[];
}

/** Replaces the audience; all empty means everyone who studies. */
export async function setAudience(db: Db, examId: number, audience: AudienceInput) {
  const rows = [
    ...audience.tiers.map((ref) => ({ exam_id: examId, kind: "tier" as const, ref })),
    ...audience.unitIds.map((id) => ({ exam_id: examId, kind: "unit" as const, ref: String(id) })),
    ...audience.personIds.map((id) => ({ exam_id: examId, kind: "person" as const, ref: String(id) })),
  ];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("exam_audience").where("exam_id", "=", examId).execute();
    if (rows.length > 0) await trx.insertInto("exam_audience").values(rows).execute();
  });
}

export interface AccommodationInput {
  extraMinutes: number;
  extraAttempts: number;
  opensAt: number | null;
  closesAt: number | null;
  note: string;
}

/** Sets (or with all zero/empty, removes) one person's accommodation. */
export async function setAccommodation(db: Db, examId: number, personId: number, input: AccommodationInput, actorId: number | null, now = Date.now()) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("exam_accommodations").where("exam_id", "=", examId).where("person_id", "=", personId).execute();
    const empty = input.extraMinutes === 0 && input.extraAttempts === 0 && input.opensAt === null && input.closesAt === null;
    if (!empty) {
      await trx
        .insertInto("exam_accommodations")
        .values({
          exam_id: examId,
          person_id: personId,
          extra_minutes: input.extraMinutes,
          extra_attempts: input.extraAttempts,
          opens_at: input.opensAt,
          closes_at: input.closesAt,
          note: input.note,
          updated_by: actorId,
          updated_at: now,
        })
        .execute();
    }
  });
}
