// The learning record: one immutable row per achievement, the spine that the transcript, 学时 and
// the points ledger read. Writing is idempotent by source key; the person's org unit at the moment
// of the achievement is stored with it.
import type { Db } from "#db/client";
import type { LearningRecord } from "#db/schema";
import { isUniqueViolation } from "#db/sql-helpers";
import { personUnitAt } from "~/modules/people/history.server";

export type LearningRecordKind =
  | "lesson_completed"
  | "course_completed"
  | "exam_passed"
  | "certificate_issued"
  | "rotation_completed"
  | "contest_award"
  | "forum_attended"
  | "research_report_accepted"
  | "document_award"
  | "mentoring_session";

export interface NewLearningRecord {
  personId: number;
  kind: LearningRecordKind;
  sourceType: string;
  sourceId: string | number;
  title: string;
  hoursX100: number;
  occurredAt: number;
  detail?: unknown;
}

export function sourceKeyOf(record: Pick<NewLearningRecord, "kind" | "sourceType" | "sourceId" | "personId">): string {
  return `${record.kind}:${record.sourceType}:${record.sourceId}:person:${record.personId}`;
}

/**
 * Writes the record unless one with the same source already exists; returns the stored record and
 * whether this call created it. Safe to call twice, or from two processes at once.
 */
export async function writeLearningRecord(db: Db, input: NewLearningRecord): Promise<{ record: LearningRecord; created: boolean }> {
  const sourceKey = sourceKeyOf(input);
  const existing = await findBySourceKey(db, sourceKey);
  if (existing) return { record: existing, created: false };
  const orgUnitId = await personUnitAt(db, input.personId, input.occurredAt);
  if (orgUnitId === null) throw new Error(`person ${input.personId} has no org unit history`);
  try {
    await db
      .insertInto("learning_records")
      .values({
        person_id: input.personId,
        kind: input.kind,
        source_type: input.sourceType,
        source_id: String(input.sourceId),
        source_key: sourceKey,
        title: input.title.slice(0, 255),
        hours_x100: input.hoursX100,
        org_unit_id: orgUnitId,
        occurred_at: input.occurredAt,
        detail: input.detail === undefined ? null : JSON.stringify(input.detail),
      })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another request wrote the same record between our check and insert: theirs stands.
    return { record: (await findBySourceKey(db, sourceKey))!, created: false };
  }
  return { record: (await findBySourceKey(db, sourceKey))!, created: true };
}

function findBySourceKey(db: Db, sourceKey: string) {
  return db.selectFrom("learning_records").selectAll().where("source_key", "=", sourceKey).executeTakeFirst();
}

/** A person's records, newest first, optionally within [from, to). */
export function recordsOf(db: Db, personId: number, range: { from?: number; to?: number } = {}) {
  let query = db.selectFrom("learning_records").selectAll().where("person_id", "=", personId);
  if (range.from !== undefined) query = query.where("occurred_at", ">=", range.from);
  if (range.to !== undefined) query = query.where("occurred_at", "<", range.to);
  return query.orderBy("occurred_at", "desc").orderBy("id", "desc").execute();
}
