import { describe, expect, it } from "vitest";
import type { Answer } from "~/modules/exams/answers";
import { analyzeItems, ITEM_FLAG_LABELS, type AnalysisAttempt, type AnalysisItem, type AnalysisQuestion, type ItemStats } from "~/modules/exams/item-analysis";

/**
 * Ten takers with totals 1000, 900, …, 100 (already ranked). With 10 takers the groups are
 * round(2.7) = 3: upper = takers 0–2, lower = takers 7–9.
 */
const TOTALS = [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100];

function attemptsFrom(columns: Record<number, Array<Omit<AnalysisItem, "questionId" | "maxScoreX100"> & { maxScoreX100?: number }>>, totals = TOTALS): AnalysisAttempt[] {
  return totals.map((totalScoreX100, t) => ({
    totalScoreX100,
    items: Object.entries(columns).flatMap(([questionId, cells]) =>
      cells[t] === undefined ? [] : [{ questionId: Number(questionId), maxScoreX100: 100, ...cells[t] }],
    ),
  }));
}
const right = (answer: Answer | null = null) => ({ scoreX100: 100, answer });
const wrong = (answer: Answer | null = null) => ({ scoreX100: 0, answer });
const codes = (stats: ItemStats) => stats.flags.map((f) => f.code);

describe("analyzeItems on a hand-computed data set", () => {
  const questions: AnalysisQuestion[] = [
    { questionId: 1, type: "single", optionCount: 4 },
    { questionId: 2, type: "truefalse", optionCount: 0 },
    { questionId: 3, type: "truefalse", optionCount: 0 },
    { questionId: 4, type: "multiple", optionCount: 4 },
    { questionId: 5, type: "essay", optionCount: 0 },
  ];
  const c = (choice: number) => ({ choice });
  const attempts = attemptsFrom({
    // Key A (0). Upper: 2 of 3 right; middle: 3 of 4; lower: 1 of 3 → P = 6/10, D = 2/3 − 1/3.
    1: [right(c(0)), right(c(0)), wrong(c(1)), right(c(0)), right(c(0)), wrong(c(2)), right(c(0)), wrong(c(1)), right(c(0)), wrong(null)],
    // Strong takers miss it, weak ones get it: P = 7/10, D = 0 − 1 = −1.
    2: [wrong(), wrong(), wrong(), right(), right(), right(), right(), right(), right(), right()],
    // Everybody right: P = 1, D = 0.
    3: Array.from({ length: 10 }, () => right({ value: true })),
    // Nobody right; choices from a multiple-choice answer, one blank.
    4: [
      wrong({ choices: [0, 1] }),
      wrong({ choices: [1] }),
      wrong({ choices: [1, 3] }),
      wrong({ choices: [3] }),
      wrong({ choices: [0, 3] }),
      wrong({ choices: [1] }),
      wrong({ choices: [2] }),
      wrong({ choices: [] }),
      wrong(null),
      wrong({ choices: [1] }),
    ],
    // 简答 worth 10 points, two still waiting for a grader (left out): 8 takers.
    5: [
      { scoreX100: 900, maxScoreX100: 1000, answer: { text: "a" } },
      { scoreX100: null, maxScoreX100: 1000, answer: { text: "b" } },
      { scoreX100: 700, maxScoreX100: 1000, answer: { text: "c" } },
      { scoreX100: 500, maxScoreX100: 1000, answer: { text: "d" } },
      { scoreX100: null, maxScoreX100: 1000, answer: { text: "e" } },
      { scoreX100: 300, maxScoreX100: 1000, answer: { text: "f" } },
      { scoreX100: 0, maxScoreX100: 1000, answer: { text: "" } },
      { scoreX100: 0, maxScoreX100: 1000, answer: null },
      { scoreX100: 100, maxScoreX100: 1000, answer: { text: "g" } },
      { scoreX100: 100, maxScoreX100: 1000, answer: { text: "h" } },
    ],
  });
  const stats = analyzeItems(questions, attempts);

  it("keeps the order of the questions given", () => {
    expect(stats.map((s) => s.questionId)).toEqual([1, 2, 3, 4, 5]);
  });

  it("question 1: facility, discrimination, option frequencies", () => {
    expect(stats[0]).toMatchObject({ takers: 10, facility: 0.6, discrimination: 0.3333, unanswered: 1, flags: [] });
    expect(stats[0].options).toEqual([
      { index: 0, count: 6, share: 0.6 },
      { index: 1, count: 2, share: 0.2 },
      { index: 2, count: 1, share: 0.1 },
      { index: 3, count: 0, share: 0 },
    ]);
  });

  it("question 2: negative discrimination is flagged (often a wrong key)", () => {
    expect(stats[1]).toMatchObject({ takers: 10, facility: 0.7, discrimination: -1, options: null });
    expect(codes(stats[1])).toEqual(["negative_discrimination"]);
    expect(stats[1].flags[0].label).toBe(ITEM_FLAG_LABELS.negative_discrimination);
  });

  it("question 3: too easy, and it cannot discriminate", () => {
    expect(stats[2]).toMatchObject({ facility: 1, discrimination: 0 });
    expect(codes(stats[2])).toEqual(["too_easy", "low_discrimination"]);
  });

  it("question 4: too hard; multiple-choice frequencies count each option chosen", () => {
    expect(stats[3]).toMatchObject({ facility: 0, discrimination: 0, unanswered: 2 });
    expect(codes(stats[3])).toEqual(["too_hard", "low_discrimination"]);
    expect(stats[3].options!.map((o) => o.count)).toEqual([2, 5, 1, 3]);
  });

  it("question 5: pending essays are left out; fewer than 10 takers has no discrimination", () => {
    // (900 + 700 + 500 + 300 + 0 + 0 + 100 + 100) / 8000 = 0.325
    expect(stats[4]).toMatchObject({ takers: 8, facility: 0.325, discrimination: null, options: null, unanswered: 2, flags: [] });
  });
});

describe("analyzeItems: thresholds and edge cases", () => {
  const q: AnalysisQuestion[] = [{ questionId: 1, type: "truefalse", optionCount: 0 }];
  const scores = (...s: number[]) => attemptsFrom({ 1: s.map((scoreX100) => ({ scoreX100, answer: { value: true } })) });

  it("facility exactly 0.9 or 0.2 is not flagged", () => {
    expect(codes(analyzeItems(q, scores(90, 90, 90, 90, 90, 90, 90, 90, 90, 90))[0])).not.toContain("too_easy");
    expect(codes(analyzeItems(q, scores(20, 20, 20, 20, 20, 20, 20, 20, 20, 20))[0])).not.toContain("too_hard");
    expect(codes(analyzeItems(q, scores(91, 91, 91, 91, 91, 91, 91, 91, 91, 91))[0])).toContain("too_easy");
    expect(codes(analyzeItems(q, scores(19, 19, 19, 19, 19, 19, 19, 19, 19, 19))[0])).toContain("too_hard");
  });

  it("discrimination exactly 0.2 is not low, despite 0.7 − 0.5 = 0.19999… in floating point", () => {
    const [stats] = analyzeItems(q, scores(70, 70, 70, 60, 60, 60, 60, 50, 50, 50));
    expect(stats.discrimination).toBe(0.2);
    expect(codes(stats)).toEqual([]);
  });

  it("discrimination just under 0.2 is low", () => {
    const [stats] = analyzeItems(q, scores(70, 70, 69, 60, 60, 60, 60, 50, 50, 50));
    expect(stats.discrimination).toBe(0.1967);
    expect(codes(stats)).toEqual(["low_discrimination"]);
  });

  it("needs 10 takers for discrimination", () => {
    const nine = attemptsFrom({ 1: Array.from({ length: 9 }, () => right({ value: true })) });
    expect(analyzeItems(q, nine)[0]).toMatchObject({ takers: 9, discrimination: null });
  });

  it("groups are 27 % of the takers, rounded: 20 takers → 5 and 5", () => {
    const totals = Array.from({ length: 20 }, (_, i) => 2000 - i * 10);
    // Top 5 right, 6th right too; bottom 5 wrong except the 16th (just outside the lower group).
    const cells = Array.from({ length: 20 }, (_, i) => (i < 6 || i === 14 ? right({ value: true }) : wrong({ value: false })));
    const [stats] = analyzeItems(q, attemptsFrom({ 1: cells }, totals));
    expect(stats.discrimination).toBe(1);
    expect(stats.facility).toBe(0.35);
  });

  it("ranks by total score, not by input order", () => {
    const totals = [100, 1000, 200, 900, 300, 800, 400, 700, 500, 600];
    const cells = totals.map((t) => (t >= 800 ? right({ value: true }) : wrong({ value: false })));
    const [stats] = analyzeItems(q, attemptsFrom({ 1: cells }, totals));
    expect(stats.discrimination).toBe(1);
  });

  it("a question nobody took", () => {
    const [stats] = analyzeItems([{ questionId: 9, type: "single", optionCount: 3 }], scores(100, 100));
    expect(stats).toEqual({
      questionId: 9,
      takers: 0,
      facility: null,
      discrimination: null,
      options: [
        { index: 0, count: 0, share: 0 },
        { index: 1, count: 0, share: 0 },
        { index: 2, count: 0, share: 0 },
      ],
      unanswered: 0,
      flags: [],
    });
  });

  it("uses the sum of maxima when a question was worth different points in different papers", () => {
    const attempts: AnalysisAttempt[] = [
      { totalScoreX100: 10, items: [{ questionId: 1, scoreX100: 200, maxScoreX100: 200, answer: { value: true } }] },
      { totalScoreX100: 5, items: [{ questionId: 1, scoreX100: 0, maxScoreX100: 100, answer: { value: false } }] },
    ];
    expect(analyzeItems(q, attempts)[0].facility).toBe(0.6667);
  });

  it("ignores option indexes outside the version's options and repeated indexes", () => {
    const attempts: AnalysisAttempt[] = [{ totalScoreX100: 0, items: [{ questionId: 1, scoreX100: 0, maxScoreX100: 100, answer: { choices: [1, 1, 7] } }] }];
    const [stats] = analyzeItems([{ questionId: 1, type: "multiple", optionCount: 2 }], attempts);
    expect(stats.options).toEqual([
      { index: 0, count: 0, share: 0 },
      { index: 1, count: 1, share: 1 },
    ]);
  });

  it("every flag has a Chinese label", () => {
    for (const label of Object.values(ITEM_FLAG_LABELS)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });
});
