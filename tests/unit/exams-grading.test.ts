import { describe, expect, it } from "vitest";
import { isAnswered, MAX_ESSAY_LENGTH, parseAnswer, type Answer } from "~/modules/exams/answers";
import { blankIsRight, blankShares, gradeAnswer, gradeAttempt, normalizeFillAnswer, proportionX100, type GradingRules } from "~/modules/exams/grading";
import type { QuestionContent } from "~/modules/questions/content";

// Built by hand: the zod schema of stored content pulls in the rich-text converters.
const stem = { type: "doc" as const, content: [{ type: "paragraph" }] };
const single = (correct: number, n = 4): QuestionContent => ({
  type: "single",
  stem,
  tiers: [],
  options: Array.from({ length: n }, (_, i) => ({ text: `选项${i}`, correct: i === correct })),
});
const multiple = (correct: number[], n = 5): QuestionContent => ({
  type: "multiple",
  stem,
  tiers: [],
  options: Array.from({ length: n }, (_, i) => ({ text: `选项${i}`, correct: correct.includes(i) })),
});
const truefalse = (answer: boolean): QuestionContent => ({ type: "truefalse", stem, tiers: [], answer });
const fill = (...blanks: string[][]): QuestionContent => ({ type: "fill", stem, tiers: [], blanks });
const essay: QuestionContent = { type: "essay", stem, tiers: [], referenceAnswer: "先报警，再疏散" };

const PARTIAL: GradingRules = { multiple: "partial", fill: "per_blank" };
const STRICT: GradingRules = { multiple: "all", fill: "all" };

describe("parseAnswer", () => {
  it("accepts each type's shape", () => {
    expect(parseAnswer("single", { choice: 2 }, single(1))).toEqual({ ok: true, answer: { choice: 2 } });
    expect(parseAnswer("multiple", { choices: [3, 0, 3] }, multiple([0, 3]))).toEqual({ ok: true, answer: { choices: [0, 3] } });
    expect(parseAnswer("multiple", { choices: [] }, multiple([0]))).toEqual({ ok: true, answer: { choices: [] } });
    expect(parseAnswer("truefalse", { value: false }, truefalse(true))).toEqual({ ok: true, answer: { value: false } });
    expect(parseAnswer("fill", { blanks: ["119", ""] }, fill(["119"], ["火警"]))).toEqual({ ok: true, answer: { blanks: ["119", ""] } });
    expect(parseAnswer("essay", { text: "先报警" }, essay)).toEqual({ ok: true, answer: { text: "先报警" } });
  });

  it("strips unknown keys", () => {
    expect(parseAnswer("single", { choice: 0, correct: true }, single(0))).toEqual({ ok: true, answer: { choice: 0 } });
  });

  it.each([
    ["single", { choice: 4 }, single(0, 4), "所选选项不存在（本题共 4 个选项）"],
    ["multiple", { choices: [0, 5] }, multiple([0], 5), "所选选项不存在（本题共 5 个选项）"],
    ["single", { choice: -1 }, single(0), "选项序号不能为负数"],
    ["single", { choice: 1.5 }, single(0), "选项序号必须是整数"],
    ["single", { choice: "1" }, single(0), "请选择选项"],
    ["single", {}, single(0), "请选择选项"],
    ["multiple", { choices: "0,1" }, multiple([0]), "请选择选项"],
    ["truefalse", { value: "true" }, truefalse(true), "请选择“对”或“错”"],
    ["fill", { blanks: ["119"] }, fill(["119"], ["火警"]), "本题有 2 个空，提交了 1 个"],
    ["fill", { blanks: ["a", "b", "c"] }, fill(["119"], ["火警"]), "本题有 2 个空，提交了 3 个"],
    ["fill", { blanks: ["x".repeat(201)] }, fill(["119"]), "每空不能超过 200 字"],
    ["fill", { blanks: [1] }, fill(["119"]), "填空答案必须是文字"],
    ["essay", { text: "字".repeat(MAX_ESSAY_LENGTH + 1) }, essay, "作答内容不能超过 5000 字"],
    ["essay", { text: 5 }, essay, "作答内容必须是文字"],
    ["single", { choice: 0 }, multiple([0]), "答案与题型不符"],
  ] as const)("%s %j → %s", (type, raw, question, error) => {
    expect(parseAnswer(type, raw, question)).toEqual({ ok: false, error });
  });

  it("rejects non-objects with a Chinese message", () => {
    for (const raw of [null, undefined, 3, "A", []]) {
      const result = parseAnswer("single", raw, single(0));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("accepts an essay of exactly the limit", () => {
    expect(parseAnswer("essay", { text: "字".repeat(MAX_ESSAY_LENGTH) }, essay).ok).toBe(true);
  });
});

describe("isAnswered", () => {
  it.each<[Answer | null | undefined, boolean]>([
    [null, false],
    [undefined, false],
    [{ choice: 0 }, true],
    [{ choices: [] }, false],
    [{ choices: [1] }, true],
    [{ value: false }, true],
    [{ blanks: ["", " ", "\u3000"] }, false],
    [{ blanks: ["", "119"] }, true],
    [{ text: " \n\u3000" }, false],
    [{ text: "答" }, true],
  ])("%j → %s", (answer, expected) => {
    expect(isAnswered(answer)).toBe(expected);
  });
});

describe("normalizeFillAnswer", () => {
  it.each([
    ["１１９", "119"],
    ["ＡＢＣ", "abc"],
    ["Fire Door", "fire door"],
    ["\u3000火警\u3000", "火警"],
    ["  火警 ", "火警"],
    ["消防\u3000\u3000车道", "消防 车道"],
    ["a \t\n b", "a b"],
    ["１，２", "1,2"],
    ["ΑΒΓ", "ΑΒΓ"], // only ASCII letters are case-folded
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeFillAnswer(input)).toBe(expected);
  });

  it("keeps punctuation significant", () => {
    expect(normalizeFillAnswer("1,2")).not.toBe(normalizeFillAnswer("12"));
  });
});

describe("blankIsRight", () => {
  it("matches any alternative after normalisation, on both sides", () => {
    expect(blankIsRight("ＣＯ２", ["co2", "二氧化碳"])).toBe(true);
    expect(blankIsRight("二氧化碳", ["co2", "二氧化碳"])).toBe(true);
    expect(blankIsRight("cO2", ["ＣＯ２"])).toBe(true);
    expect(blankIsRight("一氧化碳", ["co2", "二氧化碳"])).toBe(false);
  });
  it("never accepts an empty answer", () => {
    expect(blankIsRight("  ", ["x"])).toBe(false);
    expect(blankIsRight("", [""])).toBe(false);
  });
});

describe("proportionX100 and blankShares", () => {
  it("rounds down and never exceeds the maximum", () => {
    expect(proportionX100(100, 1, 3)).toBe(33);
    expect(proportionX100(100, 2, 3)).toBe(66);
    expect(proportionX100(100, 3, 3)).toBe(100);
    expect(proportionX100(100, 0, 3)).toBe(0);
    expect(proportionX100(100, 1, 0)).toBe(0);
  });
  it("shares add up to the maximum exactly", () => {
    expect(blankShares(100, 3)).toEqual([33, 33, 34]);
    for (let max = 0; max <= 1000; max += 7) {
      for (let blanks = 1; blanks <= 20; blanks++) {
        const shares = blankShares(max, blanks);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(max);
        for (let k = 0; k <= blanks; k++) expect(shares.slice(0, k).reduce((a, b) => a + b, 0)).toBe(proportionX100(max, k, blanks));
      }
    }
  });
});

describe("gradeAnswer: single", () => {
  it("full marks for the key, nothing otherwise", () => {
    expect(gradeAnswer(single(2), { choice: 2 }, 200, PARTIAL)).toEqual({ scoreX100: 200, outcome: "correct" });
    expect(gradeAnswer(single(2), { choice: 1 }, 200, PARTIAL)).toEqual({ scoreX100: 0, outcome: "wrong" });
    expect(gradeAnswer(single(2), null, 200, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
  });
  it("an index outside the options (corrupt data) is wrong", () => {
    expect(gradeAnswer(single(0), { choice: 9 }, 200, PARTIAL).outcome).toBe("wrong");
  });
  it("ignores GIFT option weights", () => {
    const q: QuestionContent = { type: "single", stem, tiers: [], options: [{ text: "a", correct: true }, { text: "b", correct: false, weight: 50 }] };
    expect(gradeAnswer(q, { choice: 1 }, 100, PARTIAL).scoreX100).toBe(0);
  });
});

describe("gradeAnswer: truefalse", () => {
  it.each([
    [true, true, "correct", 100],
    [true, false, "wrong", 0],
    [false, false, "correct", 100],
    [false, true, "wrong", 0],
  ] as const)("key %s, answer %s → %s", (key, value, outcome, score) => {
    expect(gradeAnswer(truefalse(key), { value }, 100, STRICT)).toEqual({ scoreX100: score, outcome });
  });
});

describe("gradeAnswer: multiple", () => {
  const q = multiple([0, 2, 3], 5); // three correct of five

  it("exactly the key → full marks under both rules", () => {
    expect(gradeAnswer(q, { choices: [0, 2, 3] }, 300, PARTIAL)).toEqual({ scoreX100: 300, outcome: "correct" });
    expect(gradeAnswer(q, { choices: [3, 0, 2] }, 300, STRICT)).toEqual({ scoreX100: 300, outcome: "correct" });
  });

  it("少选得部分分 under partial, rounded down to the hundredth", () => {
    expect(gradeAnswer(q, { choices: [0] }, 300, PARTIAL)).toEqual({ scoreX100: 100, outcome: "partial" });
    expect(gradeAnswer(q, { choices: [0, 3] }, 300, PARTIAL)).toEqual({ scoreX100: 200, outcome: "partial" });
    expect(gradeAnswer(q, { choices: [2] }, 200, PARTIAL)).toEqual({ scoreX100: 66, outcome: "partial" });
    expect(gradeAnswer(q, { choices: [2, 3] }, 200, PARTIAL)).toEqual({ scoreX100: 133, outcome: "partial" });
    expect(gradeAnswer(multiple([0, 1], 4), { choices: [1] }, 150, PARTIAL)).toEqual({ scoreX100: 75, outcome: "partial" });
  });

  it("少选 gets nothing under all", () => {
    expect(gradeAnswer(q, { choices: [0, 2] }, 300, STRICT)).toEqual({ scoreX100: 0, outcome: "wrong" });
  });

  it("错选不得分 under both rules, even with every correct option chosen", () => {
    for (const rules of [PARTIAL, STRICT]) {
      expect(gradeAnswer(q, { choices: [0, 1] }, 300, rules)).toEqual({ scoreX100: 0, outcome: "wrong" });
      expect(gradeAnswer(q, { choices: [0, 1, 2, 3] }, 300, rules)).toEqual({ scoreX100: 0, outcome: "wrong" });
      expect(gradeAnswer(q, { choices: [0, 1, 2, 3, 4] }, 300, rules)).toEqual({ scoreX100: 0, outcome: "wrong" });
      expect(gradeAnswer(q, { choices: [4] }, 300, rules)).toEqual({ scoreX100: 0, outcome: "wrong" });
      expect(gradeAnswer(q, { choices: [0, 7] }, 300, rules)).toEqual({ scoreX100: 0, outcome: "wrong" });
    }
  });

  it("nothing chosen is unanswered", () => {
    expect(gradeAnswer(q, { choices: [] }, 300, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
  });

  it("duplicate indexes count once", () => {
    expect(gradeAnswer(q, { choices: [0, 0, 2, 2] }, 300, PARTIAL)).toEqual({ scoreX100: 200, outcome: "partial" });
  });

  it("partial score never exceeds max and grows with each right option, over every subset", () => {
    const key = [0, 1, 2, 3];
    const big = multiple(key, 6);
    for (let mask = 1; mask < 16; mask++) {
      const chosen = key.filter((i) => mask & (1 << i));
      const result = gradeAnswer(big, { choices: chosen }, 500, PARTIAL);
      expect(result.scoreX100).toBe(Math.floor((500 * chosen.length) / 4));
      expect(result.outcome).toBe(chosen.length === 4 ? "correct" : "partial");
    }
  });
});

describe("gradeAnswer: fill", () => {
  const three = fill(["119"], ["火警", "报警"], ["Fire Door", "防火门"]);

  it("per_blank: proportion of right blanks; three right blanks sum to the maximum", () => {
    expect(gradeAnswer(three, { blanks: ["119", "x", "x"] }, 100, PARTIAL)).toEqual({ scoreX100: 33, outcome: "partial", blanksRight: [true, false, false] });
    expect(gradeAnswer(three, { blanks: ["119", "报警", "x"] }, 100, PARTIAL)).toEqual({ scoreX100: 66, outcome: "partial", blanksRight: [true, true, false] });
    expect(gradeAnswer(three, { blanks: ["x", "x", "防火门"] }, 100, PARTIAL)).toEqual({ scoreX100: 33, outcome: "partial", blanksRight: [false, false, true] });
    expect(gradeAnswer(three, { blanks: ["119", "火警", "防火门"] }, 100, PARTIAL)).toEqual({ scoreX100: 100, outcome: "correct", blanksRight: [true, true, true] });
    expect(gradeAnswer(three, { blanks: ["1", "2", "3"] }, 100, PARTIAL)).toEqual({ scoreX100: 0, outcome: "wrong", blanksRight: [false, false, false] });
  });

  it("all: full marks only when every blank is right", () => {
    expect(gradeAnswer(three, { blanks: ["119", "报警", "x"] }, 100, STRICT)).toMatchObject({ scoreX100: 0, outcome: "wrong" });
    expect(gradeAnswer(three, { blanks: ["119", "报警", "FIRE DOOR"] }, 100, STRICT)).toMatchObject({ scoreX100: 100, outcome: "correct" });
  });

  it.each([
    ["１１９", "full-width digits"],
    ["\u3000119\u3000", "ideographic spaces around"],
    [" 119 ", "ASCII spaces around"],
    ["\t119\n", "tabs and newlines around"],
  ])("accepts %j (%s)", (given) => {
    expect(gradeAnswer(fill(["119"]), { blanks: [given] }, 100, PARTIAL).outcome).toBe("correct");
  });

  it.each([
    ["fire  door", "inner spaces collapse"],
    ["FIRE DOOR", "upper case"],
    ["ｆｉｒｅ　ｄｏｏｒ", "full-width letters and space"],
    ["Fire\u3000\u3000Door", "ideographic spaces inside"],
  ])("accepts %j (%s)", (given) => {
    expect(gradeAnswer(fill(["Fire Door"]), { blanks: [given] }, 100, PARTIAL).outcome).toBe("correct");
  });

  it.each([
    ["firedoor", "inner space removed"],
    ["fire-door", "punctuation differs"],
    ["119 ", "other blank's answer"],
  ])("refuses %j (%s)", (given) => {
    expect(gradeAnswer(fill(["Fire Door"]), { blanks: [given] }, 100, PARTIAL).outcome).toBe("wrong");
  });

  it("matches alternatives written with odd widths or case by the author", () => {
    expect(gradeAnswer(fill(["ＡＢＣ干粉"]), { blanks: ["abc干粉"] }, 100, PARTIAL).outcome).toBe("correct");
  });

  it("all blanks empty is unanswered, some empty is graded", () => {
    expect(gradeAnswer(three, { blanks: ["", " ", ""] }, 100, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
    expect(gradeAnswer(three, { blanks: ["119", "", ""] }, 100, PARTIAL)).toMatchObject({ scoreX100: 33, outcome: "partial" });
  });

  it("per_blank over many maxima and blank counts: all right gives max, k right gives floor(max·k/n)", () => {
    for (let n = 1; n <= 8; n++) {
      const q = fill(...Array.from({ length: n }, (_, i) => [`答${i}`]));
      for (const max of [1, 7, 99, 100, 150, 200, 333, 1000]) {
        for (let k = 0; k <= n; k++) {
          const blanks = Array.from({ length: n }, (_, i) => (i < k ? `答${i}` : "错"));
          expect(gradeAnswer(q, { blanks }, max, PARTIAL).scoreX100).toBe(Math.floor((max * k) / n));
        }
      }
    }
  });

  it("a short stored answer (corrupt data) leaves the missing blanks wrong", () => {
    expect(gradeAnswer(three, { blanks: ["119"] }, 100, PARTIAL)).toMatchObject({ scoreX100: 33, blanksRight: [true, false, false] });
  });
});

describe("gradeAnswer: essay and edge cases", () => {
  it("a written essay is pending, an empty one unanswered", () => {
    expect(gradeAnswer(essay, { text: "先报警" }, 1000, PARTIAL)).toEqual({ scoreX100: 0, outcome: "pending" });
    expect(gradeAnswer(essay, { text: "   " }, 1000, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
  });

  it("an answer of another type's shape scores as unanswered", () => {
    expect(gradeAnswer(single(0), { value: true }, 100, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
    expect(gradeAnswer(truefalse(true), { choice: 0 }, 100, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
    expect(gradeAnswer(multiple([0]), { choice: 0 }, 100, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
    expect(gradeAnswer(fill(["a"]), { text: "a" }, 100, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
    expect(gradeAnswer(essay, { blanks: ["a"] }, 100, PARTIAL)).toEqual({ scoreX100: 0, outcome: "unanswered" });
  });

  it("a zero-point question grades with 0", () => {
    expect(gradeAnswer(single(0), { choice: 0 }, 0, PARTIAL)).toEqual({ scoreX100: 0, outcome: "correct" });
  });

  it("refuses a negative or fractional maximum", () => {
    expect(() => gradeAnswer(single(0), { choice: 0 }, -1, PARTIAL)).toThrow(RangeError);
    expect(() => gradeAnswer(single(0), { choice: 0 }, 1.5, PARTIAL)).toThrow(RangeError);
  });
});

describe("gradeAttempt", () => {
  it("adds scores, maxima and pending items", () => {
    const result = gradeAttempt(
      [
        { question: single(0), answer: { choice: 0 }, maxScoreX100: 200 },
        { question: multiple([0, 1], 4), answer: { choices: [1] }, maxScoreX100: 300 },
        { question: truefalse(false), answer: { value: true }, maxScoreX100: 100 },
        { question: fill(["a"], ["b"], ["c"]), answer: { blanks: ["a", "b", "x"] }, maxScoreX100: 100 },
        { question: essay, answer: { text: "答" }, maxScoreX100: 1000 },
        { question: essay, answer: null, maxScoreX100: 1000 },
      ],
      PARTIAL,
    );
    expect(result.items.map((r) => r.outcome)).toEqual(["correct", "partial", "wrong", "partial", "pending", "unanswered"]);
    expect(result).toMatchObject({ scoreX100: 200 + 150 + 0 + 66, maxScoreX100: 2700, pending: 1 });
  });

  it("follows the rules it is given", () => {
    const items = [{ question: multiple([0, 1], 4), answer: { choices: [1] }, maxScoreX100: 300 }];
    expect(gradeAttempt(items, PARTIAL).scoreX100).toBe(150);
    expect(gradeAttempt(items, STRICT).scoreX100).toBe(0);
  });

  it("an empty attempt scores 0 of 0", () => {
    expect(gradeAttempt([], PARTIAL)).toEqual({ scoreX100: 0, maxScoreX100: 0, pending: 0, items: [] });
  });

  it("regrades identically", () => {
    const items = [
      { question: fill(["a"], ["b"], ["c"]), answer: { blanks: ["A", "ｂ", "x"] }, maxScoreX100: 100 },
      { question: multiple([0, 2], 4), answer: { choices: [2] }, maxScoreX100: 300 },
    ];
    expect(gradeAttempt(items, PARTIAL)).toEqual(gradeAttempt(structuredClone(items), PARTIAL));
  });
});
