// What the taker's browser may receive. During an attempt: stems and options in the frozen display
// order, the taker's own answers and save state, the server's remaining time — never the key,
// correctness, scores or 解析 (DESIGN invariant 1). After closing: the score and the review, each
// only when the exam's visibility policy allows it.
import type { Db } from "#db/client";
import type { Visibility } from "#db/schema";
import { renderRichText } from "~/modules/richtext/render";
import type { QuestionType } from "~/modules/questions/model";
import { countBlanks, type QuestionContent } from "~/modules/questions/content";
import { plainText } from "~/modules/richtext/render";
import { versionContents } from "./paper-pool.server";
import { remainingMs } from "./timing";

export interface TakerItem {
  position: number;
  type: QuestionType;
  stemHtml: string;
  /** In display order; `index` is the original option index that answers use. */
  options: Array<{ index: number; text: string }>;
  blanks: number;
  answer: unknown;
  seq: number;
  savedAt: number | null;
  flagged: boolean;
}

// Versions come from the per-process version cache as the same frozen objects on every request, so
// each stem and 解析 is rendered to HTML once per process instead of once per page view.
const renderedDocs = new WeakMap<object, string>();
function cachedHtml(doc: unknown): string {
  if (!doc || typeof doc !== "object") return renderRichText(doc);
  let html = renderedDocs.get(doc);
  if (html === undefined) renderedDocs.set(doc, (html = renderRichText(doc)));
  return html;
}

async function ownAttempt(db: Db, attemptId: number, personId: number) {
  return db
    .selectFrom("attempts as a")
    .innerJoin("exams as e", "e.id", "a.exam_id")
    .select([
      "a.id",
      "a.exam_id",
      "a.attempt_no",
      "a.status",
      "a.started_at",
      "a.deadline_at",
      "a.finished_at",
      "a.closed_by",
      "a.score_x100",
      "a.max_x100",
      "a.pending_count",
      "a.passed",
      "e.title",
      "e.closes_at",
      "e.pass_x100",
      "e.score_visibility",
      "e.review_visibility",
    ])
    .where("a.id", "=", attemptId)
    .where("a.person_id", "=", personId)
    .executeTakeFirst();
}

/** The attempt's items in order, each with its content and the stored answer (if any), in one query. */
async function itemsWithAnswers(db: Db, attemptId: number) {
  const rows = await db
    .selectFrom("attempt_items as i")
    .leftJoin("attempt_answers as a", (join) => join.onRef("a.attempt_id", "=", "i.attempt_id").onRef("a.position", "=", "i.position"))
    .select(["i.position", "i.question_version_id", "i.max_x100", "i.option_order"])
    .select(["a.answer", "a.seq", "a.flagged", "a.saved_at", "a.score_x100", "a.outcome"])
    .where("i.attempt_id", "=", attemptId)
    .orderBy("i.position")
    .execute();
  const contents = await versionContents(db, rows.map((r) => r.question_version_id));
  return rows.map(({ answer, seq, flagged, saved_at, score_x100, outcome, ...item }) => ({
    item,
    content: contents.get(item.question_version_id)!,
    answer: seq === null ? undefined : { answer: answer!, seq, flagged: flagged!, saved_at: saved_at!, score_x100, outcome },
  }));
}

// How many blanks a 填空 stem shows, per cached version (as cachedHtml): counting walks the stem.
const blankCounts = new WeakMap<object, number>();
function blanksOf(content: Extract<QuestionContent, { type: "fill" }>): number {
  let blanks = blankCounts.get(content);
  if (blanks === undefined) blankCounts.set(content, (blanks = Math.max(content.blanks.length, countBlanks(plainText(content.stem)))));
  return blanks;
}

/** The open attempt as the taking page shows it, or null (→ 404) when it is not this person's. */
export async function takerAttempt(db: Db, attemptId: number, personId: number, now = Date.now()) {
  const attempt = await ownAttempt(db, attemptId, personId);
  if (!attempt) return null;
  const rows = await itemsWithAnswers(db, attemptId);
  const items: TakerItem[] = rows.map(({ item, content, answer }) => {
    const order = item.option_order ? item.option_order.split(",").map(Number) : [];
    const options = content.type === "single" || content.type === "multiple" ? order.map((index) => ({ index, text: content.options[index]!.text })) : [];
    return {
      position: item.position,
      type: content.type,
      stemHtml: cachedHtml(content.stem),
      options,
      blanks: content.type === "fill" ? blanksOf(content) : 0,
      answer: answer && answer.seq > 0 ? JSON.parse(answer.answer) : null,
      seq: answer ? Number(answer.seq) : 0,
      savedAt: answer && answer.seq > 0 ? answer.saved_at : null,
      flagged: answer?.flagged === 1,
    };
  });
  return {
    id: attempt.id,
    examId: attempt.exam_id,
    title: attempt.title,
    attemptNo: attempt.attempt_no,
    status: attempt.status,
    deadlineAt: attempt.deadline_at,
    remainingMs: remainingMs(now, attempt.deadline_at),
    items,
  };
}

/** Whether a visibility policy lets the taker see something now. */
export function visibleNow(policy: Visibility, attempt: { status: string }, examClosesAt: number, now: number): boolean {
  if (attempt.status !== "closed") return false;
  if (policy === "never") return false;
  if (policy === "after_close") return now >= examClosesAt;
  return true;
}

/** The closed attempt's result and (policy permitting) review, or null (→ 404). */
export async function attemptResult(db: Db, attemptId: number, personId: number, now = Date.now()) {
  const attempt = await ownAttempt(db, attemptId, personId);
  if (!attempt) return null;
  const scoreVisible = visibleNow(attempt.score_visibility, attempt, attempt.closes_at, now);
  const reviewVisible = visibleNow(attempt.review_visibility, attempt, attempt.closes_at, now);
  const review = reviewVisible
    ? (await itemsWithAnswers(db, attemptId)).map(({ item, content, answer }) => ({
        position: item.position,
        type: content.type,
        stemHtml: cachedHtml(content.stem),
        options: content.type === "single" || content.type === "multiple" ? content.options.map((o, index) => ({ index, text: o.text, correct: o.correct })) : [],
        key: content.type === "truefalse" ? content.answer : content.type === "fill" ? content.blanks : content.type === "essay" ? (content.referenceAnswer ?? null) : null,
        explanationHtml: content.explanation ? cachedHtml(content.explanation) : "",
        answer: answer && answer.seq > 0 ? JSON.parse(answer.answer) : null,
        scoreX100: answer?.score_x100 ?? null,
        maxX100: item.max_x100,
        outcome: answer?.outcome ?? null,
      }))
    : null;
  return {
    id: attempt.id,
    examId: attempt.exam_id,
    title: attempt.title,
    status: attempt.status,
    finishedAt: attempt.finished_at,
    closedBy: attempt.closed_by,
    scoreVisible,
    reviewVisible,
    // The policy itself is no secret: it lets the page say when the score and review appear.
    scoreVisibility: attempt.score_visibility,
    reviewVisibility: attempt.review_visibility,
    closesAt: attempt.closes_at,
    score: scoreVisible ? { scoreX100: attempt.score_x100, maxX100: attempt.max_x100, passX100: attempt.pass_x100, pending: attempt.pending_count, passed: attempt.passed === null ? null : attempt.passed === 1 } : null,
    review,
  };
}
