import { describe, expect, it } from "vitest";
import type { QuestionContent } from "~/modules/questions/content";
import { plainToDoc } from "~/modules/richtext/plain";
import { ackProblem, canonicalJson, gradeMismatch, regradeScore } from "../bench/exam/regrade";
import { evaluateTargets, formatReport, ratio, type PhaseResult } from "../bench/exam/report";
import { PhaseRecorder } from "../bench/exam/stats";

const stem = plainToDoc("题干");
const single: QuestionContent = { type: "single", stem, tiers: [], options: [{ text: "甲", correct: false }, { text: "乙", correct: true }] };
const multiple: QuestionContent = { type: "multiple", stem, tiers: [], options: [{ text: "甲", correct: true }, { text: "乙", correct: true }, { text: "丙", correct: false }] };
const fill: QuestionContent = { type: "fill", stem: plainToDoc("报警电话是____"), tiers: [], blanks: [["119"]] };
const items = [
  { position: 2, maxX100: 150, question: multiple },
  { position: 1, maxX100: 100, question: single },
  { position: 3, maxX100: 150, question: fill },
];
const rules = { multiple: "partial", fill: "per_blank" } as const;

describe("exam bench: independent regrade", () => {
  it("recomputes the score from frozen items and stored answers", () => {
    const answers = [
      { position: 1, answer: JSON.stringify({ choice: 1 }), seq: 3, scoreX100: 100 },
      { position: 2, answer: JSON.stringify({ choices: [0] }), seq: 4, scoreX100: 75 },
      { position: 3, answer: "null", seq: 0, scoreX100: 0 },
    ];
    const regrade = regradeScore(items, answers, rules);
    expect(regrade.scoreX100).toBe(175);
    expect(regrade.perPosition.get(2)).toBe(75);
    expect(gradeMismatch(175, answers, regrade)).toBeNull();
  });

  it("names a wrong total, a wrong item score and a missing answer row", () => {
    const answers = [
      { position: 1, answer: JSON.stringify({ choice: 0 }), seq: 1, scoreX100: 100 },
      { position: 2, answer: JSON.stringify({ choices: [0, 1] }), seq: 1, scoreX100: 150 },
    ];
    const regrade = regradeScore(items, answers, rules);
    expect(regrade.scoreX100).toBe(150);
    expect(gradeMismatch(250, answers, regrade)).toMatch(/total 250 stored, 150 regraded/);
    expect(gradeMismatch(150, answers, regrade)).toMatch(/position 1: 100 stored, 0 regraded/);
    const fixed = [{ ...answers[0]!, scoreX100: 0 }, answers[1]!];
    expect(gradeMismatch(150, fixed, regrade)).toMatch(/position 3: no answer row/);
  });
});

describe("exam bench: acknowledged answers", () => {
  it("accepts the same or a newer seq and rejects an older one, a missing row or changed content", () => {
    const ack = { seq: 5, answer: { choices: [0, 2] } };
    expect(ackProblem(ack, { seq: 5, answer: '{"choices":[0,2]}' })).toBeNull();
    expect(ackProblem(ack, { seq: 9, answer: '{"choice":1}' })).toBeNull();
    expect(ackProblem(ack, { seq: 4, answer: '{"choices":[0,2]}' })).toMatch(/stored seq 4/);
    expect(ackProblem(ack, undefined)).toMatch(/no row/);
    expect(ackProblem(ack, { seq: 5, answer: '{"choices":[0]}' })).toMatch(/≠/);
  });

  it("compares JSON whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});

function phase(name: string, okPerSecond: number, p95: number, p99: number, extra: Partial<PhaseResult> = {}): PhaseResult {
  const rec = new PhaseRecorder(name);
  const summary = { ...rec.summary(), okPerSecond, p95, p99 };
  return { summary, metrics: null, serverRssMaxBytes: null, clientCpuPercent: 10, ...extra };
}

describe("exam bench: targets and report", () => {
  it("judges each target met, not met or not measured", () => {
    const phases = new Map([
      ["autosave", phase("autosave", 2500, 20, 40)],
      ["autosave open loop", phase("autosave open loop", 990, 30, 150, { offeredRate: 1000 })],
      ["start", phase("start", 320, 900, 1000)],
      ["start at 300/s", phase("start at 300/s", 299, 250, 400, { offeredRate: 300 })],
      ["submit", phase("submit", 310, 900, 1000)],
      ["submit at 300/s", phase("submit at 300/s", 240, 250, 400, { offeredRate: 300 })],
      ["login", phase("login", 40, 900, 1200)],
    ]);
    const targets = evaluateTargets({ dialect: "sqlite", phases, dbCeiling: 5000 });
    const met = Object.fromEntries(targets.map((t) => [t.what, t.met]));
    expect(met["autosave sustained (closed loop)"]).toBe(true);
    expect(met["autosave p99 at 1,000/s offered"]).toBe(false);
    expect(met["autosave vs database ceiling"]).toBe(false);
    expect(met["start rate (spike)"]).toBe(true);
    // The spike's p95 does not count; the paced run's does.
    expect(met["start p95"]).toBe(true);
    expect(met["submit + grade rate (spike)"]).toBe(true);
    // A paced run that fell behind the offered rate misses its p95 target, however fast its requests.
    expect(met["submit + grade p95"]).toBe(false);
    expect(targets.find((t) => t.what === "submit + grade p95")?.measured).toBe("300/s not sustained (240/s, 0 errors)");
    expect(met["login rate"]).toBe(false);
    expect(met["exam page rate"]).toBeNull();
    expect(evaluateTargets({ dialect: "mysql", phases, dbCeiling: 3000 }).find((t) => t.what === "autosave vs database ceiling")?.met).toBe(true);
  });

  it("formats ratios and a report with every section", () => {
    expect(ratio(600, 1000)).toBe("60 %");
    expect(ratio(600, undefined)).toBe("n/a");
    const markdown = formatReport({
      title: "t",
      command: "npm run bench:exam",
      startedAt: "now",
      machine: [["node", "v20"]],
      phases: [phase("autosave", 2500, 20, 40)],
      ceilings: [{ name: "HTTP ceiling", okPerSecond: 9000 }],
      targets: [],
      verification: ["lost: 0"],
      verificationPassed: true,
      notes: [],
    });
    expect(markdown).toContain("| autosave | 2,500 |");
    expect(markdown).toContain("HTTP ceiling: 9,000/s");
    expect(markdown).toContain("## Correctness check: passed");
  });
});
