import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { QuestionDraft } from "~/modules/questions/model";
import { readQuestionRows } from "~/modules/questions/formats/excel-read.server";
import { countBlankMarkers, escapeBlankAnswer, excelLosses, parseBlanks, QUESTION_HEADERS, validateQuestionRow } from "~/modules/questions/formats/excel-rows";
import { buildQuestionTemplate, TEMPLATE_EXAMPLES, writeQuestionWorkbook } from "~/modules/questions/formats/excel-write.server";

const HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "难度", "知识点", "适用层级"];

/** A workbook with one sheet: the header and rows (null = a blank row), optionally changed by `edit`. */
async function workbook(header: unknown[], rows: Array<unknown[] | null>, edit?: (sheet: ExcelJS.Worksheet) => void): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("试题");
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row ?? []);
  edit?.(sheet);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer).buffer as ArrayBuffer;
}

const read = async (rows: Array<unknown[] | null>, options = {}, edit?: (sheet: ExcelJS.Worksheet) => void) =>
  readQuestionRows(await workbook(HEADER, rows, edit), options);

describe("readQuestionRows", () => {
  it("reads every type", async () => {
    const result = await read([
      ["单选", "扑救电气火灾时，应首先（　）。", "用水扑救", "切断电源", "打开门窗", "", "B", "先断电", 1, "消防安全/电气火灾", "村社网格员、工作人员"],
      ["多选", "属于应急救援物资的有（　）。", "救生衣", "办公桌", "冲锋舟", "", "A、C", "", "", "", "chief,cadre"],
      ["判断", "发现火情应先自行扑救。", "", "", "", "", "×", "", 2, "", ""],
      ["填空", "火警电话是____，发现火情应立即（　）。", "", "", "", "", "119|报警/拨打119", "", "", "", ""],
      ["简答", "简述汛期巡查发现险情后的处置流程。", "", "", "", "", "立即报告、转移群众", "", 3, "", "站（队）长"],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.questions.map((q) => q.row)).toEqual([2, 3, 4, 5, 6]);
    expect(result.questions.map((q) => q.question)).toEqual([
      {
        type: "single",
        stem: "扑救电气火灾时，应首先（　）。",
        stemFormat: "plain",
        options: [
          { text: "用水扑救", correct: false },
          { text: "切断电源", correct: true },
          { text: "打开门窗", correct: false },
        ],
        explanation: "先断电",
        difficulty: 1,
        knowledgePoint: "消防安全/电气火灾",
        tiers: ["grid", "staff"],
      },
      {
        type: "multiple",
        stem: "属于应急救援物资的有（　）。",
        stemFormat: "plain",
        options: [
          { text: "救生衣", correct: true },
          { text: "办公桌", correct: false },
          { text: "冲锋舟", correct: true },
        ],
        tiers: ["chief", "cadre"],
      },
      { type: "truefalse", stem: "发现火情应先自行扑救。", stemFormat: "plain", answer: false, difficulty: 2 },
      { type: "fill", stem: "火警电话是____，发现火情应立即（　）。", stemFormat: "plain", blanks: [["119"], ["报警", "拨打119"]] },
      { type: "essay", stem: "简述汛期巡查发现险情后的处置流程。", stemFormat: "plain", referenceAnswer: "立即报告、转移群众", difficulty: 3, tiers: ["chief"] },
    ]);
  });

  it("skips blank rows and keeps Excel row numbers", async () => {
    const result = await read([null, ["判断", "题一", "", "", "", "", "对"], ["", "  ", null], ["判断", "题二", "", "", "", "", "错误"], null]);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.row)).toEqual([3, 5]);
    expect(result.questions.map((q) => (q.question.type === "truefalse" ? q.question.answer : null))).toEqual([true, false]);
  });

  it("treats a 题型 cell merged over several rows as repeating the type", async () => {
    const result = await read(
      [
        ["单选", "题一", "甲", "乙", "", "", "A"],
        ["", "题二", "甲", "乙", "", "", "B"],
        ["", "题三", "甲", "乙", "丙", "", "C"],
        ["判断", "题四", "", "", "", "", "T"],
      ],
      {},
      (sheet) => sheet.mergeCells("A2:A4"),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.row, q.question.type, q.question.stem])).toEqual([
      [2, "single", "题一"],
      [3, "single", "题二"],
      [4, "single", "题三"],
      [5, "truefalse", "题四"],
    ]);
  });

  it("does not count a row covered only by a merged cell from above as a question", async () => {
    const result = await read([["判断", "题一", "", "", "", "", "对"], null], {}, (sheet) => sheet.mergeCells("A2:A3"));
    expect(result.errors).toEqual([]);
    expect(result.questions).toHaveLength(1);
  });

  it("reports answer letters beyond the options present", async () => {
    const result = await read([
      ["单选", "题一", "甲", "乙", "丙", "", "D"],
      ["多选", "题二", "甲", "乙", "", "", "A,C,E"],
      ["单选", "题三", "甲", "乙", "", "", "A,B"],
      ["单选", "题四", "甲", "", "丙", "", "A"],
      ["多选", "题五", "甲", "乙", "", "", "甲"],
    ]);
    expect(result.questions).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, message: "答案 D 超出已填写的选项（A–C）" },
      { row: 3, message: "答案 C、E 超出已填写的选项（A–B）" },
      { row: 4, message: "单选题只能有一个答案，实为 A,B" },
      { row: 5, message: "选项B为空，但其后的选项C有内容（选项须从 A 起连续填写）" },
      { row: 6, message: "答案「甲」格式不正确，应为选项字母，如 A 或 A,C" },
    ]);
  });

  it("reports unknown knowledge points when the known ones are given", async () => {
    const rows = [
      ["判断", "题一", "", "", "", "", "对", "", "", "安全生产法 / 法律责任"],
      ["判断", "题二", "", "", "", "", "对", "", "", "消防法/不存在"],
    ];
    const known = new Set(["安全生产法/法律责任"]);
    const result = await read(rows, { knownKnowledgePoints: known });
    expect(result.errors).toEqual([{ row: 3, message: "知识点「消防法/不存在」不在本题库的知识点中（可先在题库中添加，或勾选“自动新建知识点”）" }]);
    expect(result.questions[0].question.knowledgePoint).toBe("安全生产法/法律责任");
    expect((await read(rows)).errors).toEqual([]);
  });

  it("reports unknown 题型, bad 判断 answers, difficulty and tiers", async () => {
    const result = await read([
      ["问答", "题一", "", "", "", "", "x"],
      ["判断", "题二", "", "", "", "", "也许"],
      ["判断", "题三", "", "", "", "", "对", "", 6],
      ["判断", "题四", "", "", "", "", "对", "", "", "", "站长"],
      ["单选", "", "甲", "乙", "", "", ""],
    ]);
    expect(result.errors).toEqual([
      { row: 2, message: "题型「问答」无效，可选：单选、多选、判断、填空、简答" },
      { row: 3, message: "判断题答案「也许」无效，应为 对/错（也可写 正确/错误、√/×、T/F）" },
      { row: 4, message: "难度「6」无效，应为 1–5 的整数" },
      { row: 5, message: expect.stringContaining("适用层级「站长」不存在") },
      { row: 6, message: "题干为空" },
      { row: 6, message: "答案为空" },
    ]);
  });

  it("checks the number of blanks against the stem's markers", async () => {
    const result = await read([
      ["填空", "火警电话是____。", "", "", "", "", "119|报警"],
      ["填空", "没有标记的题干", "", "", "", "", "119"],
      ["填空", "（　）和()都是标记", "", "", "", "", "甲|乙"],
      ["填空", "第二个空为空____ ____", "", "", "", "", "甲|"],
    ]);
    expect(result.errors).toEqual([
      { row: 2, message: "题干中有 1 处填空标记，答案却有 2 个空（各空用「|」分隔）" },
      { row: 3, message: "填空题的题干中没有填空标记（用 ____ 或 （　） 标出每个空）" },
      { row: 5, message: "答案中第 2 个空为空（各空用「|」分隔）" },
    ]);
    expect(result.questions.map((q) => q.row)).toEqual([4]);
  });

  it("reads rich text, formulas and numbers in text columns", async () => {
    const result = await read([["填空", "火警电话是____。", "", "", "", "", 119], ["单选", "题二", "", "", "", "", "A"]], {}, (sheet) => {
      sheet.getCell("B3").value = { richText: [{ text: "扑救", font: { bold: true } }, { text: "电气火灾" }] };
      sheet.getCell("C3").value = 110;
      sheet.getCell("D3").value = { formula: '"1"&"19"', result: "119" };
    });
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual([
      { type: "fill", stem: "火警电话是____。", stemFormat: "plain", blanks: [["119"]] },
      {
        type: "single",
        stem: "扑救电气火灾",
        stemFormat: "plain",
        options: [
          { text: "110", correct: true },
          { text: "119", correct: false },
        ],
      },
    ]);
  });

  it("matches headers in any order, ignoring spaces, and reports a missing required one once", async () => {
    const shuffled = await readQuestionRows(await workbook([" 答案 ", "题干", "题型 ", "备注"], [["对", "题一", "判断", "随便"]]));
    expect(shuffled.errors).toEqual([]);
    expect(shuffled.questions[0].question).toEqual({ type: "truefalse", stem: "题一", stemFormat: "plain", answer: true });
    expect(shuffled.warnings).toEqual([{ row: 1, message: "表头中的「备注」不是模板中的列，已忽略" }]);

    const missing = await readQuestionRows(await workbook(["题型", "题目", "选项A"], [["判断", "题一", ""]]));
    expect(missing.questions).toEqual([]);
    expect(missing.errors).toEqual([{ message: expect.stringContaining("表头缺少必需的列：「题干」、「答案」") }]);
  });

  it("reports unreadable and empty files", async () => {
    expect((await readQuestionRows(new TextEncoder().encode("not a workbook").buffer as ArrayBuffer)).errors[0].message).toContain("无法读取文件");
    expect((await readQuestionRows(await workbook(HEADER, [null]))).errors).toEqual([{ message: "文件中没有试题（表头下方为空）" }]);
  });

  it("warns about columns a type does not use", async () => {
    const result = await read([["判断", "题一", "正确", "错误", "", "", "对"]]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ row: 2, message: "判断题不使用选项列，选项已忽略" }]);
  });
});

describe("validateQuestionRow", () => {
  it("accepts the answer spellings of the template", () => {
    for (const answer of ["A,C", "AC", "A、C", "a，c", "Ａ Ｃ"]) {
      const result = validateQuestionRow({ type: "多选", stem: "题", optionA: "甲", optionB: "乙", optionC: "丙", answer });
      expect("question" in result && result.question.type === "multiple" && result.question.options.map((o) => o.correct)).toEqual([true, false, true]);
    }
    for (const [answer, value] of [["对", true], ["正确", true], ["√", true], ["T", true], ["TRUE", true], ["错", false], ["错误", false], ["×", false], ["f", false]] as const) {
      const result = validateQuestionRow({ type: "判断题", stem: "题", answer });
      expect("question" in result && result.question.type === "truefalse" && result.question.answer).toBe(value);
    }
  });

  it("counts blank markers", () => {
    expect(countBlankMarkers("a____b______c（　）d()e（）f( )g___")).toBe(6);
  });

  it("refuses the template's example rows", () => {
    expect(validateQuestionRow({ type: "判断", stem: "【示例】题", answer: "对" })).toEqual({ errors: ["这是模板中的示例行，请删除后再导入"], warnings: [] });
  });
});

const ROUND_TRIP: QuestionDraft[] = [
  {
    type: "single",
    stem: "扑救电气火灾时，应首先（　）。",
    stemFormat: "plain",
    options: [
      { text: "用水扑救", correct: false },
      { text: "切断电源", correct: true },
      { text: "打开门窗", correct: false },
      { text: "离开现场", correct: false },
      { text: "E", correct: false },
      { text: "F", correct: false },
      { text: "G", correct: false },
      { text: "H 第八个选项", correct: false },
    ],
    explanation: "带电灭火有触电危险。\n应先切断电源。",
    source: "《中华人民共和国消防法》第四十四条",
    tags: ["电气火灾", "2026复训"],
    difficulty: 1,
    knowledgePoint: "消防安全/电气火灾",
    tiers: ["grid", "staff"],
  },
  {
    type: "multiple",
    stem: "多行题干：\n下列正确的有（　）。",
    stemFormat: "plain",
    options: [
      { text: "119", correct: true },
      { text: "=1+1", correct: false },
      { text: "0571", correct: true },
    ],
    tiers: ["chief", "staff", "grid", "cadre"],
  },
  { type: "truefalse", stem: "发现火情应先自行扑救。", stemFormat: "plain", answer: false, difficulty: 5, explanation: "应立即报警。" },
  { type: "truefalse", stem: "应急预案应定期演练。", stemFormat: "plain", answer: true },
  { type: "fill", stem: "火警电话是____，急救电话是（　）。", stemFormat: "plain", blanks: [["119"], ["120", "一二零"]], knowledgePoint: "常识" },
  { type: "essay", stem: "简述汛期巡查发现险情后的处置流程。", stemFormat: "plain", referenceAnswer: "立即报告；转移群众。", rubric: "报告 2 分；转移 3 分", difficulty: 3 },
  { type: "essay", stem: "谈谈你对安全生产的认识。", stemFormat: "plain" },
];

describe("填空 answers with separators inside", () => {
  it("reads backslash-escaped / and | as literal characters", () => {
    expect(parseBlanks("25km\\/h|a\\|b/c")).toEqual({ blanks: [["25km/h"], ["a|b", "c"]] });
    expect(parseBlanks("C:\\\\temp")).toEqual({ blanks: [["C:\\temp"]] });
    expect(parseBlanks("甲／乙｜丙")).toEqual({ blanks: [["甲", "乙"], ["丙"]] });
  });

  it("escapes what it writes so that reading gives the answer back", () => {
    for (const answer of ["25km/h", "a|b", "C:\\temp\\", "全角／与｜", "plain"]) {
      expect(parseBlanks(escapeBlankAnswer(answer))).toEqual({ blanks: [[answer]] });
    }
  });
});

describe("writeQuestionWorkbook", () => {
  it("round trips every type (write → read deep-equals the input)", async () => {
    for (const question of ROUND_TRIP) expect(excelLosses(question)).toEqual([]);
    const result = await readQuestionRows(await writeQuestionWorkbook(ROUND_TRIP));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.questions.map((q) => q.question)).toStrictEqual(ROUND_TRIP);
  });

  it("writes the template headers and an instructions sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await writeQuestionWorkbook(ROUND_TRIP.slice(0, 1)));
    expect(wb.worksheets.map((s) => s.name)).toEqual(["试题", "填写说明"]);
    const header = wb.getWorksheet("试题")!.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([...QUESTION_HEADERS]);
    expect(QUESTION_HEADERS).toEqual(["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "选项G", "选项H", "答案", "解析", "难度", "知识点", "适用层级", "评分要点", "法规条款", "标签"]);
    expect(wb.getWorksheet("试题")!.getCell("B2").value).toBe("扑救电气火灾时，应首先（　）。");
  });

  it("reports what Excel cannot hold", () => {
    const rich: QuestionDraft = {
      type: "multiple",
      title: "Q1",
      stem: "<p>题</p>",
      stemFormat: "html",
      options: [
        { text: "甲", correct: true, weight: 50, feedback: "对" },
        { text: "乙", correct: true, weight: 50 },
      ],
      tags: ["x"],
      source: "安全生产法第二十一条",
    };
    expect(excelLosses(rich)).toEqual([
      "标题（Excel 模板没有标题列）",
      "题干格式 html（Excel 中按纯文本保存）",
      "选项反馈",
      "选项分值比例",
    ]);
    expect(excelLosses({ type: "fill", stem: "没有标记", stemFormat: "plain", blanks: [["a/b"]] })).toEqual([
      "题干中的填空标记（0 处）与空数（1）不一致，导入时会报错",
    ]);
    expect(excelLosses({ type: "truefalse", stem: "题", stemFormat: "plain", answer: true, trueFeedback: "好" })).toEqual(["判断题的对/错反馈"]);
  });
});

describe("buildQuestionTemplate", () => {
  it("has one example per type that passes every check except being an example", async () => {
    const data = await buildQuestionTemplate();
    const result = await readQuestionRows(data);
    expect(result.questions).toEqual([]);
    expect(result.errors).toEqual([2, 3, 4, 5, 6].map((row) => ({ row, message: "这是模板中的示例行，请删除后再导入" })));
    expect(TEMPLATE_EXAMPLES.map((q) => q.type)).toEqual(["single", "multiple", "truefalse", "fill", "essay"]);
    for (const example of TEMPLATE_EXAMPLES) expect(excelLosses(example)).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["试题", "填写说明"]);
  });
});
