// Writing questions to the platform's Excel template (export, and the downloadable import template).
// Columns and answer syntax: excel-rows.ts. What a question loses on the way: excelLosses().
import ExcelJS from "exceljs";
import { QUESTION_TYPE_LABELS, type QuestionDraft } from "../model";
import {
  DEFAULT_TIERS,
  EXAMPLE_MARK,
  INSTRUCTIONS_SHEET,
  MAX_QUESTION_ROWS,
  QUESTION_COLUMNS,
  QUESTION_SHEET,
  questionRowValues,
} from "./excel-rows";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Tier = { code: string; name: string };

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
}

function addQuestionSheet(workbook: ExcelJS.Workbook, questions: readonly QuestionDraft[], tiers: readonly Tier[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(QUESTION_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = QUESTION_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeader(sheet.getRow(1));
  // Text columns as text, so Excel does not turn a typed 119 or 1/2 into a number or a date.
  for (const [i, c] of QUESTION_COLUMNS.entries()) {
    const column = sheet.getColumn(i + 1);
    if (c.key !== "difficulty") column.numFmt = "@";
    column.alignment = { vertical: "top", wrapText: c.key === "stem" || c.key === "explanation" || c.key === "rubric" };
  }
  for (const question of questions) sheet.addRow(questionRowValues(question, tiers));
  const typeColumn = QUESTION_COLUMNS.findIndex((c) => c.key === "type") + 1;
  const difficultyColumn = QUESTION_COLUMNS.findIndex((c) => c.key === "difficulty") + 1;
  const lastRow = Math.max(questions.length + 1, 501);
  for (let r = 2; r <= lastRow; r++) {
    sheet.getCell(r, typeColumn).dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [`"${Object.values(QUESTION_TYPE_LABELS).join(",")}"`],
    };
    sheet.getCell(r, difficultyColumn).dataValidation = {
      type: "whole",
      operator: "between",
      allowBlank: true,
      formulae: [1, 5],
      showErrorMessage: true,
      error: "难度应为 1–5 的整数",
    };
  }
  return sheet;
}

function addInstructionsSheet(workbook: ExcelJS.Workbook, tiers: readonly Tier[]) {
  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 14 }, { width: 90 }];
  const lines: Array<[string, string]> = [
    ["填写说明", ""],
    ["表头", `第 1 行为表头，请勿修改表头文字（列的顺序可以调整，不用的选填列可以删除）；每行一题，空行会被忽略。一次最多 ${MAX_QUESTION_ROWS} 题。`],
    ["示例行", `模板中题干以「${EXAMPLE_MARK}」开头的是示例，导入前请删除。`],
    ["题型", `必填：${Object.values(QUESTION_TYPE_LABELS).join(" / ")}。同一题型的连续多行可以合并单元格。`],
    ["题干", "必填。填空题用 ____（4 个及以上下划线）或 （　） 标出每个空。"],
    ["选项A–H", "单选、多选题必填，至少 2 个，从选项A 起连续填写；其他题型不填。"],
    ["答案", "必填（简答题可不填）。"],
    ["", "单选：一个字母，如 B；多选：多个字母，如 A,C 或 AC 或 A、C。"],
    ["", "判断：对 / 错（也可写 正确/错误、√/×、T/F）。"],
    ["", "填空：各空之间用 | 分隔，同一空的多个可接受答案用 / 分隔，如 119|火警/报警 表示两个空；答案本身含 / 或 | 时写作 \\/ 或 \\|（如 25km\\/h）；空数须与题干中的填空标记数一致。"],
    ["", "简答：参考答案。"],
    ["解析", "选填，答题后显示。"],
    ["难度", "选填，1（最易）–5（最难）的整数。"],
    ["知识点", "选填，层级之间用 / 分隔，如 安全生产法/法律责任；须为题库中已有的知识点（导入时也可选择自动新建）。"],
    ["适用层级", `选填，可填名称或编码，多个用 , 或 、 分隔：${tiers.map((t) => `${t.name}（${t.code}）`).join("、")}。`],
    ["评分要点", "选填，仅简答题使用：阅卷时参考的得分点。"],
    ["法规条款", "选填，试题依据的法律法规条款，如《中华人民共和国安全生产法》第二十一条。"],
    ["标签", "选填，多个标签用 , 或 、 分隔，如 2026复训、执法证。"],
  ];
  for (const line of lines) help.addRow(line);
  help.getRow(1).font = { bold: true, size: 14 };
  help.getColumn(2).alignment = { wrapText: true, vertical: "top" };
}

async function toArrayBuffer(workbook: ExcelJS.Workbook): Promise<ArrayBuffer> {
  // writeBuffer yields a Node Buffer (possibly a view into a larger pool): copy the exact bytes.
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer).buffer as ArrayBuffer;
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "应急培训考试积分平台";
  return workbook;
}

/**
 * The questions as a workbook in the import template's layout (试题 sheet + 填写说明), so an export
 * can be edited and imported again. Check excelLosses() first for what a question would lose.
 */
export async function writeQuestionWorkbook(questions: readonly QuestionDraft[], tiers: readonly Tier[] = DEFAULT_TIERS): Promise<ArrayBuffer> {
  const workbook = newWorkbook();
  addQuestionSheet(workbook, questions, tiers);
  addInstructionsSheet(workbook, tiers);
  return toArrayBuffer(workbook);
}

/** One example per type, stems marked 【示例】 (the reader refuses such rows). */
export const TEMPLATE_EXAMPLES: readonly QuestionDraft[] = [
  {
    type: "single",
    stem: EXAMPLE_MARK + "扑救电气火灾时，应首先（　）。",
    stemFormat: "plain",
    options: [
      { text: "用水扑救", correct: false },
      { text: "切断电源", correct: true },
      { text: "打开门窗通风", correct: false },
      { text: "离开现场", correct: false },
    ],
    explanation: "带电灭火有触电危险，应先切断电源。",
    difficulty: 1,
    knowledgePoint: "消防安全/电气火灾",
    tiers: ["grid", "staff"],
  },
  {
    type: "multiple",
    stem: EXAMPLE_MARK + "下列属于生产经营单位主要负责人安全生产职责的有（　）。",
    stemFormat: "plain",
    options: [
      { text: "建立健全全员安全生产责任制", correct: true },
      { text: "组织制定并实施安全生产教育和培训计划", correct: true },
      { text: "审批本单位员工的年休假", correct: false },
      { text: "组织制定并实施生产安全事故应急救援预案", correct: true },
    ],
    explanation: "见《安全生产法》第二十一条。",
    difficulty: 2,
    knowledgePoint: "安全生产法/主要负责人职责",
    tiers: ["chief", "cadre"],
  },
  {
    type: "truefalse",
    stem: `${EXAMPLE_MARK}发现火情后应先自行扑救，扑救不了再报警。`,
    stemFormat: "plain",
    answer: false,
    explanation: "发现火情应立即报警，同时在确保安全的前提下扑救初起火灾。",
    difficulty: 1,
  },
  {
    type: "fill",
    stem: `${EXAMPLE_MARK}火警电话是____，发现火情应立即____。`,
    stemFormat: "plain",
    blanks: [["119"], ["报警", "拨打119"]],
    difficulty: 1,
    tiers: ["grid"],
  },
  {
    type: "essay",
    stem: `${EXAMPLE_MARK}简述村（社区）网格员在汛期巡查中发现险情后的处置流程。`,
    stemFormat: "plain",
    referenceAnswer: "立即报告、组织转移受威胁群众、设置警示标志、持续监测并配合救援。",
    rubric: "报告（2 分）；转移群众（3 分）；警示（2 分）；监测与配合（3 分）",
    difficulty: 3,
    tiers: ["grid"],
  },
];

/** The downloadable import template: headers, one example row per type, and the instructions. */
export async function buildQuestionTemplate(tiers: readonly Tier[] = DEFAULT_TIERS): Promise<ArrayBuffer> {
  const workbook = newWorkbook();
  const sheet = addQuestionSheet(workbook, TEMPLATE_EXAMPLES, tiers);
  for (let r = 2; r <= TEMPLATE_EXAMPLES.length + 1; r++) sheet.getRow(r).font = { italic: true, color: { argb: "FF888888" } };
  addInstructionsSheet(workbook, tiers);
  return toArrayBuffer(workbook);
}
