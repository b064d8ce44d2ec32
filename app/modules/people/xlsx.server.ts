// Excel files of the people module: reading an uploaded sheet, the import template, the export.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { Db } from "#db/client";
import type { Principal } from "~/modules/auth/permissions";
import { GENDER_LABELS, POSTS, STATUS_LABELS } from "./constants";
import { IMPORT_HEADERS, type CellValue, type SheetRow } from "./import-rows";
import { peopleInBatches } from "./list.server";
import type { TierOption } from "./options.server";
import type { PeopleFilters } from "./schemas";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const PEOPLE_SHEET = "人员";

/** exceljs's many cell shapes (rich text, formulas, hyperlinks) reduced to plain values. */
function plainCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("text" in value) return typeof value.text === "string" ? value.text : plainCell(value.text as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  return null;
}

export class UnreadableFileError extends Error {}

/** The rows of the people sheet (the sheet named 人员, else the first), header included. */
export async function readSheetRows(data: ArrayBuffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data);
  } catch {
    throw new UnreadableFileError("无法读取文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）");
  }
  const sheet = workbook.getWorksheet(PEOPLE_SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError("文件中没有工作表");
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(plainCell(row.getCell(column).value));
    rows.push({ rowNumber, cells });
  });
  return rows;
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
}

const COLUMN_WIDTHS = [10, 14, 14, 6, 12, 12, 14, 12, 18, 24];

/** The import template: the people sheet (header, one example row) and a sheet of instructions. */
export async function buildImportTemplate(
  tiers: readonly TierOption[],
  exampleUnit: { code: string; name: string } | null,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "应急培训考试积分平台";
  const sheet = workbook.addWorksheet(PEOPLE_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = IMPORT_HEADERS.map((header, i) => ({ header, width: COLUMN_WIDTHS[i] }));
  styleHeader(sheet.getRow(1));
  // 工号 and 手机 as text, so Excel keeps leading zeros and does not turn mobiles into 1.38E+10.
  for (const column of [2, 3]) sheet.getColumn(column).numFmt = "@";
  sheet.getColumn(5).numFmt = "yyyy-mm-dd";
  // The typical row: a village grid worker.
  const exampleTier = (tiers.find((t) => t.code === "grid") ?? tiers[0])?.name ?? "";
  sheet.addRow(["张三（示例，请删除）", "A000001", "13800138000", "男", new Date(Date.UTC(1990, 4, 1)), "网格员", exampleTier, "", exampleUnit?.code ?? "", exampleUnit?.name ?? ""]);
  sheet.getRow(2).font = { italic: true, color: { argb: "FF888888" } };
  const tierNames = tiers.map((t) => t.name);
  for (let r = 2; r <= 2001; r++) {
    sheet.getCell(r, 4).dataValidation = { type: "list", allowBlank: true, formulae: ['"男,女"'] };
    sheet.getCell(r, 6).dataValidation = { type: "list", allowBlank: false, formulae: [`"${POSTS.join(",")}"`] };
    if (tierNames.length > 0) {
      sheet.getCell(r, 7).dataValidation = { type: "list", allowBlank: false, formulae: [`"${tierNames.join(",")}"`] };
    }
  }

  const help = workbook.addWorksheet("填写说明");
  help.columns = [{ width: 16 }, { width: 70 }];
  const lines: Array<[string, string]> = [
    ["填写说明", ""],
    ["表头", "第 1 行为表头，请勿修改；每行一人，空行会被忽略。第 2 行是示例，导入前请删除。"],
    ["姓名", "必填"],
    ["工号", "必填，全市唯一；字母、数字、短横线或下划线"],
    ["手机", "选填，11 位中国大陆手机号，全市唯一；登录时可用工号或手机号"],
    ["性别", "选填：男 / 女"],
    ["出生日期", "选填：Excel 日期，或文本 1990-05-01、1990/5/1"],
    ["岗位", `必填，可选：${POSTS.join("、")}`],
    ["培训层级", `必填，可填名称或编码：${tiers.map((t) => `${t.name}（${t.code}）`).join("、")}`],
    ["职级", "选填，机关干部填写"],
    ["单位编码", "单位编码与单位名称至少填一项；优先按编码匹配（见“组织机构”页面）"],
    ["单位名称", "只填名称时须与系统中的单位全称一致且不重名"],
    ["初始密码", "导入的账号使用同一个初始密码（确认导入后显示一次），首次登录须修改"],
    ["", ""],
    ["可选岗位", ""],
    ...POSTS.map((post): [string, string] => ["", post]),
    ["", ""],
    ["可选培训层级", ""],
    ...tiers.map((t): [string, string] => [t.code, t.name]),
  ];
  for (const line of lines) help.addRow(line);
  help.getRow(1).font = { bold: true, size: 14 };
  for (const label of ["可选岗位", "可选培训层级"]) {
    help.eachRow((row) => {
      if (row.getCell(1).value === label) row.font = { bold: true };
    });
  }
  // writeBuffer yields a Node Buffer; copy it into a plain Uint8Array that Response accepts.
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const EXPORT_HEADERS = [...IMPORT_HEADERS, "状态"];

/**
 * The filtered people list as an .xlsx stream, written row by row while the database is read in
 * batches, so 30,000 people never sit in memory at once. Columns match the import template.
 */
export function exportPeopleXlsx(db: Db, principal: Principal, filters: PeopleFilters): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(PEOPLE_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_HEADERS.map((header, i) => ({ header, width: COLUMN_WIDTHS[i] ?? 8 }));
  const write = async () => {
    for await (const batch of peopleInBatches(db, principal, filters)) {
      for (const p of batch) {
        sheet
          .addRow([
            p.name,
            p.employeeNo,
            p.mobile ?? "",
            p.gender ? GENDER_LABELS[p.gender] : "",
            p.birthDate ?? "",
            p.post,
            p.tierName,
            p.rank ?? "",
            p.unitCode,
            p.unitName,
            STATUS_LABELS[p.status],
          ])
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    console.error("people export failed", error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return createReadableStreamFromReadable(output);
}
