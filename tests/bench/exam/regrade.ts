// The independent regrade of the correctness check: an attempt's score recomputed from its frozen
// items and stored answers with the pure grading module, compared with what the server stored, and
// the acknowledged-answer comparison. Pure: the caller reads the rows.
import { parseStoredAnswer } from "~/modules/exams/answers";
import { gradeAttempt, type GradingRules } from "~/modules/exams/grading";
import type { QuestionContent } from "~/modules/questions/content";

export interface FrozenItem {
  position: number;
  maxX100: number;
  question: QuestionContent;
}

export interface StoredAnswer {
  position: number;
  answer: string;
  seq: number;
  scoreX100: number | null;
}

/** The score (hundredths) of one attempt from its items (any order) and stored answers. */
export function regradeScore(items: readonly FrozenItem[], answers: readonly StoredAnswer[], rules: GradingRules): { scoreX100: number; perPosition: Map<number, number> } {
  const byPosition = new Map(answers.map((a) => [a.position, a]));
  const sorted = [...items].sort((a, b) => a.position - b.position);
  const grade = gradeAttempt(
    sorted.map((i) => ({ question: i.question, answer: parseStoredAnswer(byPosition.get(i.position)?.answer), maxScoreX100: i.maxX100 })),
    rules,
  );
  return { scoreX100: grade.scoreX100, perPosition: new Map(sorted.map((i, k) => [i.position, grade.items[k]!.scoreX100])) };
}

/** Why a stored grade disagrees with the regrade, or null when it agrees (total and every item). */
export function gradeMismatch(storedScoreX100: number | null, stored: readonly StoredAnswer[], regrade: { scoreX100: number; perPosition: Map<number, number> }): string | null {
  if (storedScoreX100 !== regrade.scoreX100) return `total ${storedScoreX100} stored, ${regrade.scoreX100} regraded`;
  const byPosition = new Map(stored.map((a) => [a.position, a]));
  for (const [position, score] of regrade.perPosition) {
    const row = byPosition.get(position);
    if (!row) return `position ${position}: no answer row after grading`;
    if (row.scoreX100 !== score) return `position ${position}: ${row.scoreX100} stored, ${score} regraded`;
  }
  return null;
}

/** Canonical JSON (sorted keys) so equal answers compare equal whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Whether an acknowledged save survived: the stored row must have a seq at least the acknowledged
 * one, and the same answer when the seq is equal. Returns the problem, or null.
 */
export function ackProblem(ack: { seq: number; answer: unknown }, row: { seq: number; answer: string } | undefined): string | null {
  if (!row) return `acknowledged seq ${ack.seq} but no row`;
  if (row.seq < ack.seq) return `acknowledged seq ${ack.seq} but stored seq ${row.seq}`;
  if (row.seq === ack.seq) {
    let stored: unknown;
    try {
      stored = JSON.parse(row.answer);
    } catch {
      return `stored answer is not JSON: ${row.answer.slice(0, 40)}`;
    }
    if (canonicalJson(stored) !== canonicalJson(ack.answer)) return `seq ${ack.seq}: stored ${row.answer.slice(0, 60)} ≠ acknowledged ${JSON.stringify(ack.answer).slice(0, 60)}`;
  }
  return null;
}
