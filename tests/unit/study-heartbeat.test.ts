import { describe, expect, it } from "vitest";
import {
  applyCheckAnswer,
  applyHeartbeat,
  BEAT_INTERVAL_MS,
  capSeconds,
  MAX_CREDITED_GAP_MS,
  requiredSeconds,
  type ProgressState,
} from "~/modules/study/heartbeat";

const lesson = { minutes: 2, hasCheck: false }; // 120 s required, 180 s cap
const fresh: ProgressState = { seconds: 0, lastBeatAt: null, checkPassed: false, completedAt: null };

function beats(state: ProgressState, start: number, count: number, every = BEAT_INTERVAL_MS, visible = true, l = lesson) {
  let s = state;
  for (let i = 0; i < count; i++) s = applyHeartbeat(s, l, start + i * every, visible);
  return s;
}

describe("applyHeartbeat", () => {
  it("starts the clock on the first beat without crediting anything", () => {
    const s = applyHeartbeat(fresh, lesson, 1_000, true);
    expect(s).toEqual({ seconds: 0, lastBeatAt: 1_000, checkPassed: false, completedAt: null });
  });

  it("credits the time between regular beats", () => {
    const s = beats(fresh, 0, 5); // 4 gaps of 15 s
    expect(s.seconds).toBe(60);
  });

  it("credits nothing for a gap longer than the allowed one (page hidden, phone asleep)", () => {
    const s1 = beats(fresh, 0, 2);
    const s2 = applyHeartbeat(s1, lesson, s1.lastBeatAt! + MAX_CREDITED_GAP_MS + 1, true);
    expect(s2.seconds).toBe(s1.seconds);
    const s3 = applyHeartbeat(s2, lesson, s2.lastBeatAt! + BEAT_INTERVAL_MS, true);
    expect(s3.seconds).toBe(s1.seconds + 15);
  });

  it("credits nothing while the page reports it is hidden", () => {
    const s = beats(fresh, 0, 10, BEAT_INTERVAL_MS, false);
    expect(s.seconds).toBe(0);
  });

  it("credits nothing for replayed or out-of-order beats", () => {
    const s1 = beats(fresh, 0, 3);
    const replay = applyHeartbeat(s1, lesson, s1.lastBeatAt!, true);
    expect(replay.seconds).toBe(s1.seconds);
    const older = applyHeartbeat(s1, lesson, s1.lastBeatAt! - 5_000, true);
    expect(older.seconds).toBe(s1.seconds);
    expect(older.lastBeatAt).toBe(s1.lastBeatAt);
  });

  it("caps the credited time at 1.5 × the estimate, however long the tab stays open", () => {
    const s = beats(fresh, 0, 1000);
    expect(s.seconds).toBe(capSeconds(lesson));
    expect(capSeconds(lesson)).toBe(180);
  });

  it("completes the lesson once its estimated time is reached, at that beat", () => {
    const before = beats(fresh, 0, 8); // 7 gaps = 105 s
    expect(before.completedAt).toBeNull();
    const at = applyHeartbeat(before, lesson, 8 * BEAT_INTERVAL_MS, true); // 8 × 15 = 120 s total
    expect(at.seconds).toBe(requiredSeconds(lesson));
    expect(at.completedAt).toBe(8 * BEAT_INTERVAL_MS);
    const later = applyHeartbeat(at, lesson, 9 * BEAT_INTERVAL_MS, true);
    expect(later.completedAt).toBe(at.completedAt);
  });

  it("waits for the check question when the lesson has one", () => {
    const withCheck = { minutes: 1, hasCheck: true };
    const timeDone = beats(fresh, 0, 10, BEAT_INTERVAL_MS, true, withCheck);
    expect(timeDone.seconds).toBeGreaterThanOrEqual(60);
    expect(timeDone.completedAt).toBeNull();
    const wrong = applyCheckAnswer(timeDone, withCheck, false, 200_000);
    expect(wrong.completedAt).toBeNull();
    const right = applyCheckAnswer(wrong, withCheck, true, 210_000);
    expect(right.completedAt).toBe(210_000);
    expect(applyCheckAnswer(right, withCheck, false, 220_000).checkPassed).toBe(true);
  });

  it("answering the check first, then reaching the time, completes at the beat", () => {
    const withCheck = { minutes: 1, hasCheck: true };
    const answered = applyCheckAnswer(fresh, withCheck, true, 0);
    expect(answered.completedAt).toBeNull();
    const done = beats(answered, 0, 5, BEAT_INTERVAL_MS, true, withCheck);
    expect(done.completedAt).toBe(4 * BEAT_INTERVAL_MS);
  });
});
