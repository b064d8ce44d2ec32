// Grading a closed attempt on the server: objective questions at once, 简答 by hand later (marks
// already given by a grader are kept on a regrade). The result is final when nothing is pending;
// a final pass writes the exam_passed learning record and, for certificate exams, the certificate.
import { sql } from "kysely";
import type { Db } from "#db/client";
import { dialectOfDb } from "#db/sql-helpers";
import { writeLearningRecord } from "~/modules/records/records.server";
import { parseStoredAnswer } from "./answers";
import { issueCertificate, revokeCertificateOfAttempt } from "./certificates.server";
import { gradeAttempt, type GradeResult, type GradingRules } from "./grading";
import { versionContents } from "./paper-pool.server";
import { passed as isPass } from "./results";

export type ScoreAction = "graded" | "manual" | "regrade";

function manualOutcome(scoreX100: number, maxX100: number): GradeResult["outcome"] {
  return scoreX100 >= maxX100 ? "correct" : scoreX100 <= 0 ? "wrong" : "partial";
}

/**
 * (Re)computes the score of a closed attempt from its frozen versions and stored answers, writes
 * every item's score and outcome, the attempt's total, pass/fail and an audit row. Run inside
 * the transaction that closed the attempt, or of a manual grade or regrade.
 */
export async function gradeClosedAttempt(trx: Db, attemptId: number, now: number, audit: { action: ScoreAction; actorId?: number | null; reason?: string } = { action: "graded" }) {
  const attempt = await trx
    .selectFrom("attempts as a")
    .innerJoin("exams as e", "e.id", "a.exam_id")
    .innerJoin("papers as p", "p.id", "e.paper_id")
    .select(["a.id", "a.person_id", "a.exam_id", "a.status", "a.score_x100", "a.passed", "a.finished_at", "e.pass_x100", "e.title", "e.kind", "p.multiple_scoring", "p.fill_scoring"])
    .where("a.id", "=", attemptId)
    .executeTakeFirstOrThrow();
  if (attempt.status !== "closed") throw new Error(`attempt ${attemptId} is still open`);
  const items = await trx.selectFrom("attempt_items").selectAll().where("attempt_id", "=", attemptId).orderBy("position").execute();
  const answers = await trx.selectFrom("attempt_answers").selectAll().where("attempt_id", "=", attemptId).execute();
  const byPosition = new Map(answers.map((a) => [a.position, a]));
  const contents = await versionContents(trx, items.map((i) => i.question_version_id));
  const rules: GradingRules = { multiple: attempt.multiple_scoring, fill: attempt.fill_scoring };
  const grade = gradeAttempt(
    items.map((i) => ({ question: contents.get(i.question_version_id)!, answer: parseStoredAnswer(byPosition.get(i.position)?.answer), maxScoreX100: i.max_x100 })),
    rules,
  );
  let score = 0;
  let pending = 0;
  const writes: ItemGrade[] = [];
  for (const [k, item] of items.entries()) {
    const stored = byPosition.get(item.position);
    let result = grade.items[k]!;
    // A grader's mark on a 简答 stands; only answers nobody has marked yet stay pending.
    if (result.outcome === "pending" && stored?.graded_by != null && stored.score_x100 !== null) {
      result = { scoreX100: stored.score_x100, outcome: manualOutcome(stored.score_x100, item.max_x100) };
    }
    if (result.outcome === "pending") pending++;
    score += result.scoreX100;
    const scoreX100 = result.outcome === "pending" ? null : result.scoreX100;
    // Unanswered questions get a row too, so reports and item analysis see every item.
    if (!stored || stored.score_x100 !== scoreX100 || stored.outcome !== result.outcome) writes.push({ position: item.position, scoreX100, outcome: result.outcome });
  }
  await writeItemGrades(trx, attemptId, writes, now);
  const final = pending === 0;
  const passedNow = final ? isPass(score, attempt.pass_x100) : null;
  await trx
    .updateTable("attempts")
    .set({ score_x100: score, pending_count: pending, passed: passedNow === null ? null : passedNow ? 1 : 0, graded_at: now })
    .where("id", "=", attemptId)
    .execute();
  if (audit.action !== "graded" || attempt.score_x100 === null) {
    await trx
      .insertInto("attempt_score_events")
      .values({
        attempt_id: attemptId,
        action: audit.action,
        old_score_x100: attempt.score_x100,
        new_score_x100: score,
        old_passed: attempt.passed,
        new_passed: passedNow === null ? null : passedNow ? 1 : 0,
        actor_id: audit.actorId ?? null,
        reason: audit.reason ?? null,
        at: now,
      })
      .execute();
  }
  if (passedNow) {
    const occurredAt = attempt.finished_at ?? now;
    await writeLearningRecord(trx, { personId: attempt.person_id, kind: "exam_passed", sourceType: "exam", sourceId: attempt.exam_id, title: attempt.title, hoursX100: 0, occurredAt, detail: { attemptId, scoreX100: score } });
    if (attempt.kind === "certificate") await issueCertificate(trx, attemptId, now);
  } else if (passedNow === false && attempt.passed === 1 && attempt.kind === "certificate") {
    // A regrade turned a pass into a fail: the certificate it earned no longer stands.
    await revokeCertificateOfAttempt(trx, attemptId, "重新评分后未达到合格分数", now);
  }
  return { scoreX100: score, pending, passed: passedNow };
}

interface ItemGrade {
  position: number;
  scoreX100: number | null;
  outcome: GradeResult["outcome"];
}

/**
 * Writes the changed item grades in a few statements instead of one per question: an upsert that
 * creates the row of an unanswered question and otherwise sets only the score and outcome. The
 * attempt is closed in this transaction, so no autosave can add a row meanwhile.
 */
async function writeItemGrades(trx: Db, attemptId: number, grades: ItemGrade[], now: number): Promise<void> {
  const mysql = dialectOfDb(trx) === "mysql";
  for (let i = 0; i < grades.length; i += 200) {
    const rows = grades.slice(i, i + 200).map((g) => ({ attempt_id: attemptId, position: g.position, answer: "null", seq: 0, saved_at: now, score_x100: g.scoreX100, outcome: g.outcome }));
    const insert = trx.insertInto("attempt_answers").values(rows);
    if (mysql) await insert.onDuplicateKeyUpdate({ score_x100: sql`values(score_x100)`, outcome: sql`values(outcome)` }).execute();
    else await insert.onConflict((oc) => oc.columns(["attempt_id", "position"]).doUpdateSet((eb) => ({ score_x100: eb.ref("excluded.score_x100"), outcome: eb.ref("excluded.outcome") }))).execute();
  }
}
