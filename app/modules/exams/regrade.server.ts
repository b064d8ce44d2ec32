// Regrading after an answer-key correction. Versions are immutable, so a correction is a new
// version of the question; the regrade moves the closed attempts that drew an older version onto
// the corrected one (when it has the same shape: type, option count, blank count, so stored
// answers keep their meaning) and recomputes them, each change in the score audit trail.
import type { Db } from "#db/client";
import type { QuestionContent } from "~/modules/questions/content";
import { parseStoredContent } from "~/modules/questions/content";
import { gradeClosedAttempt } from "./grade.server";

export class RegradeError extends Error {}

function shapeOf(content: QuestionContent): string {
  if (content.type === "single" || content.type === "multiple") return `${content.type}:${content.options.length}`;
  if (content.type === "fill") return `fill:${content.blanks.length}`;
  return content.type;
}

export interface RegradeSummary {
  attempts: number;
  changedScores: number;
  changedResults: number;
}

/**
 * Regrades every closed attempt (of one exam, or of all exams) that drew an older version of
 * `questionId`, against the question's version `toVersion`. One transaction per attempt, so a
 * large regrade never holds locks long and can be repeated safely (already moved items are skipped).
 */
export async function regradeQuestion(
  db: Db,
  input: { questionId: number; toVersion: number; examId?: number; actorId: number | null; reason: string },
  now = Date.now(),
): Promise<RegradeSummary> {
  const target = await db.selectFrom("question_versions").select(["id", "content"]).where("question_id", "=", input.questionId).where("version", "=", input.toVersion).executeTakeFirst();
  if (!target) throw new RegradeError("指定的试题版本不存在");
  const targetShape = shapeOf(parseStoredContent(target.content));
  let query = db
    .selectFrom("attempt_items as i")
    .innerJoin("attempts as a", "a.id", "i.attempt_id")
    .innerJoin("question_versions as v", "v.id", "i.question_version_id")
    .select(["i.attempt_id", "i.position", "v.content"])
    .where("i.question_id", "=", input.questionId)
    .where("i.question_version_id", "!=", target.id)
    .where("a.status", "=", "closed");
  if (input.examId !== undefined) query = query.where("a.exam_id", "=", input.examId);
  const items = await query.orderBy("i.attempt_id").execute();
  const incompatible = items.find((i) => shapeOf(parseStoredContent(i.content)) !== targetShape);
  if (incompatible) throw new RegradeError("更正后的版本与考生作答时的版本题型或选项数不同，无法按新答案重新评分");
  const summary: RegradeSummary = { attempts: 0, changedScores: 0, changedResults: 0 };
  for (const attemptId of [...new Set(items.map((i) => i.attempt_id))]) {
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("attempts").select(["score_x100", "passed"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
      await trx
        .updateTable("attempt_items")
        .set({ question_version_id: target.id })
        .where("attempt_id", "=", attemptId)
        .where("question_id", "=", input.questionId)
        .execute();
      const after = await gradeClosedAttempt(trx, attemptId, now, { action: "regrade", actorId: input.actorId, reason: input.reason });
      summary.attempts++;
      if (after.scoreX100 !== before.score_x100) summary.changedScores++;
      if ((after.passed === null ? null : after.passed ? 1 : 0) !== before.passed) summary.changedResults++;
    });
  }
  return summary;
}
