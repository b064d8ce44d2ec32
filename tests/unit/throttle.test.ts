import { describe, expect, it } from "vitest";
import {
  delayAfterFailures,
  retryAfterSeconds,
  THROTTLE_RULES,
  throttleKey,
} from "~/modules/auth/throttle";

describe("delayAfterFailures", () => {
  const rule = { free: 3, baseMs: 1000, maxMs: 10_000 };

  it("is zero while failures are within the free allowance", () => {
    for (let n = 0; n <= 3; n++) expect(delayAfterFailures(n, rule)).toBe(0);
  });

  it("doubles with each failure past the allowance, then caps", () => {
    expect([4, 5, 6, 7, 8, 9, 50].map((n) => delayAfterFailures(n, rule))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it("never overflows for absurd counts", () => {
    expect(delayAfterFailures(1_000_000, rule)).toBe(10_000);
  });

  it("grows monotonically for every configured rule", () => {
    for (const r of Object.values(THROTTLE_RULES)) {
      let last = 0;
      for (let n = 0; n < 100; n++) {
        const d = delayAfterFailures(n, r);
        expect(d).toBeGreaterThanOrEqual(last);
        expect(d).toBeLessThanOrEqual(r.maxMs);
        last = d;
      }
    }
  });

  it("caps the per-account delay low so an attacker cannot lock the owner out for long", () => {
    expect(delayAfterFailures(10_000, THROTTLE_RULES.account)).toBeLessThanOrEqual(60_000);
  });

  it("slows a single-address guesser to at most one guess per 15 minutes", () => {
    expect(delayAfterFailures(100, THROTTLE_RULES.accountAddress)).toBe(15 * 60_000);
  });
});

describe("throttleKey", () => {
  it("normalises the account identifier and keeps kinds apart", () => {
    expect(throttleKey("account", "  E001 ", "1.2.3.4")).toBe("ac:e001");
    expect(throttleKey("accountAddress", "E001", "1.2.3.4")).toBe("aa:e001|1.2.3.4");
    expect(throttleKey("address", "E001", "1.2.3.4")).toBe("ad:1.2.3.4");
  });

  it("fits the database key column", () => {
    expect(throttleKey("accountAddress", "x".repeat(500), "::ffff:127.0.0.1").length).toBeLessThanOrEqual(191);
  });
});

describe("retryAfterSeconds", () => {
  it("rounds up and is at least one second", () => {
    expect(retryAfterSeconds(10_001, 0)).toBe(11);
    expect(retryAfterSeconds(10_000, 0)).toBe(10);
    expect(retryAfterSeconds(5, 10)).toBe(1);
  });
});
