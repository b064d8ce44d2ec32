import { describe, expect, it } from "vitest";
import type { QuestionDraft } from "~/modules/questions/model";
import { exportAiken, parseAiken } from "~/modules/questions/formats/aiken";

const file = (...lines: string[]) => lines.join("\n");
const messages = (text: string) => parseAiken(text).errors.map((e) => [e.line, e.message] as const);

describe("parseAiken", () => {
  it("reads single-answer questions with . and ) delimiters", () => {
    const result = parseAiken(
      file(
        "扑救电气火灾时，应首先（　）。",
        "A. 用水扑救",
        "B) 切断电源",
        "C. 打开门窗",
        "ANSWER: B",
        "",
        "火警电话是多少？",
        "A) 110",
        "B) 119",
        "ANSWER: B",
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual([
      {
        line: 1,
        question: {
          type: "single",
          stem: "扑救电气火灾时，应首先（　）。",
          stemFormat: "plain",
          options: [
            { text: "用水扑救", correct: false },
            { text: "切断电源", correct: true },
            { text: "打开门窗", correct: false },
          ],
        },
      },
      {
        line: 7,
        question: {
          type: "single",
          stem: "火警电话是多少？",
          stemFormat: "plain",
          options: [
            { text: "110", correct: false },
            { text: "119", correct: true },
          ],
        },
      },
    ]);
  });

  it("keeps a stem spanning several lines, CRLF line ends and a BOM", () => {
    const result = parseAiken("\uFEFF某村发生山体滑坡，\r\n网格员首先应当：\r\nA. 报告\r\nB. 拍照\r\nANSWER: A\r\n");
    expect(result.errors).toEqual([]);
    expect(result.questions[0].question.stem).toBe("某村发生山体滑坡，\n网格员首先应当：");
  });

  it("extension: several answer letters make a multiple-response question", () => {
    const result = parseAiken(file("属于应急救援物资的有：", "A. 救生衣", "B. 办公桌", "C. 冲锋舟", "ANSWER: A,C", "", "Q2", "A. x", "B. y", "C. z", "ANSWER: A、B"));
    expect(result.errors).toEqual([]);
    expect(result.questions[0].question).toEqual({
      type: "multiple",
      stem: "属于应急救援物资的有：",
      stemFormat: "plain",
      options: [
        { text: "救生衣", correct: true },
        { text: "办公桌", correct: false },
        { text: "冲锋舟", correct: true },
      ],
    });
    expect(result.questions[1].question.type).toBe("multiple");
  });

  it("reports a question without an ANSWER line, at the line it starts", () => {
    expect(messages(file("第一题", "A. 甲", "B. 乙", "", "第二题", "A. 丙", "B. 丁", "ANSWER: A"))).toEqual([[1, "从第 1 行开始的题目缺少「ANSWER:」答案行"]]);
    expect(messages(file("只有题干", "A. 甲", "B. 乙"))).toEqual([[1, "从第 1 行开始的题目缺少「ANSWER:」答案行"]]);
    // The second question is still read.
    expect(parseAiken(file("第一题", "A. 甲", "B. 乙", "", "第二题", "A. 丙", "B. 丁", "ANSWER: A")).questions).toHaveLength(1);
  });

  it("reports fewer than two options", () => {
    expect(messages(file("题干", "A. 唯一选项", "ANSWER: A"))).toEqual([[3, "至少需要 2 个选项，此题只有 1 个"]]);
    expect(messages(file("题干", "ANSWER: A"))).toEqual([[2, "至少需要 2 个选项，此题只有 0 个"]]);
  });

  it("reports an option without the space after the delimiter instead of guessing", () => {
    const result = parseAiken(file("题干", "A.甲", "B. 乙", "ANSWER: B"));
    expect(result.errors).toEqual([{ line: 2, message: "选项「A.」之后缺少空格（应写成「A. 甲」）" }]);
    expect(result.questions).toEqual([]);
    expect(messages(file("题干", "A、甲", "B、乙", "ANSWER: B"))[0]).toEqual([2, expect.stringContaining("分隔符「、」不符合 Aiken 格式")]);
  });

  it("reports an answer letter that is not among the options", () => {
    expect(messages(file("题干", "A. 甲", "B. 乙", "ANSWER: D"))).toEqual([[4, "答案 D 不在选项中（本题选项为 A–B）"]]);
    expect(messages(file("题干", "A. 甲", "B. 乙", "ANSWER: A,E"))).toEqual([[4, "答案 E 不在选项中（本题选项为 A–B）"]]);
    expect(messages(file("题干", "A. 甲", "B. 乙", "ANSWER:"))).toEqual([[4, "「ANSWER:」之后没有答案字母"]]);
    expect(messages(file("题干", "A. 甲", "B. 乙", "ANSWER: 甲"))[0][1]).toContain("格式不正确");
  });

  it("reports options out of order and duplicate letters", () => {
    expect(messages(file("题干", "A. 甲", "C. 丙", "ANSWER: A"))).toEqual([[3, "选项应按 A、B、C… 的顺序排列，此处应为 B，实为 C"]]);
    expect(messages(file("题干", "A. 甲", "B. 乙", "B. 丙", "ANSWER: A"))).toEqual([[4, "选项字母 B 重复"]]);
    expect(parseAiken(file("题干", "A. 甲", "A. 乙", "ANSWER: A")).questions).toEqual([]);
  });

  it("reports text after ANSWER before a blank line", () => {
    const result = parseAiken(file("题一", "A. 甲", "B. 乙", "ANSWER: A", "题二", "A. 丙", "B. 丁", "ANSWER: B"));
    expect(result.errors).toEqual([{ line: 5, message: "第 4 行的 ANSWER 行之后须空一行，再开始下一题" }]);
  });

  it("reports a misspelt answer line and a stray line between options", () => {
    expect(messages(file("题干", "A. 甲", "B. 乙", "答案：A"))).toEqual([[4, "答案行须写成「ANSWER: B」（大写英文 ANSWER 加冒号），实为「答案：A」"]]);
    expect(messages(file("题干", "A. 甲", "补充说明", "B. 乙", "ANSWER: A"))[0][0]).toBe(3);
  });
});

describe("exportAiken", () => {
  const single: QuestionDraft = {
    type: "single",
    stem: "扑救电气火灾时，应首先：",
    stemFormat: "plain",
    options: [
      { text: "用水扑救", correct: false },
      { text: "切断电源", correct: true },
    ],
  };
  const multiple: QuestionDraft = {
    type: "multiple",
    stem: "属于应急救援物资的有：\n（多选）",
    stemFormat: "plain",
    options: [
      { text: "救生衣", correct: true },
      { text: "办公桌", correct: false },
      { text: "冲锋舟", correct: true },
    ],
  };

  it("writes Aiken text", () => {
    expect(exportAiken([single]).text).toBe("扑救电气火灾时，应首先：\nA. 用水扑救\nB. 切断电源\nANSWER: B\n");
  });

  it("round trips single and multiple questions", () => {
    const { text, skipped, warnings } = exportAiken([single, multiple]);
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([]);
    const parsed = parseAiken(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions.map((q) => q.question)).toEqual([single, multiple]);
  });

  it("lists every question it cannot write instead of dropping it", () => {
    const questions: QuestionDraft[] = [
      { type: "truefalse", stem: "对吗", stemFormat: "plain", answer: true },
      single,
      { type: "fill", stem: "火警电话____", stemFormat: "plain", blanks: [["119"]] },
      { type: "essay", stem: "简述", stemFormat: "plain" },
      { ...single, stem: "题干\nA. 会被读成选项" },
      { ...multiple, options: [{ text: "甲", correct: true }, { text: "乙", correct: false }] },
    ];
    const { text, skipped } = exportAiken(questions);
    expect(skipped.map((s) => s.index)).toEqual([0, 2, 3, 4, 5]);
    expect(skipped[0].reason).toContain("判断题");
    expect(skipped[4].reason).toContain("只有一个正确选项");
    expect(parseAiken(text).questions).toHaveLength(1);
  });

  it("warns about fields Aiken cannot hold", () => {
    const { warnings } = exportAiken([{ ...single, explanation: "先断电", knowledgePoint: "消防/电气", difficulty: 2 }]);
    expect(warnings).toEqual([{ index: 0, reason: "Aiken 格式无法保存：解析、难度、知识点" }]);
  });
});
