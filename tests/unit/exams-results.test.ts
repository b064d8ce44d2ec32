import { describe, expect, it } from "vitest";
import { countingAttempt, passed, scoreHistogram, summarize, type AttemptScore } from "~/modules/exams/results";

const attempt = (id: number, attemptNo: number, scoreX100: number | null, finalised = true): AttemptScore => ({ id, attemptNo, scoreX100, finalised });

describe("countingAttempt", () => {
  const attempts = [attempt(11, 1, 7000), attempt(12, 2, 8500), attempt(13, 3, 6000)];

  it("highest: the best score", () => {
    expect(countingAttempt(attempts, "highest")?.id).toBe(12);
  });

  it("last: the latest attempt, even when worse", () => {
    expect(countingAttempt(attempts, "last")?.id).toBe(13);
  });

  it("does not depend on the input order", () => {
    const reversed = [...attempts].reverse();
    expect(countingAttempt(reversed, "highest")?.id).toBe(12);
    expect(countingAttempt(reversed, "last")?.id).toBe(13);
  });

  it("highest: a tie goes to the earlier attempt", () => {
    expect(countingAttempt([attempt(2, 2, 9000), attempt(1, 1, 9000)], "highest")?.id).toBe(1);
  });

  it("skips attempts that are not finalised or not scored", () => {
    const withOpen = [...attempts, attempt(14, 4, null, false), attempt(15, 5, 9900, false)];
    expect(countingAttempt(withOpen, "highest")?.id).toBe(12);
    expect(countingAttempt(withOpen, "last")?.id).toBe(13);
    expect(countingAttempt([attempt(1, 1, null, true)], "last")).toBeNull();
  });

  it("null when nothing counts yet", () => {
    expect(countingAttempt([], "highest")).toBeNull();
    expect(countingAttempt([attempt(1, 1, 5000, false)], "last")).toBeNull();
  });

  it("a zero score counts", () => {
    expect(countingAttempt([attempt(1, 1, 0)], "highest")?.id).toBe(1);
  });

  it("returns the caller's own object, extra fields included", () => {
    const rows = [{ ...attempt(1, 1, 100), personId: 42 }];
    expect(countingAttempt(rows, "last")).toBe(rows[0]);
  });
});

describe("passed", () => {
  it.each([
    [6000, 6000, true],
    [5999, 6000, false],
    [10000, 6000, true],
    [0, 0, true],
    [null, 0, false],
  ] as const)("%s against %s → %s", (score, mark, expected) => {
    expect(passed(score, mark)).toBe(expected);
  });
});

describe("scoreHistogram", () => {
  it("ten buckets over 0–100 points, the last one including full marks", () => {
    const buckets = scoreHistogram([0, 999, 1000, 5950, 9000, 9999, 10000, 10000], 10000);
    expect(buckets).toHaveLength(10);
    expect(buckets.map((b) => [b.fromX100, b.toX100])).toEqual(Array.from({ length: 10 }, (_, i) => [i * 1000, (i + 1) * 1000]));
    expect(buckets.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 4]);
  });

  it("edges exactly on a boundary go to the upper bucket", () => {
    const buckets = scoreHistogram([1000, 2000], 10000);
    expect(buckets[1].count).toBe(1);
    expect(buckets[2].count).toBe(1);
  });

  it("uneven maxima get integer edges and still count every score once", () => {
    const buckets = scoreHistogram([0, 33, 34, 66, 67, 99, 100], 100, 3);
    expect(buckets).toEqual([
      { fromX100: 0, toX100: 33, count: 1 },
      { fromX100: 33, toX100: 66, count: 2 },
      { fromX100: 66, toX100: 100, count: 4 },
    ]);
  });

  it("every score lands in the bucket whose edges hold it, for many maxima and bucket counts", () => {
    for (const max of [1, 7, 50, 99, 100, 150, 333, 1000, 12345]) {
      for (const n of [1, 2, 3, 5, 7, 10, 20]) {
        const scores = Array.from({ length: max + 1 }, (_, s) => s);
        const buckets = scoreHistogram(scores, max, n);
        expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(max + 1);
        expect(buckets[0].fromX100).toBe(0);
        expect(buckets[buckets.length - 1].toX100).toBe(max);
        buckets.forEach((b, i) => {
          expect(b.toX100).toBeGreaterThan(b.fromX100);
          const last = i === buckets.length - 1;
          expect(b.count).toBe(b.toX100 - b.fromX100 + (last ? 1 : 0));
        });
      }
    }
  });

  it("clamps out-of-range scores into the end buckets", () => {
    const buckets = scoreHistogram([-50, 12000], 10000);
    expect(buckets[0].count).toBe(1);
    expect(buckets[9].count).toBe(1);
  });

  it("a zero maximum is one bucket", () => {
    expect(scoreHistogram([0, 0], 0)).toEqual([{ fromX100: 0, toX100: 0, count: 2 }]);
  });

  it("no scores, all buckets empty", () => {
    expect(scoreHistogram([], 10000).every((b) => b.count === 0)).toBe(true);
  });

  it("refuses a bad bucket count", () => {
    expect(() => scoreHistogram([], 100, 0)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("participants, average, pass rate, extremes", () => {
    const summary = summarize([{ scoreX100: 9000 }, { scoreX100: 6000 }, { scoreX100: 5999 }, { scoreX100: 7500 }], 6000);
    expect(summary).toEqual({
      participants: 4,
      graded: 4,
      pending: 0,
      passedCount: 3,
      averageX100: 7125, // (9000 + 6000 + 5999 + 7500) / 4 = 7124.75
      passRate: 0.75,
      highestX100: 9000,
      lowestX100: 5999,
    });
  });

  it("pending results count as participants but not in average or pass rate", () => {
    const summary = summarize([{ scoreX100: 8000 }, { scoreX100: null }, { scoreX100: 4000 }], 6000);
    expect(summary).toMatchObject({ participants: 3, graded: 2, pending: 1, passedCount: 1, averageX100: 6000, passRate: 0.5 });
  });

  it("an empty or all-pending group has no average", () => {
    expect(summarize([], 6000)).toEqual({ participants: 0, graded: 0, pending: 0, passedCount: 0, averageX100: null, passRate: null, highestX100: null, lowestX100: null });
    expect(summarize([{ scoreX100: null }], 6000)).toMatchObject({ participants: 1, pending: 1, averageX100: null, passRate: null });
  });

  it("rounds the average to the hundredth", () => {
    expect(summarize([{ scoreX100: 1 }, { scoreX100: 2 }], 0).averageX100).toBe(2); // 1.5 → 2
    expect(summarize([{ scoreX100: 1 }, { scoreX100: 1 }, { scoreX100: 2 }], 0).averageX100).toBe(1); // 1.33 → 1
  });

  it("handles a city-sized group", () => {
    const results = Array.from({ length: 200_000 }, (_, i) => ({ scoreX100: i % 10001 }));
    const summary = summarize(results, 6000);
    expect(summary.highestX100).toBe(10000);
    expect(summary.lowestX100).toBe(0);
  });
});
