// Attempt time rules. The server owns time (invariant 2): every instant here is UTC epoch
// milliseconds taken from the server clock, never the browser's. Pure: `now` is an argument, and
// instants in messages go through a formatter the caller supplies (Asia/Shanghai, zh-CN).

const MINUTE = 60_000;

export interface DeadlineInput {
  startedAt: number;
  /** Exam length; null = untimed (only the window close limits the attempt). */
  durationMinutes: number | null;
  /** The person's extra time (an accommodation), 0 for most. */
  extraMinutes: number;
  /** null = the exam window never closes. */
  windowClosesAt: number | null;
  /** A person's own close (e.g. a 补考 window) replaces the exam's. */
  personalClosesAt?: number | null;
}

function checkMinutes(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number of minutes, got ${value}`);
}

/**
 * The instant an attempt must be handed in: min(start + duration + extra, close + extra), where
 * close = personalClosesAt ?? windowClosesAt; null when neither a duration nor a close applies.
 *
 * The design states deadline = min(start + duration + personal extra time, window close), and also
 * that extra time is honoured even past the window close. Both hold with this formula: with no
 * extra time it IS the design's formula (the close caps everyone), and a person granted extra
 * minutes keeps them in full even when they start just before the close — otherwise an
 * accommodation would silently shrink to nothing for whoever starts late. Extra time never lets
 * anyone START after the close (see startRefusal); it only extends an attempt already running.
 */
export function attemptDeadline(input: DeadlineInput): number | null {
  const { startedAt, durationMinutes, extraMinutes } = input;
  checkMinutes("extraMinutes", extraMinutes);
  if (durationMinutes !== null) checkMinutes("durationMinutes", durationMinutes);
  const extra = extraMinutes * MINUTE;
  const close = input.personalClosesAt ?? input.windowClosesAt;
  const byDuration = durationMinutes === null ? null : startedAt + durationMinutes * MINUTE + extra;
  const byClose = close === null ? null : close + extra;
  if (byDuration === null) return byClose;
  if (byClose === null) return byDuration;
  return Math.min(byDuration, byClose);
}

export interface StartCheck {
  now: number;
  /** null = open from the start. */
  opensAt: number | null;
  /** null = never closes. */
  closesAt: number | null;
  /** A person's own window (e.g. 补考 or a deferred sitting) replaces the exam's, bound by bound. */
  personalOpensAt?: number | null;
  personalClosesAt?: number | null;
  attemptsUsed: number;
  /** null = unlimited. */
  attemptsAllowed: number | null;
  /** Extra attempts granted to this person. */
  extraAttempts: number;
  /** An unfinished attempt must be resumed, not replaced by a new one. */
  hasOpenAttempt: boolean;
  formatInstant: (ms: number) => string;
}

/**
 * Why a person may not start a new attempt now, in Chinese; null when they may. The window is
 * half-open: starting exactly at the open instant is allowed, exactly at the close is not.
 */
export function startRefusal(check: StartCheck): string | null {
  if (check.hasOpenAttempt) return "你有一次未交卷的考试，请继续作答";
  const opensAt = check.personalOpensAt ?? check.opensAt;
  const closesAt = check.personalClosesAt ?? check.closesAt;
  if (opensAt !== null && check.now < opensAt) return `考试尚未开始，开始时间：${check.formatInstant(opensAt)}`;
  if (closesAt !== null && check.now >= closesAt) return "考试已结束";
  if (check.attemptsAllowed !== null) {
    const allowed = check.attemptsAllowed + Math.max(0, check.extraAttempts);
    if (check.attemptsUsed >= allowed) return `已用完 ${allowed} 次考试机会`;
  }
  return null;
}

/**
 * Whether an answer save arriving at `now` is refused. `graceMs` absorbs the network delay of the
 * last autosave sent just before the deadline; a save exactly at deadline + grace is still taken.
 */
export function saveRefusal(now: number, deadline: number | null, graceMs: number): string | null {
  if (deadline === null) return null;
  return now > deadline + Math.max(0, graceMs) ? "已超过交卷时间" : null;
}

/** Milliseconds left for the timer, never negative; null for an attempt without a deadline. */
export function remainingMs(now: number, deadline: number | null): number | null {
  if (deadline === null) return null;
  return Math.max(0, deadline - now);
}

/**
 * Whether an attempt still open at `now` is overdue and must be closed (by a request or the sweep).
 * Uses the same grace as saveRefusal, so a save that would still be accepted is never lost to a
 * sweep that closed the attempt a moment earlier.
 */
export function isOverdue(now: number, deadline: number | null, graceMs: number): boolean {
  return saveRefusal(now, deadline, graceMs) !== null;
}

/** The finish time to record when closing an attempt at `now`: never later than the deadline. */
export function finishTime(now: number, deadline: number | null): number {
  return deadline === null ? now : Math.min(now, deadline);
}
