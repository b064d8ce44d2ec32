import { describe, expect, it } from "vitest";
import {
  cellText,
  formatRowError,
  importLookupKeys,
  mapHeader,
  MAX_IMPORT_ROWS,
  readImportRows,
  validateImportRows,
  type CellValue,
  type ImportContext,
  type ImportRowInput,
  type ImportUnit,
  type SheetRow,
} from "~/modules/people/import-rows";

const HEADER = ["姓名", "工号", "手机", "性别", "出生日期", "岗位", "培训层级", "职级", "单位编码", "单位名称"];

function sheet(...rows: Array<CellValue[] | null>): SheetRow[] {
  const out: SheetRow[] = [{ rowNumber: 1, cells: HEADER }];
  rows.forEach((cells, i) => {
    if (cells) out.push({ rowNumber: i + 2, cells });
  });
  return out;
}

const unit = (id: number, name: string, code: string, path: string, active = true): ImportUnit => ({ id, name, code, path, active });
const STATION = unit(10, "转塘应消站", "hz-xh-t09-s1", "/1/2/3/10/");
const VILLAGE_A = unit(11, "青山村", "hz-xh-t09-v1", "/1/2/3/11/");
const VILLAGE_B = unit(12, "青山村", "hz-xh-t08-v1", "/1/2/4/12/");
const CLOSED = unit(13, "已撤并村", "hz-xh-t08-v9", "/1/2/4/13/", false);
const OTHER_DISTRICT = unit(20, "西兴街道", "hz-bj-t01", "/1/5/20/");

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  const units = [STATION, VILLAGE_A, VILLAGE_B, CLOSED, OTHER_DISTRICT];
  const byName = new Map<string, ImportUnit[]>();
  for (const u of units) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  return {
    today: "2026-11-29",
    tiers: [
      { code: "chief", name: "站(队)长" },
      { code: "staff", name: "站点工作人员" },
      { code: "grid", name: "村社网格员" },
    ],
    unitsByCode: new Map(units.map((u) => [u.code.toLowerCase(), u])),
    unitsByName: byName,
    takenEmployeeNos: new Set(["E900"]),
    takenMobiles: new Set(["13900000000"]),
    // An importer limited to district /1/2/.
    mayUseUnit: (path) => path.startsWith("/1/2/"),
    ...overrides,
  };
}

function row(rowNumber: number, fields: Partial<Record<keyof Omit<ImportRowInput, "rowNumber">, string>>): ImportRowInput {
  return {
    rowNumber,
    name: "张三",
    employeeNo: `E${rowNumber}`,
    mobile: "",
    gender: "",
    birthDate: "",
    post: "网格员",
    tier: "grid",
    rank: "",
    unitCode: "hz-xh-t09-v1",
    unitName: "",
    ...fields,
  };
}

describe("header", () => {
  it("maps columns in any order, with aliases, full-width and required marks", () => {
    const { columns, problems } = mapHeader(["工号*", "姓名", null, "手机号码", "单位名称（必填）", "岗位", "层级"]);
    expect(problems).toEqual([]);
    expect(columns).toMatchObject({ employeeNo: 0, name: 1, mobile: 3, unitName: 4, post: 5, tier: 6 });
  });

  it("reports missing and repeated columns", () => {
    expect(mapHeader(["姓名", "工号", "工号"]).problems).toEqual([
      "表头「工号」出现了两次",
      "表头缺少「岗位」列",
      "表头缺少「培训层级」列",
      "表头须有「单位编码」或「单位名称」列",
    ]);
  });

  it("is a file error when row 1 is not the header", () => {
    expect(readImportRows([{ rowNumber: 2, cells: ["张三"] }]).fileErrors[0]).toMatch(/^第 1 行应为表头/);
    expect(readImportRows([{ rowNumber: 1, cells: ["name", "id"] }]).fileErrors.length).toBeGreaterThan(0);
  });
});

describe("reading rows", () => {
  it("keeps Excel row numbers and skips completely blank rows", () => {
    const { rows, fileErrors } = readImportRows(
      sheet(["张三", "E1", null, null, null, "网格员", "grid", null, "c", null], null, ["  ", "", null, null, null, " ", null, null, null, null], ["李四", "E2", null, null, null, "网格员", "grid", null, "c", null]),
    );
    expect(fileErrors).toEqual([]);
    expect(rows.map((r) => [r.rowNumber, r.name])).toEqual([
      [2, "张三"],
      [5, "李四"],
    ]);
  });

  it("reads numbers as text without losing digits", () => {
    expect(cellText(13800138000)).toBe("13800138000");
    expect(cellText(1001)).toBe("1001");
    expect(cellText(1.5)).toBe("1.5");
    expect(cellText(null)).toBe("");
  });

  it("reads date cells, typed compact dates and Excel serials in the date column", () => {
    expect(cellText(new Date(Date.UTC(1990, 4, 1)), "birthDate")).toBe("1990-05-01");
    expect(cellText(19900501, "birthDate")).toBe("19900501");
    // 33000 is 1990-05-07 in Excel's 1900 date system.
    expect(cellText(33000, "birthDate")).toBe("1990-05-07");
  });

  it("refuses an empty sheet and an oversized one", () => {
    expect(readImportRows(sheet()).fileErrors).toEqual(["文件中没有人员数据（表头下方为空）"]);
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ["张三", `E${i}`, null, null, null, "网格员", "grid", null, "c", null] as CellValue[]);
    expect(readImportRows(sheet(...many)).fileErrors[0]).toContain(`一次最多导入 ${MAX_IMPORT_ROWS} 行`);
  });
});

describe("validation", () => {
  it("accepts good rows and resolves units by code or unique name, tiers by code or name", () => {
    const rows = [
      row(2, { name: " 王　芳 ", employeeNo: "ｅ１", mobile: "138 0013 8000", gender: "女", birthDate: "1990/5/1", tier: "村社网格员", unitCode: "HZ-XH-T09-V1" }),
      row(3, { post: "站（队）长", tier: "CHIEF", unitCode: "", unitName: "转塘应消站", birthDate: "1985-01-31" }),
    ];
    const { valid, errors } = validateImportRows(rows, context());
    expect(errors).toEqual([]);
    expect(valid.map((v) => v.person)).toEqual([
      { name: "王芳", employeeNo: "e1", mobile: "13800138000", gender: "female", birthDate: "1990-05-01", post: "网格员", tier: "grid", rank: null, orgUnitId: 11 },
      { name: "张三", employeeNo: "E3", mobile: null, gender: null, birthDate: "1985-01-31", post: "站(队)长", tier: "chief", rank: null, orgUnitId: 10 },
    ]);
    expect(valid[1].unitName).toBe("转塘应消站");
  });

  it("reports every kind of problem with its row number", () => {
    const rows = [
      row(2, { employeeNo: "e900" }), // 工号 already stored (compared case-blind)
      row(3, { employeeNo: "E300" }),
      row(4, { employeeNo: "ｅ300" }), // duplicate 工号 in the file (case and width folded)
      row(5, { mobile: "13900000000" }), // mobile already stored
      row(6, { mobile: "13700000000" }),
      row(7, { mobile: "137 0000 0000" }), // duplicate mobile in the file
      row(8, { mobile: "1234567" }), // bad mobile
      row(9, { birthDate: "1990-02-30" }), // bad date
      row(10, { name: "" }), // missing required field
      row(11, { post: "司机" }), // unknown post
      row(12, { tier: "专家" }), // unknown tier
      row(13, { gender: "未知" }), // bad gender
      row(14, { unitCode: "no-such-unit" }), // unknown unit code
      row(15, { unitCode: "", unitName: "不存在的村" }), // unknown unit name
      row(16, { unitCode: "", unitName: "青山村" }), // ambiguous unit name
      row(17, { unitCode: "hz-xh-t08-v9" }), // inactive unit
      row(18, { unitCode: "hz-bj-t01" }), // outside the importer's scope
      row(19, { unitCode: "hz-xh-t09-s1", unitName: "青山村" }), // code and name disagree
      row(20, { unitCode: "", unitName: "" }), // no unit at all
      row(21, { employeeNo: "", post: "" }), // several missing fields in one row
      row(22, { name: "张三（示例，请删除）" }), // the template's example row
      row(23, { employeeNo: "工号23" }), // bad 工号
      row(24, { birthDate: "2030-01-01" }), // future birth date
    ];
    const { valid, errors } = validateImportRows(rows, context());
    const lines = errors.map(formatRowError);
    expect(lines).toEqual([
      "第 2 行: 工号 e900 已存在",
      "第 4 行: 工号 e300 与第 3 行重复",
      "第 5 行: 手机号 13900000000 已被其他人员使用",
      "第 7 行: 手机号 13700000000 与第 6 行重复",
      "第 8 行: 手机号「1234567」不是 11 位中国大陆手机号码",
      "第 9 行: 出生日期「1990-02-30」无效，应写成 1990-05-01 或 1990/5/1",
      "第 10 行: 请填写姓名",
      "第 11 行: 岗位「司机」不存在，可选：站(队)长、工作人员、执法人员、辅助人员、网格员、机关干部、教员",
      "第 12 行: 培训层级「专家」不存在，可选：站(队)长、站点工作人员、村社网格员",
      "第 13 行: 性别「未知」无效，只能填 男 或 女",
      "第 14 行: 单位编码「no-such-unit」不存在",
      "第 15 行: 单位名称「不存在的村」不存在",
      "第 16 行: 单位名称「青山村」对应 2 个单位，请填写单位编码",
      "第 17 行: 单位「已撤并村」已停用",
      "第 18 行: 单位「西兴街道」不在您的管理范围内",
      "第 19 行: 单位编码「hz-xh-t09-s1」是「转塘应消站」，与单位名称「青山村」不一致",
      "第 20 行: 请填写单位编码或单位名称",
      "第 21 行: 请填写工号",
      "第 21 行: 请填写岗位",
      "第 22 行: 这是模板中的示例行，请删除后再导入",
      "第 23 行: 工号只能包含字母、数字、短横线和下划线",
      "第 24 行: 出生日期 2030-01-01 晚于今天",
    ]);
    expect(valid.map((v) => v.rowNumber)).toEqual([3, 6]);
  });

  it("lists what to look up in the database, normalised", () => {
    const keys = importLookupKeys([row(2, { employeeNo: " e1 ", mobile: "138-0013-8000", unitCode: " hz-a ", unitName: " 青山村 " }), row(3, { mobile: "bad" })]);
    expect(keys).toEqual({ unitCodes: ["hz-a", "HZ-A", "hz-xh-t09-v1", "HZ-XH-T09-V1"], unitNames: ["青山村"], employeeNos: ["e1", "E1", "E3", "e3"], mobiles: ["13800138000"] });
  });
});
