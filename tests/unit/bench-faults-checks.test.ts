import { describe, expect, it } from "vitest";
import { canonicalAnswer, expectedWinner, finalMismatches, lostAcknowledged, percentile, seededRng, shuffled } from "../bench/faults/checks";

const row = (seq: number, answer: unknown) => ({ seq, answer: JSON.stringify(answer) });

describe("fault bench checks", () => {
  it("compares answers as the server stores them", () => {
    expect(canonicalAnswer({ choices: [3, 1, 1] })).toBe(canonicalAnswer({ choices: [1, 3] }));
    expect(canonicalAnswer({ blanks: ["119", "120"] })).not.toBe(canonicalAnswer({ blanks: ["120", "119"] }));
    expect(canonicalAnswer(null)).toBe("null");
    expect(canonicalAnswer('{"choice":1}')).toBe('{"choice":1}');
  });

  it("accepts a newer stored seq for an acknowledged answer, rejects older or changed content", () => {
    const acked = new Map([
      [1, { seq: 5, answer: { choice: 1 } }],
      [2, { seq: 7, answer: { value: true } }],
      [3, { seq: 9, answer: { choices: [0, 2] } }],
      [4, { seq: 2, answer: { choice: 0 } }],
    ]);
    const stored = new Map([
      [1, row(6, { choice: 2 })],
      [2, row(7, { value: false })],
      [3, row(8, { choices: [0, 2] })],
    ]);
    const problems = lostAcknowledged(acked, stored);
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/q2: seq 7 stored/);
    expect(problems.join("\n")).toMatch(/q3: acknowledged seq 9 but stored seq 8/);
    expect(problems.join("\n")).toMatch(/q4: acknowledged seq 2 but no row/);
  });

  it("wants exactly the last intended answer in the end", () => {
    const intended = new Map([
      [1, { seq: 5, answer: { choices: [2, 0] } }],
      [2, { seq: 3, answer: { value: true } }],
    ]);
    expect(finalMismatches(intended, new Map([[1, row(5, { choices: [0, 2] })], [2, row(3, { value: true })]]))).toEqual([]);
    expect(finalMismatches(intended, new Map([[1, row(6, { choices: [0, 2] })], [2, row(3, { value: true })]]))).toHaveLength(1);
  });

  it("picks the highest seq as the winner whatever the order", () => {
    expect(expectedWinner([{ seq: 4, answer: "a" }, { seq: 9, answer: "b" }, { seq: 5, answer: "c" }])).toEqual({ seq: 9, answer: "b" });
    expect(expectedWinner([])).toBeNull();
  });

  it("shuffles reproducibly and keeps every element", () => {
    const list = Array.from({ length: 20 }, (_, i) => i);
    const a = shuffled(list, seededRng(1));
    expect(a).toEqual(shuffled(list, seededRng(1)));
    expect([...a].sort((x, y) => x - y)).toEqual(list);
    expect(a).not.toEqual(list);
  });

  it("takes percentiles by nearest rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 100)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });
});
