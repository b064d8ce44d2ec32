// Login throttling schedule: pure arithmetic over failure counts, stored per key in the database.
//
// Three counters slow guessing without letting anyone lock a colleague out:
// - per account *and* client address: a few free tries, then doubling delays up to 15 minutes;
//   this is what stops an attacker hammering one account from one place;
// - per client address: generous free tries (a shared office NAT), then doubling up to 15 min;
// - per account from anywhere: a late start and a 1-minute cap, so a distributed attack is still
//   slowed to ~1,440 guesses a day while the real owner waits at most a minute.

export interface ThrottleRule {
  /** Failures allowed before any delay. */
  free: number;
  /** Delay after the first failure past the free ones, in ms; it doubles with each further one. */
  baseMs: number;
  maxMs: number;
}

export const THROTTLE_RULES = {
  accountAddress: { free: 5, baseMs: 2_000, maxMs: 15 * 60_000 },
  address: { free: 30, baseMs: 2_000, maxMs: 15 * 60_000 },
  account: { free: 10, baseMs: 2_000, maxMs: 60_000 },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleKind = keyof typeof THROTTLE_RULES;

/** Failure counters reset after this long without a failure. */
export const THROTTLE_FORGET_MS = 24 * 3600_000;

/** How long to block after the `failures`-th consecutive failure (0 while still free). */
export function delayAfterFailures(failures: number, rule: ThrottleRule): number {
  if (failures <= rule.free) return 0;
  const exponent = Math.min(failures - rule.free - 1, 30);
  return Math.min(rule.baseMs * 2 ** exponent, rule.maxMs);
}

export function throttleKey(kind: ThrottleKind, account: string, address: string): string {
  const normalised = account.trim().toLowerCase();
  switch (kind) {
    case "accountAddress":
      return `aa:${normalised}|${address}`.slice(0, 191);
    case "address":
      return `ad:${address}`.slice(0, 191);
    case "account":
      return `ac:${normalised}`.slice(0, 191);
  }
}

/** Seconds to tell the user to wait, rounded up, at least 1. */
export function retryAfterSeconds(blockedUntil: number, now: number): number {
  return Math.max(1, Math.ceil((blockedUntil - now) / 1000));
}
