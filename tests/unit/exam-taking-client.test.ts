import { describe, expect, it } from "vitest";
import { answerFromValues } from "~/components/exam/answer-form";
import { acknowledge, nextSeq, pendingCount, type Journal } from "~/components/exam/journal";
import { formatRemaining } from "~/components/exam/timer";

describe("answerFromValues", () => {
  it("reads each type's form values as an answer by original option index, or null when empty", () => {
    expect(answerFromValues("single", ["2"], 0)).toEqual({ choice: 2 });
    expect(answerFromValues("single", [], 0)).toBeNull();
    expect(answerFromValues("multiple", ["3", "0"], 0)).toEqual({ choices: [3, 0] });
    expect(answerFromValues("multiple", [], 0)).toBeNull();
    expect(answerFromValues("truefalse", ["false"], 0)).toEqual({ value: false });
    expect(answerFromValues("truefalse", ["maybe"], 0)).toBeNull();
    expect(answerFromValues("fill", ["119"], 2)).toEqual({ blanks: ["119", ""] });
    expect(answerFromValues("fill", ["　", ""], 2)).toBeNull();
    expect(answerFromValues("essay", ["  "], 0)).toBeNull();
    expect(answerFromValues("essay", ["先报警"], 0)).toEqual({ text: "先报警" });
  });
});

describe("the answer journal", () => {
  it("hands out increasing sequence numbers at least the clock and above the server's", () => {
    const journal: Journal = { lastSeq: 0, entries: {} };
    const a = nextSeq(journal);
    const b = nextSeq(journal);
    expect(a).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(b).toBeGreaterThan(a);
    expect(nextSeq(journal, Number.MAX_SAFE_INTEGER - 10)).toBe(Number.MAX_SAFE_INTEGER - 9);
  });

  it("drops an entry only when the server holds its seq or newer", () => {
    const journal: Journal = { lastSeq: 7, entries: { 1: { answer: { choice: 0 }, flagged: false, seq: 7 }, 2: { answer: null, flagged: true, seq: 5 } } };
    acknowledge(journal, 1, 6);
    expect(pendingCount(journal)).toBe(2);
    acknowledge(journal, 1, 7);
    acknowledge(journal, 2, 9);
    expect(pendingCount(journal)).toBe(0);
  });
});

describe("formatRemaining", () => {
  it("rounds up to whole seconds and shows hours only when needed", () => {
    expect(formatRemaining(0)).toBe("00:00");
    expect(formatRemaining(1)).toBe("00:01");
    expect(formatRemaining(30 * 60_000)).toBe("30:00");
    expect(formatRemaining(2 * 3600_000 + 5_000)).toBe("2:00:05");
  });
});
