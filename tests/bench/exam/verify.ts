// The correctness check after a run, from the database: every acknowledged save is stored (seq ≥
// the acknowledged one, same answer when equal), every submitted attempt closed exactly once with
// one finish time and one grading event, and every closed attempt's score equals an independent
// regrade of its frozen items and stored answers.
import type { Db } from "#db/client";
import type { GradingRules } from "~/modules/exams/grading";
import { parseStoredContent, type QuestionContent } from "~/modules/questions/content";
import type { AckLog } from "./driver";
import { ackProblem, gradeMismatch, regradeScore } from "./regrade";

export interface VerifyReport {
  acknowledged: number;
  ackSlots: number;
  lostOrWrong: number;
  submitted: number;
  closedOk: number;
  closeProblems: number;
  regraded: number;
  scoreMismatches: number;
  samples: string[];
}

const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export async function verifyRun(db: Db, input: { examId: number; acks: AckLog; submittedAttemptIds: readonly number[] }): Promise<VerifyReport> {
  const report: VerifyReport = { acknowledged: input.acks.count, ackSlots: 0, lostOrWrong: 0, submitted: input.submittedAttemptIds.length, closedOk: 0, closeProblems: 0, regraded: 0, scoreMismatches: 0, samples: [] };
  const note = (line: string) => {
    if (report.samples.length < 10) report.samples.push(line);
  };

  for (const ids of chunks([...input.acks.acked.keys()])) {
    const rows = await db.selectFrom("attempt_answers").select(["attempt_id", "position", "seq", "answer"]).where("attempt_id", "in", ids).execute();
    const stored = new Map(rows.map((r) => [`${r.attempt_id}:${r.position}`, { seq: Number(r.seq), answer: r.answer }]));
    for (const id of ids) {
      for (const [position, ack] of input.acks.acked.get(id)!) {
        report.ackSlots++;
        const problem = ackProblem(ack, stored.get(`${id}:${position}`));
        if (problem) {
          report.lostOrWrong++;
          note(`attempt ${id} position ${position}: ${problem}`);
        }
      }
    }
  }

  for (const ids of chunks(input.submittedAttemptIds)) {
    const attempts = await db.selectFrom("attempts").select(["id", "status", "finished_at", "closed_by"]).where("id", "in", ids).execute();
    const events = await db
      .selectFrom("attempt_score_events")
      .select(["attempt_id", (eb) => eb.fn.countAll().as("n")])
      .where("attempt_id", "in", ids)
      .where("action", "=", "graded")
      .groupBy("attempt_id")
      .execute();
    const eventCount = new Map(events.map((e) => [e.attempt_id, Number(e.n)]));
    const byId = new Map(attempts.map((a) => [a.id, a]));
    for (const id of ids) {
      const a = byId.get(id);
      const problem = !a
        ? "missing"
        : a.status !== "closed"
          ? `status ${a.status}`
          : a.finished_at === null
            ? "no finish time"
            : a.closed_by !== "submit"
              ? `closed by ${a.closed_by}`
              : eventCount.get(id) !== 1
                ? `${eventCount.get(id) ?? 0} grading events`
                : null;
      if (problem) {
        report.closeProblems++;
        note(`attempt ${id}: ${problem}`);
      } else report.closedOk++;
    }
  }

  // Every closed attempt of the exam, not only the ones this run saw submitted.
  const exam = await db
    .selectFrom("exams as e")
    .innerJoin("papers as p", "p.id", "e.paper_id")
    .select(["p.multiple_scoring", "p.fill_scoring"])
    .where("e.id", "=", input.examId)
    .executeTakeFirstOrThrow();
  const rules: GradingRules = { multiple: exam.multiple_scoring, fill: exam.fill_scoring };
  const closed = await db.selectFrom("attempts").select(["id", "score_x100"]).where("exam_id", "=", input.examId).where("status", "=", "closed").orderBy("id").execute();
  const contents = new Map<number, QuestionContent>();
  for (const part of chunks(closed, 100)) {
    const ids = part.map((a) => a.id);
    const items = await db.selectFrom("attempt_items").select(["attempt_id", "position", "question_version_id", "max_x100"]).where("attempt_id", "in", ids).execute();
    const missing = [...new Set(items.map((i) => i.question_version_id))].filter((v) => !contents.has(v));
    for (const versionIds of chunks(missing, 500)) {
      for (const v of await db.selectFrom("question_versions").select(["id", "content"]).where("id", "in", versionIds).execute()) contents.set(v.id, parseStoredContent(v.content));
    }
    const answers = await db.selectFrom("attempt_answers").select(["attempt_id", "position", "answer", "seq", "score_x100"]).where("attempt_id", "in", ids).execute();
    const frozenOf = groupBy(items, (i) => i.attempt_id);
    const storedOf = groupBy(answers, (a) => a.attempt_id);
    for (const attempt of part) {
      const frozen = (frozenOf.get(attempt.id) ?? []).map((i) => ({ position: i.position, maxX100: i.max_x100, question: contents.get(i.question_version_id)! }));
      const stored = (storedOf.get(attempt.id) ?? []).map((a) => ({ position: a.position, answer: a.answer, seq: Number(a.seq), scoreX100: a.score_x100 === null ? null : Number(a.score_x100) }));
      const mismatch = gradeMismatch(attempt.score_x100 === null ? null : Number(attempt.score_x100), stored, regradeScore(frozen, stored, rules));
      report.regraded++;
      if (mismatch) {
        report.scoreMismatches++;
        note(`attempt ${attempt.id}: ${mismatch}`);
      }
    }
  }
  return report;
}

export function verifyPassed(r: VerifyReport): boolean {
  return r.lostOrWrong === 0 && r.closeProblems === 0 && r.scoreMismatches === 0;
}
