// Instructor ratings: an average of 1–5 scores kept as an integer × 100 plus how many scores it
// averages, so adding one score is exact integer arithmetic on both engines. Pure.
import { RATING_MAX, RATING_MIN } from "./constants";

export interface Rating {
  /** Average × 100 (100–500), null before the first score. */
  ratingX100: number | null;
  count: number;
}

export function isValidScore(score: number): boolean {
  return Number.isInteger(score) && score >= RATING_MIN && score <= RATING_MAX;
}

/**
 * The rating after one more `score`: (average × count + score) / (count + 1), rounded half up to
 * hundredths. Only the rounded average is stored (not the sum), so after many ratings it may sit
 * a few hundredths off the exact mean: fine for a displayed rating, and exact for equal scores.
 */
export function ratingAfter(current: Rating, score: number): { ratingX100: number; count: number } {
  if (!isValidScore(score)) throw new RangeError(`rating must be an integer ${RATING_MIN}–${RATING_MAX}, got ${score}`);
  const count = current.ratingX100 === null ? 0 : Math.max(0, current.count);
  const total = (current.ratingX100 ?? 0) * count + score * 100;
  const n = count + 1;
  return { ratingX100: Math.floor((2 * total + n) / (2 * n)), count: n };
}

/** "4.35" for 435; "—" before the first score. */
export function formatRating(ratingX100: number | null): string {
  if (ratingX100 === null) return "—";
  return (ratingX100 / 100).toFixed(2);
}

/** "4.35 分（12 次评价）", or "暂无评价". */
export function describeRating(rating: Rating): string {
  if (rating.ratingX100 === null || rating.count === 0) return "暂无评价";
  return `${formatRating(rating.ratingX100)} 分（${rating.count} 次评价）`;
}
