// Blind grading of 简答 answers, question by question. Graders see the answer text only: no name,
// 工号, unit or attempt id reaches them. Each answer is addressed by an opaque token derived from
// the attempt's secret draw seed, so the token cannot be turned back into an attempt by a grader
// and needs no server-side state (several app processes agree on it).
import { createHash } from "node:crypto";
import type { Db } from "#db/client";
import type { QuestionContent } from "~/modules/questions/content";
import { plainText, renderRichText } from "~/modules/richtext/render";
import { gradeClosedAttempt } from "./grade.server";
import { versionContents } from "./paper-pool.server";

/** A mark that cannot be recorded; `field` when it is the score the grader typed. */
export class GradingRefusal extends Error {
  constructor(
    message: string,
    readonly field: "score" | null = null,
  ) {
    super(message);
  }
}

/** Opaque, stable per (attempt, position); unguessable without the attempt's seed. */
export function answerToken(seed: string, position: number): string {
  return createHash("sha256").update(`grading:${seed}:${position}`).digest("base64url").slice(0, 22);
}

function pendingAnswers(db: Db) {
  return db
    .selectFrom("attempt_answers as aa")
    .innerJoin("attempts as a", "a.id", "aa.attempt_id")
    .innerJoin("attempt_items as i", (join) => join.onRef("i.attempt_id", "=", "aa.attempt_id").onRef("i.position", "=", "aa.position"))
    .where("aa.outcome", "=", "pending")
    .where("aa.graded_by", "is", null)
    .where("a.status", "=", "closed");
}

export interface QueueExam {
  examId: number;
  title: string;
  pending: number;
  questions: Array<{ questionId: number; label: string; pending: number }>;
}

/** Exams with 简答 answers waiting for a grader, with counts per exam and per question. */
export async function gradingQueue(db: Db): Promise<QueueExam[]> {
  const rows = await pendingAnswers(db)
    .innerJoin("exams as e", "e.id", "a.exam_id")
    .select((eb) => ["e.id as examId", "e.title", "i.question_id as questionId", eb.fn.max("i.question_version_id").as("versionId"), eb.fn.countAll<number>().as("pending")])
    .groupBy(["e.id", "e.title", "i.question_id"])
    .orderBy("e.id")
    .orderBy("i.question_id")
    .execute();
  const contents = await versionContents(db, rows.map((r) => Number(r.versionId)));
  const exams = new Map<number, QueueExam>();
  for (const r of rows) {
    const exam = exams.get(r.examId) ?? { examId: r.examId, title: r.title, pending: 0, questions: [] };
    const pending = Number(r.pending);
    exam.pending += pending;
    exam.questions.push({ questionId: r.questionId, label: plainText(contents.get(Number(r.versionId))?.stem, 60) || `题目 #${r.questionId}`, pending });
    exams.set(r.examId, exam);
  }
  return [...exams.values()];
}

export interface BlindAnswer {
  token: string;
  text: string;
  maxX100: number;
  question: { stemHtml: string; referenceAnswer: string; rubric: string };
}

async function pendingOf(db: Db, examId: number, questionId: number) {
  const rows = await pendingAnswers(db)
    .select(["aa.attempt_id", "aa.position", "aa.answer", "a.seed", "i.max_x100", "i.question_version_id"])
    .where("a.exam_id", "=", examId)
    .where("i.question_id", "=", questionId)
    .execute();
  // Ordered by token, not by attempt or submit time, so the order gives nothing away either.
  return rows.map((r) => ({ ...r, token: answerToken(r.seed, r.position) })).sort((a, b) => (a.token < b.token ? -1 : 1));
}

/**
 * The next pending answer of a question for blind grading (skipping tokens in `skip`), with the
 * number pending; null answer when none is left. Carries no attempt id, person or unit.
 */
export async function nextBlindAnswer(db: Db, examId: number, questionId: number, skip: readonly string[] = []) {
  const rows = await pendingOf(db, examId, questionId);
  const row = rows.find((r) => !skip.includes(r.token)) ?? rows[0];
  if (!row) return { pending: 0, answer: null };
  const content = (await versionContents(db, [row.question_version_id])).get(row.question_version_id)!;
  return { pending: rows.length, answer: blindView(row, content) };
}

function blindView(row: { token: string; answer: string; max_x100: number }, content: QuestionContent): BlindAnswer {
  const stored = safeJson(row.answer);
  return {
    token: row.token,
    text: stored && typeof stored === "object" && "text" in stored && typeof stored.text === "string" ? stored.text : "",
    maxX100: row.max_x100,
    question: {
      stemHtml: renderRichText(content.stem),
      referenceAnswer: content.type === "essay" ? (content.referenceAnswer ?? "") : "",
      rubric: content.type === "essay" ? (content.rubric ?? "") : "",
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The exam being graded (title for the page), or undefined. */
export async function gradingExam(db: Db, examId: number) {
  return db.selectFrom("exams").select(["id", "title"]).where("id", "=", examId).executeTakeFirst();
}

/**
 * Records a grader's mark on one answer and regrades its attempt in the same transaction; the
 * attempt becomes final (pass → learning record and certificate) when nothing is left pending.
 * A mark is given once: an answer already graded (by anyone) is refused.
 */
export async function gradeAnswer(db: Db, input: { examId: number; questionId: number; token: string; scoreX100: number; graderId: number }, now = Date.now()) {
  const row = (await pendingOf(db, input.examId, input.questionId)).find((r) => r.token === input.token);
  if (!row) throw new GradingRefusal("该答卷已评分或不存在");
  if (input.scoreX100 < 0 || input.scoreX100 > row.max_x100 || input.scoreX100 % 50 !== 0) {
    throw new GradingRefusal(`得分须在 0 到 ${row.max_x100 / 100} 之间，以 0.5 分为单位`, "score");
  }
  return db.transaction().execute(async (trx) => {
    // Conditional on nobody having marked it: two graders at once → one mark, one refusal.
    const result = await trx
      .updateTable("attempt_answers")
      .set({ score_x100: input.scoreX100, graded_by: input.graderId, graded_at: now, outcome: input.scoreX100 >= row.max_x100 ? "correct" : input.scoreX100 <= 0 ? "wrong" : "partial" })
      .where("attempt_id", "=", row.attempt_id)
      .where("position", "=", row.position)
      .where("graded_by", "is", null)
      .where("outcome", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new GradingRefusal("该答卷已评分或不存在");
    const graded = await gradeClosedAttempt(trx, row.attempt_id, now, { action: "manual", actorId: input.graderId });
    return { final: graded.pending === 0 };
  });
}
