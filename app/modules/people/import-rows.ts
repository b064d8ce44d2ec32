// People import, the pure half: sheet cells → text rows → validated people or a row-numbered
// error report. The database facts it needs (units, tiers, taken 工号/mobiles) come in as an
// ImportContext, so every rule is unit-tested without a database.
import type { Gender } from "#db/schema";
import { GENDER_LABELS, type Post } from "./constants";
import {
  checkBirthDate,
  checkEmployeeNo,
  checkGender,
  checkMobile,
  checkName,
  checkPost,
  checkRank,
  employeeNoKey,
  employeeNoVariants,
  isoDate,
  MOBILE_PATTERN,
  normalizeEmployeeNo,
  normalizeMobile,
  normalizeText,
} from "./fields";
import type { PersonInput } from "./types";

/** A cell as the spreadsheet reader hands it over. */
export type CellValue = string | number | boolean | Date | null;

/** One spreadsheet row: its Excel row number (header = 1) and cells from column A. */
export interface SheetRow {
  rowNumber: number;
  cells: readonly CellValue[];
}

export const IMPORT_COLUMNS = [
  { key: "name", header: "姓名", aliases: [] },
  { key: "employeeNo", header: "工号", aliases: ["员工编号"] },
  { key: "mobile", header: "手机", aliases: ["手机号", "手机号码"] },
  { key: "gender", header: "性别", aliases: [] },
  { key: "birthDate", header: "出生日期", aliases: ["出生年月日"] },
  { key: "post", header: "岗位", aliases: [] },
  { key: "tier", header: "培训层级", aliases: ["层级"] },
  { key: "rank", header: "职级", aliases: [] },
  { key: "unitCode", header: "单位编码", aliases: ["单位代码"] },
  { key: "unitName", header: "单位名称", aliases: ["单位", "所在单位"] },
] as const;

export type ImportField = (typeof IMPORT_COLUMNS)[number]["key"];
export const IMPORT_HEADERS: readonly string[] = IMPORT_COLUMNS.map((c) => c.header);
const REQUIRED_HEADERS: readonly ImportField[] = ["name", "employeeNo", "post", "tier"];

/** Rows of one file; larger lists go in several files. */
export const MAX_IMPORT_ROWS = 20_000;

/** A data row as text, exactly as typed (normalised later by the field checks). Stored in drafts. */
export type ImportRowInput = { rowNumber: number } & Record<ImportField, string>;

export interface RowError {
  row: number;
  message: string;
}

export function formatRowError(error: RowError): string {
  return `第 ${error.row} 行: ${error.message}`;
}

function headerKey(text: string): string {
  return normalizeText(text)
    .replace(/\s/g, "")
    .replace(/^\*|\*$/g, "")
    .replace(/\(必填\)$/, "");
}

/** Which column holds which field, by the header texts of row 1 (any order, aliases allowed). */
export function mapHeader(cells: readonly CellValue[]): { columns: Partial<Record<ImportField, number>>; problems: string[] } {
  const columns: Partial<Record<ImportField, number>> = {};
  const problems: string[] = [];
  cells.forEach((cell, index) => {
    const key = headerKey(cellText(cell));
    const column = IMPORT_COLUMNS.find((c) => c.header === key || (c.aliases as readonly string[]).includes(key));
    if (!column) return;
    if (columns[column.key] !== undefined) problems.push(`表头「${column.header}」出现了两次`);
    else columns[column.key] = index;
  });
  for (const key of REQUIRED_HEADERS) {
    if (columns[key] === undefined) problems.push(`表头缺少「${IMPORT_COLUMNS.find((c) => c.key === key)!.header}」列`);
  }
  if (columns.unitCode === undefined && columns.unitName === undefined) problems.push("表头须有「单位编码」或「单位名称」列");
  return { columns, problems };
}

/** An Excel date cell (read as a UTC instant) as its calendar date. */
function dateCellText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) ?? date.toISOString().slice(0, 10);
}

/**
 * A number in a date column: 19900501 typed without separators, or an Excel serial day number
 * (days since 1899-12-30) when the cell lost its date format.
 */
function numberDateText(value: number): string {
  if (Number.isInteger(value) && value >= 19000101 && value <= 21001231) return String(value);
  if (value >= 1 && value < 2_958_466) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000);
    return dateCellText(date);
  }
  return String(value);
}

/** A cell as text; numbers keep all their digits (工号 and mobiles often arrive as numbers). */
export function cellText(cell: CellValue | undefined, field?: ImportField): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return dateCellText(cell);
  if (typeof cell === "number") {
    if (field === "birthDate") return numberDateText(cell);
    return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  }
  return String(cell);
}

/**
 * The data rows of a sheet whose first row is the header. Completely blank rows are skipped;
 * problems with the file as a whole (header, size) come back as `fileErrors`.
 */
export function readImportRows(sheet: readonly SheetRow[]): { rows: ImportRowInput[]; fileErrors: string[] } {
  const header = sheet.find((r) => r.rowNumber === 1);
  if (!header) return { rows: [], fileErrors: ["第 1 行应为表头：" + IMPORT_HEADERS.join("、")] };
  const { columns, problems } = mapHeader(header.cells);
  if (problems.length > 0) return { rows: [], fileErrors: problems };
  const rows: ImportRowInput[] = [];
  for (const sheetRow of sheet) {
    if (sheetRow.rowNumber <= 1) continue;
    const row = { rowNumber: sheetRow.rowNumber } as ImportRowInput;
    let blank = true;
    for (const { key } of IMPORT_COLUMNS) {
      const index = columns[key];
      const text = index === undefined ? "" : cellText(sheetRow.cells[index], key);
      row[key] = text;
      if (normalizeText(text)) blank = false;
    }
    if (!blank) rows.push(row);
  }
  if (rows.length === 0) return { rows, fileErrors: ["文件中没有人员数据（表头下方为空）"] };
  if (rows.length > MAX_IMPORT_ROWS) {
    return { rows: [], fileErrors: [`一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行，请分成多个文件`] };
  }
  return { rows, fileErrors: [] };
}

export interface ImportUnit {
  id: number;
  name: string;
  code: string;
  path: string;
  active: boolean;
}

/** What the database knows, gathered for the rows of one file. */
export interface ImportContext {
  /** Today in Beijing, "YYYY-MM-DD" (birth dates may not be later). */
  today: string;
  /** Active training tiers. */
  tiers: readonly { code: string; name: string }[];
  /** Keys are lower-cased unit codes. */
  unitsByCode: ReadonlyMap<string, ImportUnit>;
  unitsByName: ReadonlyMap<string, readonly ImportUnit[]>;
  /** Stored 工号 (as employeeNoKey) and mobiles. */
  takenEmployeeNos: ReadonlySet<string>;
  takenMobiles: ReadonlySet<string>;
  /** Whether the importing user may put people into the unit at this path. */
  mayUseUnit: (path: string) => boolean;
}

/** The values to look up in the database for these rows. */
export function importLookupKeys(rows: readonly ImportRowInput[]) {
  const unitCodes = new Set<string>();
  const unitNames = new Set<string>();
  const employeeNos = new Set<string>();
  const mobiles = new Set<string>();
  for (const row of rows) {
    const code = unitCodeOf(row.unitCode);
    // Codes match case-blind (as MySQL compares); SQLite compares exactly, so ask for the variants.
    if (code) for (const variant of [code, code.toLowerCase(), code.toUpperCase()]) unitCodes.add(variant);
    const name = normalizeText(row.unitName);
    if (name) unitNames.add(name);
    const employeeNo = normalizeEmployeeNo(row.employeeNo);
    if (employeeNo) for (const variant of employeeNoVariants(employeeNo)) employeeNos.add(variant);
    const mobile = normalizeMobile(row.mobile);
    if (MOBILE_PATTERN.test(mobile)) mobiles.add(mobile);
  }
  return { unitCodes: [...unitCodes], unitNames: [...unitNames], employeeNos: [...employeeNos], mobiles: [...mobiles] };
}

function unitCodeOf(raw: string): string {
  return normalizeText(raw).replace(/\s/g, "");
}

function resolveUnit(row: ImportRowInput, ctx: ImportContext): { unit: ImportUnit } | { message: string } {
  const code = unitCodeOf(row.unitCode);
  const name = normalizeText(row.unitName);
  let unit: ImportUnit | undefined;
  if (code) {
    unit = ctx.unitsByCode.get(code.toLowerCase());
    if (!unit) return { message: `单位编码「${code}」不存在` };
    if (name && name !== unit.name) return { message: `单位编码「${code}」是「${unit.name}」，与单位名称「${name}」不一致` };
  } else if (name) {
    const matches = ctx.unitsByName.get(name) ?? [];
    if (matches.length === 0) return { message: `单位名称「${name}」不存在` };
    if (matches.length > 1) return { message: `单位名称「${name}」对应 ${matches.length} 个单位，请填写单位编码` };
    unit = matches[0];
  } else {
    return { message: "请填写单位编码或单位名称" };
  }
  if (!unit.active) return { message: `单位「${unit.name}」已停用` };
  if (!ctx.mayUseUnit(unit.path)) return { message: `单位「${unit.name}」不在您的管理范围内` };
  return { unit };
}

function resolveTier(raw: string, ctx: ImportContext): { code: string; name: string } | { message: string } {
  const text = normalizeText(raw);
  if (!text) return { message: "请填写培训层级" };
  const lower = text.toLowerCase();
  const tier = ctx.tiers.find((t) => t.name === text || t.code.toLowerCase() === lower);
  return tier ?? { message: `培训层级「${text}」不存在，可选：${ctx.tiers.map((t) => t.name).join("、")}` };
}

/** A row that passed every check, ready to insert. */
export interface ValidImportRow {
  rowNumber: number;
  person: PersonInput;
  unitName: string;
  tierName: string;
}

/**
 * Checks every row against the field rules, the other rows of the file and the database facts
 * in `ctx`. Every problem of every row is reported; a file imports only without any.
 */
export function validateImportRows(rows: readonly ImportRowInput[], ctx: ImportContext): { valid: ValidImportRow[]; errors: RowError[] } {
  const valid: ValidImportRow[] = [];
  const errors: RowError[] = [];
  const seenEmployeeNos = new Map<string, number>();
  const seenMobiles = new Map<string, number>();
  for (const row of rows) {
    const problems: string[] = [];
    const take = <T>(check: { ok: true; value: T } | { ok: false; message: string }): T | undefined => {
      if (check.ok) return check.value;
      problems.push(check.message);
      return undefined;
    };
    const name = take(checkName(row.name));
    if (name?.includes("示例")) problems.push("这是模板中的示例行，请删除后再导入");

    const employeeNo = take(checkEmployeeNo(row.employeeNo));
    if (employeeNo) {
      const key = employeeNoKey(employeeNo);
      const first = seenEmployeeNos.get(key);
      if (first !== undefined) problems.push(`工号 ${employeeNo} 与第 ${first} 行重复`);
      else {
        seenEmployeeNos.set(key, row.rowNumber);
        if (ctx.takenEmployeeNos.has(key)) problems.push(`工号 ${employeeNo} 已存在`);
      }
    }

    const mobile = take(checkMobile(row.mobile));
    if (mobile) {
      const first = seenMobiles.get(mobile);
      if (first !== undefined) problems.push(`手机号 ${mobile} 与第 ${first} 行重复`);
      else {
        seenMobiles.set(mobile, row.rowNumber);
        if (ctx.takenMobiles.has(mobile)) problems.push(`手机号 ${mobile} 已被其他人员使用`);
      }
    }

    const gender: Gender | null | undefined = take(checkGender(row.gender));
    const birthDate = take(checkBirthDate(row.birthDate, ctx.today));
    const post: Post | undefined = take(checkPost(row.post));
    const rank = take(checkRank(row.rank));
    const tier = resolveTier(row.tier, ctx);
    if ("message" in tier) problems.push(tier.message);
    const unit = resolveUnit(row, ctx);
    if ("message" in unit) problems.push(unit.message);

    if (problems.length > 0) {
      for (const message of problems) errors.push({ row: row.rowNumber, message });
      continue;
    }
    valid.push({
      rowNumber: row.rowNumber,
      person: {
        name: name!,
        employeeNo: employeeNo!,
        mobile: mobile ?? null,
        gender: gender ?? null,
        birthDate: birthDate ?? null,
        post: post!,
        tier: "code" in tier ? tier.code : "",
        rank: rank ?? null,
        orgUnitId: "unit" in unit ? unit.unit.id : 0,
      },
      unitName: "unit" in unit ? unit.unit.name : "",
      tierName: "code" in tier ? tier.name : "",
    });
  }
  return { valid, errors };
}

/** A valid row as shown in the preview table. */
export function previewRow(row: ValidImportRow) {
  const p = row.person;
  return {
    rowNumber: row.rowNumber,
    name: p.name,
    employeeNo: p.employeeNo,
    mobile: p.mobile ?? "",
    gender: p.gender ? GENDER_LABELS[p.gender] : "",
    birthDate: p.birthDate ?? "",
    post: p.post,
    tier: row.tierName,
    rank: p.rank ?? "",
    unit: row.unitName,
  };
}
export type ImportPreviewRow = ReturnType<typeof previewRow>;
