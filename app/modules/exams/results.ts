// Exam results: which attempt counts, pass/fail, the score distribution and group summaries (by
// station, by town…). Scores are integers in hundredths of a point. Pure: no I/O.

export interface AttemptScore {
  id: number;
  attemptNo: number;
  /** null until graded. */
  scoreX100: number | null;
  /** Closed and fully graded (no 简答 waiting for a grader). */
  finalised: boolean;
}

export type CountingRule = "highest" | "last";

/**
 * The attempt whose score is the person's result, or null when none is finalised yet. Only
 * finalised attempts count: an attempt in progress or waiting for a grader must not replace a
 * settled result, and under "last" the result moves to a new attempt once it is finalised.
 * "highest" breaks ties by the earlier attempt (the one that first reached the score).
 */
export function countingAttempt<T extends AttemptScore>(attempts: readonly T[], rule: CountingRule): T | null {
  let best: (T & { scoreX100: number }) | null = null;
  for (const a of attempts) {
    if (!a.finalised || a.scoreX100 === null) continue;
    const scored = a as T & { scoreX100: number };
    if (best === null || beats(scored, best, rule)) best = scored;
  }
  return best;
}

function beats(a: { attemptNo: number; scoreX100: number }, b: { attemptNo: number; scoreX100: number }, rule: CountingRule): boolean {
  if (rule === "last") return a.attemptNo > b.attemptNo;
  return a.scoreX100 > b.scoreX100 || (a.scoreX100 === b.scoreX100 && a.attemptNo < b.attemptNo);
}

/** Reaching the pass mark exactly passes; an ungraded score never does. */
export function passed(scoreX100: number | null, passMarkX100: number): boolean {
  return scoreX100 !== null && scoreX100 >= passMarkX100;
}

export interface HistogramBucket {
  /** Inclusive lower edge. */
  fromX100: number;
  /** Exclusive upper edge, except the last bucket, which includes the maximum. */
  toX100: number;
  count: number;
}

/**
 * Score distribution over [0, max] in `buckets` buckets with integer edges floor(max·i/buckets).
 * The last bucket includes full marks, so a perfect score is not a bucket of its own. Scores
 * outside [0, max] (a hand-marked score above a lowered maximum) are clamped into the end buckets.
 * Fewer buckets are used when max has fewer hundredths than buckets, so no bucket is empty by width.
 */
export function scoreHistogram(scoresX100: readonly number[], maxX100: number, buckets = 10): HistogramBucket[] {
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`invalid bucket count ${buckets}`);
  if (maxX100 <= 0) return [{ fromX100: 0, toX100: 0, count: scoresX100.length }];
  const n = Math.min(buckets, maxX100);
  const edges = Array.from({ length: n + 1 }, (_, i) => Math.floor((maxX100 * i) / n));
  const out = edges.slice(0, n).map((from, i) => ({ fromX100: from, toX100: edges[i + 1], count: 0 }));
  for (const score of scoresX100) {
    const s = Math.min(Math.max(score, 0), maxX100);
    // The largest bucket whose lower edge is ≤ s; s = max lands in the last one.
    let i = Math.min(n - 1, Math.floor((s * n) / maxX100));
    while (i > 0 && edges[i] > s) i--;
    while (i < n - 1 && edges[i + 1] <= s) i++;
    out[i].count++;
  }
  return out;
}

export interface GroupSummary {
  /** Everyone with a result row, graded or not. */
  participants: number;
  graded: number;
  /** Waiting for a grader: excluded from average and pass rate until marked. */
  pending: number;
  passedCount: number;
  /** Mean of graded scores, rounded to the hundredth; null when nobody is graded. */
  averageX100: number | null;
  /** passedCount / graded, 0…1; null when nobody is graded. */
  passRate: number | null;
  highestX100: number | null;
  lowestX100: number | null;
}

/** Summary of one group's results (one counting result per person). */
export function summarize(results: ReadonlyArray<{ scoreX100: number | null }>, passMarkX100: number): GroupSummary {
  const scores = results.flatMap((r) => (r.scoreX100 === null ? [] : [r.scoreX100]));
  const passedCount = scores.filter((s) => passed(s, passMarkX100)).length;
  const graded = scores.length;
  return {
    participants: results.length,
    graded,
    pending: results.length - graded,
    passedCount,
    averageX100: graded === 0 ? null : Math.round(scores.reduce((a, b) => a + b, 0) / graded),
    passRate: graded === 0 ? null : passedCount / graded,
    // reduce, not Math.max(...scores): a city-wide exam can exceed the spread-argument limit.
    highestX100: graded === 0 ? null : scores.reduce((a, b) => Math.max(a, b)),
    lowestX100: graded === 0 ? null : scores.reduce((a, b) => Math.min(a, b)),
  };
}
