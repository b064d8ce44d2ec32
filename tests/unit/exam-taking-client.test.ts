import { describe, expect, it } from "vitest";
import { answerFromValues, valuesFromAnswer } from "~/components/exam/answer-form";
import { questionMarkup } from "~/components/exam/question-markup";
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

describe("valuesFromAnswer", () => {
  const cases: Array<[Parameters<typeof answerFromValues>[0], unknown, number]> = [
    ["single", { choice: 2 }, 0],
    ["multiple", { choices: [3, 0] }, 0],
    ["truefalse", { value: false }, 0],
    ["truefalse", { value: true }, 0],
    ["fill", { blanks: ["119", ""] }, 2],
    ["essay", { text: "先报警\n再疏散" }, 0],
  ];
  it.each(cases)("gives %s answers back as the form values that mean them", (type, answer, blanks) => {
    expect(answerFromValues(type, valuesFromAnswer(type, answer, blanks), blanks)).toEqual(answer);
  });

  it("shows no answer, or a malformed one, as untouched controls", () => {
    expect(valuesFromAnswer("single", null, 0)).toEqual([]);
    expect(valuesFromAnswer("multiple", { choices: [1, "x"] }, 0)).toEqual(["1"]);
    expect(valuesFromAnswer("truefalse", { value: "true" }, 0)).toEqual([]);
    expect(valuesFromAnswer("fill", { blanks: ["a", 3, "c"] }, 2)).toEqual(["a", ""]);
    expect(valuesFromAnswer("fill", null, 3)).toEqual(["", "", ""]);
    expect(valuesFromAnswer("essay", { text: 5 }, 0)).toEqual([""]);
  });
});

describe("questionMarkup", () => {
  const base = { position: 7, stemHtml: "<p>火灾报警电话是<strong>多少</strong>？</p>", options: [], blanks: 0, answer: null };

  it("lists options in display order, valued by original index, with the answer checked and the text escaped", () => {
    const html = questionMarkup({ ...base, type: "single", options: [{ index: 2, text: "<b>119</b>" }, { index: 0, text: "110 & 120" }], answer: { choice: 0 } });
    expect(html).toContain('<legend><span class="exam-question__no">第 7 题</span> <span class="badge">单选题</span></legend>');
    expect(html).toContain('<div class="rich-text exam-question__stem"><p>火灾报警电话是<strong>多少</strong>？</p></div>');
    expect(html).toContain('<input type="radio" name="a7" value="2"/><span class="exam-option__letter">A</span><span>&lt;b&gt;119&lt;/b&gt;</span>');
    expect(html).toContain('<input type="radio" name="a7" value="0" checked/><span class="exam-option__letter">B</span><span>110 &amp; 120</span>');
    expect(html).not.toContain("<b>");
  });

  it("checks every chosen option of a multiple-choice answer and nothing when unanswered", () => {
    const options = [0, 1, 2].map((index) => ({ index, text: `选项${index}` }));
    const chosen = questionMarkup({ ...base, type: "multiple", options, answer: { choices: [2, 0] } });
    expect(chosen.match(/type="checkbox" name="a7" value="\d" checked/g)).toHaveLength(2);
    expect(chosen).toContain('value="1"/>');
    expect(questionMarkup({ ...base, type: "multiple", options })).not.toContain("checked");
  });

  it("renders 对/错, blanks and the essay box with their answers, escaped", () => {
    expect(questionMarkup({ ...base, type: "truefalse", answer: { value: false } })).toContain('value="false" checked/><span>错</span>');
    const fill = questionMarkup({ ...base, type: "fill", blanks: 2, answer: { blanks: ['"引号"', ""] } });
    expect(fill).toContain('<span>第 1 空</span><input type="text" name="a7" maxlength="200" value="&quot;引号&quot;"/>');
    expect(fill).toContain('<span>第 2 空</span><input type="text" name="a7" maxlength="200" value=""/>');
    const essay = questionMarkup({ ...base, type: "essay", answer: { text: "\n</textarea><script>" } });
    // The parser drops the first newline after <textarea>, so the answer's own newline survives.
    expect(essay).toContain('maxlength="5000">\n\n&lt;/textarea&gt;&lt;script&gt;</textarea>');
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
