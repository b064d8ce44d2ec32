// The life of an attempt: start (draw and freeze the paper), autosave, submit, and closing overdue
// attempts. The invariants of DESIGN.md live here:
// - the server owns time: deadline fixed at start; saves after deadline + grace are refused; an
//   overdue attempt is closed with finish time = deadline by whichever comes first, the next
//   request touching it or the sweep;
// - one answer row per (attempt, position), replaced only by a higher client sequence number;
// - an attempt closes exactly once: every close is a conditional update of status 'open'.
// Several app processes may run these at once; nothing depends on process memory.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "#db/client";
import { inGroupCommit } from "#db/group-commit";
import { insertedId, isUniqueViolation } from "#db/sql-helpers";
import { formatInstant } from "~/utils/time";
import { writeAnswer } from "./answer-writes.server";
import { parseAnswer } from "./answers";
import { drawPrepared, optionOrder, orderQuestions, type DrawnItem } from "./drawing";
import { accommodationFrom, eligibilityRefusal, inAudience, type Taker } from "./eligibility.server";
import { gradeClosedAttempt } from "./grade.server";
import { fixedItems, paperForDrawing, preparedDraw, versionContents } from "./paper-pool.server";
import { createRng } from "./random";
import { attemptDeadline, saveRefusal, startRefusal } from "./timing";

/** A refusal the taker should read (not started yet, no attempts left, time is up…). */
export class ExamRefusal extends Error {}
/** The attempt (or position) does not exist for this person: answer 404. */
export class AttemptNotFound extends Error {}

/** Grace for saves already in flight at the deadline (a phone on a slow network). */
export const DEFAULT_SAVE_GRACE_MS = 10_000;

/** The published exam with the taker's accommodation (if any), in one round trip. */
async function publishedExamFor(db: Db, examId: number, personId: number) {
  const row = await db
    .selectFrom("exams as e")
    .leftJoin("exam_accommodations as x", (join) => join.onRef("x.exam_id", "=", "e.id").on("x.person_id", "=", personId))
    .selectAll("e")
    .select(["x.extra_minutes", "x.extra_attempts", "x.opens_at as personal_opens_at", "x.closes_at as personal_closes_at"])
    .where("e.id", "=", examId)
    .where("e.status", "=", "published")
    .executeTakeFirst();
  if (!row) return null;
  const { extra_minutes, extra_attempts, personal_opens_at, personal_closes_at, ...exam } = row;
  return { exam, accommodation: accommodationFrom({ extra_minutes, extra_attempts, opens_at: personal_opens_at, closes_at: personal_closes_at }) };
}

/**
 * Starts an attempt, or returns the open one (a second tab, a double tap). Draws the paper,
 * freezes versions, question order and option order, and fixes the deadline.
 */
export async function startAttempt(db: Db, input: { examId: number; taker: Taker; now?: number }): Promise<{ attemptId: number; resumed: boolean }> {
  const now = input.now ?? Date.now();
  // Round trips are what a start costs most on MariaDB (each one a socket write and a wake-up of
  // the server on the same two cores), so the reads below are merged where one query can answer.
  const found = await publishedExamFor(db, input.examId, input.taker.id);
  if (!found || !(await inAudience(db, found.exam.id, input.taker))) throw new AttemptNotFound();
  const { exam, accommodation } = found;
  const mine = await db
    .selectFrom("attempts")
    .select([(eb) => eb.fn.countAll<number>().as("used"), sql<number | null>`max(case when status = 'open' then id end)`.as("open_id")])
    .where("exam_id", "=", exam.id)
    .where("person_id", "=", input.taker.id)
    .executeTakeFirstOrThrow();
  if (mine.open_id !== null) {
    const openId = Number(mine.open_id);
    const closed = await closeIfOverdue(db, openId, now, 0);
    if (!closed) return { attemptId: openId, resumed: true };
  }
  const used = Number(mine.used);
  const refusal =
    startRefusal({
      now,
      opensAt: exam.opens_at,
      closesAt: exam.closes_at,
      personalOpensAt: accommodation.opensAt,
      personalClosesAt: accommodation.closesAt,
      attemptsUsed: used,
      attemptsAllowed: exam.max_attempts,
      extraAttempts: accommodation.extraAttempts,
      hasOpenAttempt: false,
      formatInstant,
    }) ?? (await eligibilityRefusal(db, exam, input.taker.id));
  if (refusal) throw new ExamRefusal(refusal);

  const seed = randomBytes(16).toString("hex");
  const items = await freezePaper(db, exam, seed);
  const deadline = attemptDeadline({
    startedAt: now,
    durationMinutes: exam.duration_minutes,
    extraMinutes: accommodation.extraMinutes,
    windowClosesAt: exam.closes_at,
    personalClosesAt: accommodation.closesAt,
  })!;
  // The unit the taker belongs to now, read with their session in this request: the open stay of
  // their unit history is the same unit (a move updates both in one transaction).
  const orgUnitId = input.taker.orgUnitId;
  try {
    // Grouped with the other starts of this moment on SQLite: one fsync for the whole start spike.
    const attemptId = await inGroupCommit(db, async (trx) => {
      const id = insertedId(
        await trx
          .insertInto("attempts")
          .values({
            exam_id: exam.id,
            person_id: input.taker.id,
            attempt_no: used + 1,
            org_unit_id: orgUnitId,
            started_at: now,
            deadline_at: deadline,
            status: "open",
            max_x100: items.reduce((sum, i) => sum + i.scoreX100, 0),
            seed,
          })
          .executeTakeFirstOrThrow(),
      );
      for (let i = 0; i < items.length; i += 200) {
        await trx
          .insertInto("attempt_items")
          .values(
            items.slice(i, i + 200).map((item, k) => ({
              attempt_id: id,
              position: i + k + 1,
              question_id: item.questionId,
              question_version_id: item.versionId,
              max_x100: item.scoreX100,
              option_order: item.optionOrder.join(","),
            })),
          )
          .execute();
      }
      return id;
    });
    return { attemptId, resumed: false };
  } catch (error) {
    // Two starts at once: the unique (exam, person, attempt_no) lets one win; join it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db
      .selectFrom("attempts")
      .select("id")
      .where("exam_id", "=", exam.id)
      .where("person_id", "=", input.taker.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (!winner) throw new ExamRefusal("请稍后重试");
    return { attemptId: winner.id, resumed: true };
  }
}

type FrozenItem = DrawnItem & { optionOrder: number[] };

async function freezePaper(db: Db, exam: { paper_id: number; shuffle_questions: number; shuffle_options: number }, seed: string): Promise<FrozenItem[]> {
  const found = await paperForDrawing(db, exam.paper_id);
  if (!found) throw new ExamRefusal("试卷不存在，请联系出题教员");
  const { paper, rules } = found;
  let drawn: DrawnItem[];
  if (paper.mode === "fixed") {
    const rows = (await fixedItems(db, paper.id)).filter((r) => r.status !== "retired");
    drawn = rows.map((r) => ({ questionId: r.question_id, versionId: r.version_id, ruleIndex: 0, scoreX100: r.score_x100 }));
  } else {
    const result = drawPrepared(await preparedDraw(db, rules), seed);
    if (!result.ok) throw new ExamRefusal(`试卷无法组卷：${result.shortages.map((s) => s.message).join("；")}`);
    drawn = result.items;
  }
  if (drawn.length === 0) throw new ExamRefusal("试卷中没有试题，请联系出题教员");
  const rng = createRng(seed);
  const ordered = orderQuestions(drawn, exam.shuffle_questions === 1, rng);
  const contents = await versionContents(db, ordered.map((i) => i.versionId));
  return ordered.map((item) => ({ ...item, optionOrder: optionOrder(contents.get(item.versionId)!, exam.shuffle_options === 1, rng) }));
}

export type SaveResult = { status: "saved" | "stale"; seq: number; savedAt: number; deadlineAt: number };

/**
 * Saves one answer. The insert only happens while the attempt is open and within deadline +
 * grace (checked in the same statement, so it cannot slip in after a submit), and only replaces a
 * stored answer with a lower sequence number. A refused save of an overdue attempt closes it.
 */
export async function saveAnswer(
  db: Db,
  input: { attemptId: number; personId: number; position: number; answer: unknown; flagged?: boolean; seq: number; now?: number; graceMs?: number },
): Promise<SaveResult> {
  const now = input.now ?? Date.now();
  const graceMs = input.graceMs ?? DEFAULT_SAVE_GRACE_MS;
  const item = await db
    .selectFrom("attempt_items as i")
    .innerJoin("attempts as a", "a.id", "i.attempt_id")
    .innerJoin("question_versions as v", "v.id", "i.question_version_id")
    .select(["a.status", "a.deadline_at", "v.id as version_id", "v.type"])
    .where("i.attempt_id", "=", input.attemptId)
    .where("i.position", "=", input.position)
    .where("a.person_id", "=", input.personId)
    .executeTakeFirst();
  if (!item) throw new AttemptNotFound();
  const deadlineAt = Number(item.deadline_at);
  const refusal = item.status !== "open" ? "本次考试已交卷" : saveRefusal(now, deadlineAt, graceMs);
  if (refusal) {
    await closeIfOverdue(db, input.attemptId, now, graceMs);
    throw new ExamRefusal(refusal);
  }
  let stored = "null";
  if (input.answer !== null && input.answer !== undefined) {
    const content = (await versionContents(db, [item.version_id])).get(item.version_id)!;
    const parsed = parseAnswer(item.type as never, input.answer, content);
    if (!parsed.ok) throw new ExamRefusal(parsed.error);
    stored = JSON.stringify(parsed.answer);
  }
  const row = await writeAnswer(db, {
    attemptId: input.attemptId,
    position: input.position,
    answer: stored,
    flagged: input.flagged ? 1 : 0,
    seq: input.seq,
    savedAt: now,
    notAfter: now - graceMs,
  });
  // The same sequence number stored means this save (or its earlier retransmission) is in.
  if (row && row.seq === input.seq) return { status: "saved", seq: input.seq, savedAt: row.savedAt, deadlineAt };
  if (row && row.seq > input.seq) return { status: "stale", seq: row.seq, savedAt: row.savedAt, deadlineAt };
  // Nothing written and nothing newer stored: the attempt closed between our check and the write.
  throw new ExamRefusal("本次考试已交卷");
}

/**
 * Submits: closes the attempt if it is still open (a conditional update, so two submits at once
 * close it once) and grades it in the same transaction. Returns whether this call closed it.
 */
export async function submitAttempt(db: Db, input: { attemptId: number; personId: number; now?: number }): Promise<{ closedNow: boolean }> {
  const now = input.now ?? Date.now();
  const attempt = await db.selectFrom("attempts").select(["id", "deadline_at"]).where("id", "=", input.attemptId).where("person_id", "=", input.personId).executeTakeFirst();
  if (!attempt) throw new AttemptNotFound();
  const overdue = now > attempt.deadline_at;
  const closedNow = await closeAttempt(db, attempt.id, { finishedAt: overdue ? attempt.deadline_at : now, closedBy: overdue ? "deadline" : "submit" }, now);
  return { closedNow };
}

async function closeAttempt(db: Db, attemptId: number, close: { finishedAt: number; closedBy: "submit" | "deadline" }, now: number): Promise<boolean> {
  // The close and the grading commit together, grouped with other closes on SQLite (the final rush).
  return inGroupCommit(db, async (trx) => {
    const updated = await trx
      .updateTable("attempts")
      .set({ status: "closed", finished_at: close.finishedAt, closed_by: close.closedBy })
      .where("id", "=", attemptId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await gradeClosedAttempt(trx, attemptId, now);
    return true;
  });
}

/** Closes the attempt with finish time = deadline when it is past deadline + grace. */
export async function closeIfOverdue(db: Db, attemptId: number, now: number, graceMs: number): Promise<boolean> {
  const attempt = await db.selectFrom("attempts").select(["status", "deadline_at"]).where("id", "=", attemptId).executeTakeFirst();
  if (!attempt || attempt.status !== "open" || now <= attempt.deadline_at + graceMs) return false;
  return closeAttempt(db, attemptId, { finishedAt: attempt.deadline_at, closedBy: "deadline" }, now);
}

/**
 * The sweep: closes open attempts past deadline + grace, oldest first, at most `limit` per call.
 * Safe to run in several processes at once: each close is conditional, so one of them wins.
 */
export async function sweepOverdueAttempts(db: Db, input: { now?: number; graceMs?: number; limit?: number } = {}): Promise<number> {
  const now = input.now ?? Date.now();
  const graceMs = input.graceMs ?? DEFAULT_SAVE_GRACE_MS;
  const overdue = await db
    .selectFrom("attempts")
    .select(["id", "deadline_at"])
    .where("status", "=", "open")
    .where("deadline_at", "<", now - graceMs)
    .orderBy("deadline_at")
    .limit(input.limit ?? 500)
    .execute();
  let closed = 0;
  for (const a of overdue) {
    if (await closeAttempt(db, a.id, { finishedAt: a.deadline_at, closedBy: "deadline" }, now)) closed++;
  }
  return closed;
}
