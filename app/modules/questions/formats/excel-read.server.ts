// Reading an uploaded question workbook (the platform template, see excel-rows.ts for the columns
// and answer syntax) into QuestionDrafts with Excel-row-numbered Chinese errors.
import ExcelJS from "exceljs";
import type { ImportIssue, ParsedQuestion, ParseResult } from "../model";
import {
  INSTRUCTIONS_SHEET,
  mapQuestionHeader,
  MAX_QUESTION_ROWS,
  QUESTION_COLUMNS,
  QUESTION_SHEET,
  validateQuestionRow,
  type RowTexts,
} from "./excel-rows";

export interface ReadQuestionOptions {
  /** Knowledge point paths that exist; when given, any other 知识点 is an error. */
  knownKnowledgePoints?: ReadonlySet<string>;
  /** Active training tiers (code + name); defaults to the four of the syllabus. */
  tiers?: ReadonlyArray<{ code: string; name: string }>;
}

type Plain = string | number | boolean | Date | null;

/** exceljs's cell shapes (rich text, formulas, hyperlinks, errors) reduced to plain values. */
function plainCell(value: ExcelJS.CellValue): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("text" in value) return typeof value.text === "string" ? value.text : plainCell(value.text as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  return null;
}

/** A cell as text: integers keep all digits (119, not 119.0), dates as YYYY-MM-DD, booleans TRUE/FALSE. */
export function cellText(value: ExcelJS.CellValue): string {
  const plain = plainCell(value);
  if (plain === null) return "";
  if (plain instanceof Date) return Number.isNaN(plain.getTime()) ? "" : plain.toISOString().slice(0, 10);
  if (typeof plain === "number") return Number.isInteger(plain) ? plain.toFixed(0) : String(plain);
  if (typeof plain === "boolean") return plain ? "TRUE" : "FALSE";
  return plain;
}

function fileError(message: string): ParseResult {
  return { questions: [], errors: [{ message }], warnings: [] };
}

/**
 * Reads the sheet named 试题 (else the first sheet that is not 填写说明). Row 1 is the header; blank
 * rows are skipped. A merged cell counts for every row it covers (a 题型 merged over five rows gives
 * all five that type). Every problem of every row is reported; rows with errors are left out of
 * `questions`, so a caller imports only when `errors` is empty.
 */
export async function readQuestionRows(data: ArrayBuffer, options: ReadQuestionOptions = {}): Promise<ParseResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data);
  } catch {
    return fileError("无法读取文件，请上传 .xlsx 格式的 Excel 文件（可先下载试题导入模板）");
  }
  const sheet =
    workbook.getWorksheet(QUESTION_SHEET) ?? workbook.worksheets.find((s) => s.name !== INSTRUCTIONS_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return fileError("文件中没有工作表");

  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  for (let column = 1; column <= headerRow.cellCount; column++) headers[column - 1] = cellText(headerRow.getCell(column).value);
  const { columns, problems, unknown } = mapQuestionHeader(headers);
  if (problems.length > 0) return { questions: [], errors: problems.map((message) => ({ message })), warnings: [] };

  const questions: ParsedQuestion[] = [];
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  if (unknown.length > 0) warnings.push({ row: 1, message: `表头中的「${unknown.join("」「")}」不是模板中的列，已忽略` });

  let dataRows = 0;
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= 1 || tooMany) return;
    const texts: RowTexts = {};
    // Blank = nothing typed in this row itself; values it only shows through a merge from above
    // (the master cell lies in an earlier row) do not make a row.
    let blank = true;
    for (const { key } of QUESTION_COLUMNS) {
      const index = columns[key];
      if (index === undefined) continue;
      const cell = row.getCell(index + 1);
      const text = cellText(cell.value);
      texts[key] = text;
      const inheritedFromAbove = cell.isMerged && cell.master.fullAddress.row !== rowNumber;
      if (text.trim() && !inheritedFromAbove) blank = false;
    }
    if (blank) return;
    dataRows++;
    if (dataRows > MAX_QUESTION_ROWS) {
      tooMany = true;
      return;
    }
    const result = validateQuestionRow(texts, options);
    for (const message of result.warnings) warnings.push({ row: rowNumber, message });
    if ("errors" in result) for (const message of result.errors) errors.push({ row: rowNumber, message });
    else questions.push({ question: result.question, row: rowNumber });
  });
  if (tooMany) return fileError(`一次最多导入 ${MAX_QUESTION_ROWS} 道题，请分成多个文件`);
  if (dataRows === 0) return fileError("文件中没有试题（表头下方为空）");
  return { questions, errors, warnings };
}
