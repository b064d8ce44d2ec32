// Study time from heartbeats. The lesson page sends a beat every BEAT_INTERVAL while it is open
// and visible; the server credits the time since the previous beat, never more than a little over
// one interval (so a tab that slept, or beats replayed at once, earn nothing extra), and never
// more than CAP_FACTOR × the lesson's estimate (so an idle tab left open earns nothing past it).

export const BEAT_INTERVAL_MS = 15_000;
/** A gap longer than this means the page was hidden or asleep: the gap earns nothing. */
export const MAX_CREDITED_GAP_MS = 2 * BEAT_INTERVAL_MS;
export const CAP_FACTOR = 1.5;

export interface ProgressState {
  seconds: number;
  lastBeatAt: number | null;
  checkPassed: boolean;
  completedAt: number | null;
}

export interface LessonFacts {
  minutes: number;
  hasCheck: boolean;
}

export function requiredSeconds(lesson: LessonFacts): number {
  return Math.max(0, Math.round(lesson.minutes * 60));
}

export function capSeconds(lesson: LessonFacts): number {
  return Math.round(requiredSeconds(lesson) * CAP_FACTOR);
}

/** Is the lesson done: its time reached, and its check question answered when it has one. */
export function isComplete(state: Pick<ProgressState, "seconds" | "checkPassed">, lesson: LessonFacts): boolean {
  return state.seconds >= requiredSeconds(lesson) && (!lesson.hasCheck || state.checkPassed);
}

/**
 * Applies one heartbeat at `now`. `visible` false (the page reports it was hidden) records the beat
 * time without credit. The first beat only starts the clock.
 */
export function applyHeartbeat(state: ProgressState, lesson: LessonFacts, now: number, visible: boolean): ProgressState {
  let credit = 0;
  if (visible && state.lastBeatAt !== null) {
    const gap = now - state.lastBeatAt;
    if (gap > 0 && gap <= MAX_CREDITED_GAP_MS) credit = Math.floor(gap / 1000);
  }
  const seconds = Math.min(capSeconds(lesson), state.seconds + credit);
  const next: ProgressState = { ...state, seconds: Math.max(state.seconds, seconds), lastBeatAt: Math.max(now, state.lastBeatAt ?? now) };
  if (next.completedAt === null && isComplete(next, lesson)) next.completedAt = now;
  return next;
}

/** Records a check answer; a right answer may complete the lesson. */
export function applyCheckAnswer(state: ProgressState, lesson: LessonFacts, correct: boolean, now: number): ProgressState {
  const next = { ...state, checkPassed: state.checkPassed || correct };
  if (next.completedAt === null && isComplete(next, lesson)) next.completedAt = now;
  return next;
}
