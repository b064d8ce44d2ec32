import { describe, expect, it } from "vitest";
import { classifyError, errorLabel, percentile, PhaseRecorder } from "../bench/exam/stats";
import { answeringOrder, loginOffsets, openLoopOffsets, seededRng, thinkMs } from "../bench/exam/schedule";

describe("exam bench: percentiles and phase stats", () => {
  it("takes nearest-rank percentiles of sorted samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("counts 429s apart from errors and latencies of successes only", () => {
    const rec = new PhaseRecorder("login");
    rec.start(0);
    rec.record({ kind: "ok" }, 10);
    rec.record({ kind: "ok" }, 30);
    rec.record({ kind: "throttled", status: 429 }, 1);
    rec.record({ kind: "status", status: 500 }, 5);
    rec.record({ kind: "status", status: 500 }, 5);
    rec.record({ kind: "timeout" }, 60_000);
    rec.end(2000);
    const s = rec.summary();
    expect(s.requests).toBe(6);
    expect(s.ok).toBe(2);
    expect(s.throttled).toBe(1);
    expect(s.errors).toEqual({ "HTTP 500": 2, timeout: 1 });
    expect(s.errorCount).toBe(3);
    expect(s.okPerSecond).toBe(1);
    expect(s.p50).toBe(10);
    expect(s.max).toBe(30);
  });

  it("merges a step's samples into a whole phase", () => {
    const whole = new PhaseRecorder("exam");
    const step = new PhaseRecorder("exam: save");
    step.record({ kind: "ok" }, 4);
    step.record({ kind: "refusal", status: 409, detail: "本次考试已交卷" }, 4);
    whole.record({ kind: "ok" }, 8);
    whole.merge(step);
    const s = whole.summary();
    expect(s.requests).toBe(3);
    expect(s.ok).toBe(2);
    expect(s.errors).toEqual({ "app refusal 409 (本次考试已交卷)": 1 });
  });

  it("sorts transport errors into timeout, reset (reused socket or not) and other", () => {
    expect(classifyError(new Error("timeout after 60000 ms")).kind).toBe("timeout");
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET", reusedSocket: true });
    expect(classifyError(reset)).toEqual({ kind: "reset", detail: "on a reused keep-alive socket" });
    expect(errorLabel(classifyError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })))).toBe("connection reset on a new socket");
    expect(classifyError(new Error("boom")).kind).toBe("other");
  });
});

describe("exam bench: schedules", () => {
  it("spreads logins one per slot over the window, ascending and inside it", () => {
    const offsets = loginOffsets(1000, 60_000, seededRng(1));
    expect(offsets).toHaveLength(1000);
    expect(offsets.every((o, i) => o >= i * 60 && o < (i + 1) * 60)).toBe(true);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    expect(loginOffsets(0, 1000, seededRng(1))).toEqual([]);
  });

  it("replays the same schedule from the same seed", () => {
    expect(loginOffsets(50, 5000, seededRng(9))).toEqual(loginOffsets(50, 5000, seededRng(9)));
    expect(loginOffsets(50, 5000, seededRng(9))).not.toEqual(loginOffsets(50, 5000, seededRng(10)));
  });

  it("randomises think time within ±50 %", () => {
    const rng = seededRng(3);
    const samples = Array.from({ length: 2000 }, () => thinkMs(60_000, rng));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...samples)).toBeLessThan(90_000);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    expect(Math.abs(mean - 60_000)).toBeLessThan(2_000);
  });

  it("offers an open loop at exactly the rate", () => {
    const offsets = openLoopOffsets(1000, 2000);
    expect(offsets).toHaveLength(2000);
    expect(offsets[1]).toBe(1);
    expect(offsets.at(-1)).toBe(1999);
    expect(openLoopOffsets(0, 1000)).toEqual([]);
  });

  it("answers the first N questions front to back, never more than the paper has", () => {
    expect(answeringOrder(100, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(answeringOrder(3, 10)).toEqual([1, 2, 3]);
  });
});

describe("exam bench: CPU profile summary", () => {
  it("sums self time per function across nodes, largest first", async () => {
    const { topSelfTime } = await import("../bench/exam/profile-top");
    const frame = (functionName: string, url = "file:///app/x.js", lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile = {
      startTime: 0,
      nodes: [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("parse") },
        { id: 3, callFrame: frame("query", "file:///w/node_modules/kysely/q.js", 9) },
        { id: 4, callFrame: frame("parse") },
      ],
      samples: [2, 3, 4, 2, 1],
      timeDeltas: [1000, 3000, 1000, 1000, 4000],
    };
    const top = topSelfTime(profile, 2);
    expect(top.map((t) => [t.name, t.ms])).toEqual([
      ["(root)", 4],
      ["parse", 3],
    ]);
    expect(topSelfTime(profile).find((t) => t.name === "query")).toMatchObject({ where: "~/kysely/q.js:10", share: 0.3 });
    // Samples stamped 1000, 4000, 5000, 6000, 10000 µs: the window keeps the middle three.
    expect(topSelfTime(profile, 5, { fromUs: 3000, toUs: 6000 }).map((t) => [t.name, t.ms])).toEqual([
      ["query", 3],
      ["parse", 2],
    ]);
  });
});
