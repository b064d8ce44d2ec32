import { describe, expect, it } from "vitest";
import { attemptDeadline, finishTime, isOverdue, remainingMs, saveRefusal, startRefusal, type StartCheck } from "~/modules/exams/timing";

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 1, 1, 0); // 09:00 in Shanghai
const at = (minutes: number) => T0 + minutes * MIN;

describe("attemptDeadline", () => {
  const base = { startedAt: at(0), durationMinutes: 60, extraMinutes: 0, windowClosesAt: at(120) };

  it("start + duration when the window closes later", () => {
    expect(attemptDeadline(base)).toBe(at(60));
  });

  it("the window close caps a late start", () => {
    expect(attemptDeadline({ ...base, startedAt: at(90) })).toBe(at(120));
  });

  it("start + duration exactly at the close gives the same instant either way", () => {
    expect(attemptDeadline({ ...base, startedAt: at(60) })).toBe(at(120));
  });

  it("extra time extends the duration", () => {
    expect(attemptDeadline({ ...base, extraMinutes: 30 })).toBe(at(90));
  });

  it("extra time is honoured past the window close", () => {
    // Starts 20 minutes before the close: 20 + 30 extra, not cut at the close.
    expect(attemptDeadline({ ...base, startedAt: at(100), extraMinutes: 30 })).toBe(at(150));
    // Without extra time the same start is cut at the close.
    expect(attemptDeadline({ ...base, startedAt: at(100) })).toBe(at(120));
  });

  it("extra time never gives more than duration + extra", () => {
    expect(attemptDeadline({ ...base, startedAt: at(10), extraMinutes: 30 })).toBe(at(100));
  });

  it("a personal close replaces the window close, earlier or later", () => {
    expect(attemptDeadline({ ...base, startedAt: at(100), personalClosesAt: at(300) })).toBe(at(160));
    expect(attemptDeadline({ ...base, personalClosesAt: at(30) })).toBe(at(30));
    expect(attemptDeadline({ ...base, personalClosesAt: at(30), extraMinutes: 15 })).toBe(at(45));
    expect(attemptDeadline({ ...base, personalClosesAt: null })).toBe(at(60));
  });

  it("no window close: duration alone", () => {
    expect(attemptDeadline({ ...base, windowClosesAt: null, extraMinutes: 5 })).toBe(at(65));
  });

  it("untimed exam: the close (plus extra) alone", () => {
    expect(attemptDeadline({ ...base, durationMinutes: null })).toBe(at(120));
    expect(attemptDeadline({ ...base, durationMinutes: null, extraMinutes: 10 })).toBe(at(130));
  });

  it("untimed and never closing: no deadline", () => {
    expect(attemptDeadline({ ...base, durationMinutes: null, windowClosesAt: null })).toBeNull();
  });

  it("refuses negative or non-finite minutes", () => {
    expect(() => attemptDeadline({ ...base, extraMinutes: -1 })).toThrow(RangeError);
    expect(() => attemptDeadline({ ...base, durationMinutes: Number.NaN })).toThrow(RangeError);
  });

  it("property: never later than start + duration + extra nor close + extra; equals the design formula without extra", () => {
    for (let start = 0; start <= 200; start += 7) {
      for (const extra of [0, 5, 30]) {
        for (const close of [50, 120, 180]) {
          const d = attemptDeadline({ startedAt: at(start), durationMinutes: 60, extraMinutes: extra, windowClosesAt: at(close) })!;
          expect(d).toBeLessThanOrEqual(at(start + 60 + extra));
          expect(d).toBeLessThanOrEqual(at(close + extra));
          expect(d === at(start + 60 + extra) || d === at(close + extra)).toBe(true);
          if (extra === 0) expect(d).toBe(Math.min(at(start + 60), at(close)));
        }
      }
    }
  });
});

describe("startRefusal", () => {
  const format = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  const check = (over: Partial<StartCheck> = {}): StartCheck => ({
    now: at(10),
    opensAt: at(0),
    closesAt: at(120),
    attemptsUsed: 0,
    attemptsAllowed: 2,
    extraAttempts: 0,
    hasOpenAttempt: false,
    formatInstant: format,
    ...over,
  });

  it("allows a start inside the window with attempts left", () => {
    expect(startRefusal(check())).toBeNull();
  });

  it("before the window opens, with the opening time", () => {
    expect(startRefusal(check({ now: at(-1) }))).toBe(`考试尚未开始，开始时间：${format(at(0))}`);
    expect(startRefusal(check({ now: at(0) - 1 }))).toBe(`考试尚未开始，开始时间：2025-06-01 01:00`);
  });

  it("exactly at the open instant is allowed, exactly at the close is not", () => {
    expect(startRefusal(check({ now: at(0) }))).toBeNull();
    expect(startRefusal(check({ now: at(120) - 1 }))).toBeNull();
    expect(startRefusal(check({ now: at(120) }))).toBe("考试已结束");
    expect(startRefusal(check({ now: at(500) }))).toBe("考试已结束");
  });

  it("an open or never-closing window", () => {
    expect(startRefusal(check({ opensAt: null, now: at(-1000) }))).toBeNull();
    expect(startRefusal(check({ closesAt: null, now: at(100_000) }))).toBeNull();
  });

  it("a personal window overrides the exam's, bound by bound", () => {
    expect(startRefusal(check({ now: at(200), personalClosesAt: at(300) }))).toBeNull();
    expect(startRefusal(check({ now: at(300), personalClosesAt: at(300) }))).toBe("考试已结束");
    expect(startRefusal(check({ now: at(10), personalOpensAt: at(60) }))).toBe(`考试尚未开始，开始时间：${format(at(60))}`);
    expect(startRefusal(check({ now: at(-30), personalOpensAt: at(-60) }))).toBeNull();
    expect(startRefusal(check({ now: at(10), personalClosesAt: at(5) }))).toBe("考试已结束");
    expect(startRefusal(check({ now: at(10), personalOpensAt: null, personalClosesAt: null }))).toBeNull();
  });

  it("counts attempts, extra attempts included", () => {
    expect(startRefusal(check({ attemptsUsed: 1 }))).toBeNull();
    expect(startRefusal(check({ attemptsUsed: 2 }))).toBe("已用完 2 次考试机会");
    expect(startRefusal(check({ attemptsUsed: 2, extraAttempts: 1 }))).toBeNull();
    expect(startRefusal(check({ attemptsUsed: 3, extraAttempts: 1 }))).toBe("已用完 3 次考试机会");
    expect(startRefusal(check({ attemptsUsed: 99, attemptsAllowed: null }))).toBeNull();
  });

  it("an open attempt is resumed, not replaced", () => {
    expect(startRefusal(check({ hasOpenAttempt: true }))).toBe("你有一次未交卷的考试，请继续作答");
  });

  it("the window is checked before attempts", () => {
    expect(startRefusal(check({ now: at(200), attemptsUsed: 5 }))).toBe("考试已结束");
  });
});

describe("saveRefusal, isOverdue, remainingMs, finishTime", () => {
  const deadline = at(60);
  const grace = 5_000;

  it("saves are taken up to and including deadline + grace", () => {
    expect(saveRefusal(at(30), deadline, grace)).toBeNull();
    expect(saveRefusal(deadline, deadline, grace)).toBeNull();
    expect(saveRefusal(deadline + grace, deadline, grace)).toBeNull();
    expect(saveRefusal(deadline + grace + 1, deadline, grace)).toBe("已超过交卷时间");
  });

  it("without grace the deadline itself is the last accepted instant", () => {
    expect(saveRefusal(deadline, deadline, 0)).toBeNull();
    expect(saveRefusal(deadline + 1, deadline, 0)).toBe("已超过交卷时间");
    expect(saveRefusal(deadline + 1, deadline, -100)).toBe("已超过交卷时间");
  });

  it("no deadline never refuses", () => {
    expect(saveRefusal(at(100_000), null, 0)).toBeNull();
  });

  it("an attempt is overdue exactly when a save would be refused", () => {
    for (const now of [at(59), deadline, deadline + grace, deadline + grace + 1, at(61)]) {
      expect(isOverdue(now, deadline, grace)).toBe(saveRefusal(now, deadline, grace) !== null);
    }
    expect(isOverdue(at(100_000), null, 0)).toBe(false);
  });

  it("remaining time counts down to zero and stays there", () => {
    expect(remainingMs(at(0), deadline)).toBe(60 * MIN);
    expect(remainingMs(deadline - 1, deadline)).toBe(1);
    expect(remainingMs(deadline, deadline)).toBe(0);
    expect(remainingMs(deadline + 10, deadline)).toBe(0);
    expect(remainingMs(at(0), null)).toBeNull();
  });

  it("an overdue attempt finishes at its deadline, an early submit at now", () => {
    expect(finishTime(at(30), deadline)).toBe(at(30));
    expect(finishTime(deadline, deadline)).toBe(deadline);
    expect(finishTime(at(90), deadline)).toBe(deadline);
    expect(finishTime(at(90), null)).toBe(at(90));
  });
});
