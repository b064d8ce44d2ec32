import { describe, expect, it } from "vitest";
import { describeRating, formatRating, isValidScore, ratingAfter } from "~/modules/instructors/rating";

describe("ratingAfter (average × 100, rounded half up)", () => {
  it("starts from the first score", () => {
    expect(ratingAfter({ ratingX100: null, count: 0 }, 4)).toEqual({ ratingX100: 400, count: 1 });
  });

  it("adds one score to the average", () => {
    const steps: Array<[number, number, number]> = [
      [5, 450, 2], // (400 + 500) / 2
      [4, 433, 3], // 1300 / 3 = 433.33
      [5, 450, 4], // (1299 + 500) / 4 = 449.75
      [1, 380, 5], // (1800 + 100) / 5
    ];
    let rating = ratingAfter({ ratingX100: null, count: 0 }, 4);
    for (const [score, average, count] of steps) {
      rating = ratingAfter(rating, score);
      expect(rating).toEqual({ ratingX100: average, count });
    }
  });

  it("rounds an exact half up", () => {
    expect(ratingAfter({ ratingX100: 301, count: 1 }, 4)).toEqual({ ratingX100: 351, count: 2 }); // 350.5
    expect(ratingAfter({ ratingX100: 299, count: 1 }, 1)).toEqual({ ratingX100: 200, count: 2 }); // 199.5
  });

  it("stays exact for equal scores however many there are", () => {
    let rating = { ratingX100: null as number | null, count: 0 };
    for (let i = 0; i < 500; i++) rating = ratingAfter(rating, 3);
    expect(rating).toEqual({ ratingX100: 300, count: 500 });
  });

  it("stays within a few hundredths of the exact mean over many mixed scores", () => {
    let rating = { ratingX100: null as number | null, count: 0 };
    let sum = 0;
    for (let i = 0; i < 300; i++) {
      const score = ((i * 7) % 5) + 1;
      sum += score;
      rating = ratingAfter(rating, score);
    }
    expect(Math.abs(rating.ratingX100! - (sum * 100) / 300)).toBeLessThan(5);
    expect(rating.ratingX100).toBeGreaterThanOrEqual(100);
    expect(rating.ratingX100).toBeLessThanOrEqual(500);
  });

  it("treats a count without an average as no ratings", () => {
    expect(ratingAfter({ ratingX100: null, count: 7 }, 5)).toEqual({ ratingX100: 500, count: 1 });
  });

  it("refuses scores outside 1–5 and fractions", () => {
    for (const score of [0, 6, 2.5, Number.NaN, -1]) {
      expect(isValidScore(score)).toBe(false);
      expect(() => ratingAfter({ ratingX100: 400, count: 1 }, score)).toThrow(RangeError);
    }
    for (const score of [1, 2, 3, 4, 5]) expect(isValidScore(score)).toBe(true);
  });
});

describe("rating display", () => {
  it("formats hundredths", () => {
    expect(formatRating(435)).toBe("4.35");
    expect(formatRating(500)).toBe("5.00");
    expect(formatRating(null)).toBe("—");
  });

  it("describes the average with its count", () => {
    expect(describeRating({ ratingX100: 435, count: 12 })).toBe("4.35 分（12 次评价）");
    expect(describeRating({ ratingX100: null, count: 0 })).toBe("暂无评价");
  });
});
