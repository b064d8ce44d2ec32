// When each virtual taker acts: logins spread over the pre-exam window, think times randomised
// ±50 %, and the send instants of an open-loop run at a fixed offered rate. Pure and seeded, so a
// rerun with the same options replays the same schedule.

/** mulberry32: a small seeded generator returning [0, 1). */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Login offsets (ms from the window's opening) for `takers` people over `windowMs`: one per equal
 * slot, placed at a random point inside its slot, so the rate is even but not lock-stepped.
 * Ascending.
 */
export function loginOffsets(takers: number, windowMs: number, rng: () => number): number[] {
  if (takers <= 0) return [];
  const slot = windowMs / takers;
  return Array.from({ length: takers }, (_, i) => Math.floor(i * slot + rng() * slot));
}

/** A think time of `meanMs` randomised uniformly within ±50 % (never negative). */
export function thinkMs(meanMs: number, rng: () => number): number {
  return Math.max(0, meanMs * (0.5 + rng()));
}

/** Send instants (ms from the start) of an open-loop run: `rate` per second for `durationMs`. */
export function openLoopOffsets(rate: number, durationMs: number): number[] {
  if (rate <= 0 || durationMs <= 0) return [];
  const count = Math.floor((rate * durationMs) / 1000);
  const gap = 1000 / rate;
  return Array.from({ length: count }, (_, i) => i * gap);
}

/**
 * Which positions a taker answers, in answering order: `answers` distinct positions out of
 * 1..`questions`, front to back as a person works through the paper.
 */
export function answeringOrder(questions: number, answers: number): number[] {
  const n = Math.max(0, Math.min(questions, answers));
  return Array.from({ length: n }, (_, i) => i + 1);
}
