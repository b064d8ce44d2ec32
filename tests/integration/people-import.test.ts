import { beforeAll, expect, it } from "vitest";
import type { Db } from "#db/client";
import type { Principal } from "~/modules/auth/permissions";
import { verifyPassword } from "~/modules/auth/password.server";
import { PeopleRuleError } from "~/modules/people/errors";
import { confirmPeopleImport, previewPeopleImport } from "~/modules/people/import.server";
import { formatRowError } from "~/modules/people/import-rows";
import { listTiers } from "~/modules/people/options.server";
import { buildImportTemplate } from "~/modules/people/xlsx.server";
import { insertPerson, principal, seedPeopleOrg, type PeopleOrg } from "../fixtures/people/org";
import { buildWorkbook, type Cell } from "../fixtures/people/xlsx";
import { forEachDialect } from "../support/test-db";

const TABLES = ["persons", "accounts", "person_org_history", "role_assignments", "import_drafts", "audit_log"] as const;

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

const PASSWORD = "Batch-7Kq2x";

forEachDialect("people import", (get) => {
  let org: PeopleOrg;
  let hr: Principal;
  let xhHr: Principal;

  beforeAll(async () => {
    const { db } = get();
    org = await seedPeopleOrg(db);
    hr = principal(org.adminId, "hr");
    xhHr = principal(org.adminId, "hr", { id: org.xh, path: org.paths.xh });
    await insertPerson(db, { employeeNo: "TAKEN1", name: "已有人员", orgUnitId: org.xx, tier: "staff", post: "工作人员", mobile: "13999999999" });
  });

  it("imports a valid file: every row, one initial password, history, trainee roles, one audit entry", async () => {
    const { db } = get();
    const file = await buildWorkbook([
      ["王芳", "IMP001", 13700000001, "女", new Date(Date.UTC(1991, 2, 15)), "网格员", "村社网格员", null, "hz-xh-t09-v1", null],
      null,
      ["  李　强 ", 20240002, "137-0000-0002", "男", "1985/7/9", "站（队）长", "chief", "", null, "转塘应消站"],
      ["张敏", "imp003", null, null, "19900501", "机关干部", "CADRE", "二级主任科员", "HZ-BJ-T01", "西兴街道"],
    ]);
    const before = await counts(db);
    const preview = await previewPeopleImport(db, hr, { fileName: "名单.xlsx", data: file });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.errors).toEqual([]);
    expect([preview.totalRows, preview.validCount]).toEqual([3, 3]);
    expect(preview.rows.map((r) => [r.rowNumber, r.name, r.employeeNo, r.mobile, r.gender, r.birthDate, r.post, r.tier, r.unit])).toEqual([
      [2, "王芳", "IMP001", "13700000001", "女", "1991-03-15", "网格员", "村社网格员", "青山村"],
      [4, "李强", "20240002", "13700000002", "男", "1985-07-09", "站(队)长", "站(队)长", "转塘应消站"],
      [5, "张敏", "imp003", "", "", "1990-05-01", "机关干部", "机关干部", "西兴街道"],
    ]);
    expect(preview.draftId).toBeTruthy();
    // The preview writes nothing but its draft.
    expect(await counts(db)).toEqual({ ...before, import_drafts: before.import_drafts + 1 });

    const result = await confirmPeopleImport(db, hr, preview.draftId!, PASSWORD);
    expect(result).toEqual({ ok: true, fileName: "名单.xlsx", created: 3 });
    expect(await counts(db)).toEqual({
      persons: before.persons + 3,
      accounts: before.accounts + 3,
      person_org_history: before.person_org_history + 3,
      role_assignments: before.role_assignments + 3,
      import_drafts: before.import_drafts,
      audit_log: before.audit_log + 1,
    });
    const people = await db
      .selectFrom("persons as p")
      .innerJoin("accounts as a", "a.person_id", "p.id")
      .innerJoin("person_org_history as h", "h.person_id", "p.id")
      .select(["p.employee_no", "p.name", "p.rank", "p.org_unit_id", "a.password_hash", "a.must_change_password", "h.valid_to"])
      .where("p.employee_no", "in", ["IMP001", "20240002", "imp003"])
      .orderBy("p.employee_no")
      .execute();
    expect(people.map((p) => [p.employee_no, p.org_unit_id, p.must_change_password, p.valid_to])).toEqual([
      ["20240002", org.ztStation, 1, null],
      ["IMP001", org.ztVillage, 1, null],
      ["imp003", org.xx, 1, null],
    ]);
    expect(new Set(people.map((p) => p.password_hash)).size).toBe(1);
    expect(await verifyPassword(people[0].password_hash, PASSWORD)).toBe(true);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "person.import").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ fileName: "名单.xlsx", count: 3 });
    // A draft imports once.
    await expect(confirmPeopleImport(db, hr, preview.draftId!, PASSWORD)).rejects.toBeInstanceOf(PeopleRuleError);
  });

  it("a file with every kind of error reports each with its Excel row number and writes nothing", async () => {
    const { db } = get();
    const ok = (employeeNo: string, overrides: Partial<Record<number, Cell>> = {}): Cell[] => {
      const row: Cell[] = ["测试", employeeNo, null, null, null, "网格员", "grid", null, "hz-xh-t09-v1", null];
      for (const [i, v] of Object.entries(overrides)) row[Number(i)] = v ?? null;
      return row;
    };
    const file = await buildWorkbook([
      ok("taken1"), // 2: 工号 already stored (compared case-blind)
      ok("E100"), // 3
      ok("e100"), // 4: duplicate 工号 in the file
      ok("E101", { 2: "13999999999" }), // 5: mobile already stored
      ok("E102", { 2: "13700001111" }), // 6
      ok("E103", { 2: 13700001111 }), // 7: duplicate mobile in the file
      ok("E104", { 2: "1370000" }), // 8: bad mobile
      ok("E105", { 4: "1990-13-01" }), // 9: bad date
      ok("E106", { 0: null }), // 10: missing name
      ok("E107", { 5: "厨师" }), // 11: unknown post
      ok("E108", { 6: "专家" }), // 12: unknown tier
      ok("E109", { 3: "x" }), // 13: bad gender
      ok("E110", { 8: "no-such" }), // 14: unknown unit code
      ok("E111", { 8: null, 9: "青山村" }), // 15: unit name shared by two villages
      null, // 16: blank, skipped
      ok("E112", { 8: null, 9: "不存在" }), // 17: unknown unit name
      ok("E113", { 8: "hz-xh-t08-v9" }), // 18: inactive unit
      ok("E114"), // 19: valid
    ]);
    const before = await counts(db);
    const preview = await previewPeopleImport(db, hr, { fileName: "bad.xlsx", data: file });
    expect(preview.draftId).toBeNull();
    expect([preview.totalRows, preview.validCount]).toEqual([17, 3]);
    const lines = preview.errors.map(formatRowError);
    expect(lines).toEqual([
      "第 2 行: 工号 taken1 已存在",
      "第 4 行: 工号 e100 与第 3 行重复",
      "第 5 行: 手机号 13999999999 已被其他人员使用",
      "第 7 行: 手机号 13700001111 与第 6 行重复",
      "第 8 行: 手机号「1370000」不是 11 位中国大陆手机号码",
      "第 9 行: 出生日期「1990-13-01」无效，应写成 1990-05-01 或 1990/5/1",
      "第 10 行: 请填写姓名",
      expect.stringMatching(/^第 11 行: 岗位「厨师」不存在/),
      expect.stringMatching(/^第 12 行: 培训层级「专家」不存在/),
      "第 13 行: 性别「x」无效，只能填 男 或 女",
      "第 14 行: 单位编码「no-such」不存在",
      "第 15 行: 单位名称「青山村」对应 2 个单位，请填写单位编码",
      "第 17 行: 单位名称「不存在」不存在",
      "第 18 行: 单位「已撤并村」已停用",
    ]);
    expect(await counts(db)).toEqual(before);
  });

  it("reports problems with the file itself: not an xlsx, a wrong header", async () => {
    const { db } = get();
    const notExcel = await previewPeopleImport(db, hr, { fileName: "x.xlsx", data: new TextEncoder().encode("姓名,工号").buffer as ArrayBuffer });
    expect(notExcel.fileErrors[0]).toContain("无法读取文件");
    const wrongHeader = await previewPeopleImport(db, hr, { fileName: "h.xlsx", data: await buildWorkbook([["张三"]], ["名字", "工号"]) });
    expect(wrongHeader.fileErrors).toContain("表头缺少「姓名」列");
  });

  it("a scoped importer may only import into their subtree", async () => {
    const { db } = get();
    const file = await buildWorkbook([["孙丽", "SC001", null, null, null, "工作人员", "staff", null, "hz-bj-t01", null]]);
    const preview = await previewPeopleImport(db, xhHr, { fileName: "s.xlsx", data: file });
    expect(preview.errors.map(formatRowError)).toEqual(["第 2 行: 单位「西兴街道」不在您的管理范围内"]);
  });

  it("confirm is all or nothing: a row that became a duplicate after the preview fails the whole import", async () => {
    const { db } = get();
    const file = await buildWorkbook([
      ["甲", "AON001", null, null, null, "网格员", "grid", null, "hz-xh-t09-v1", null],
      ["乙", "AON002", null, null, null, "网格员", "grid", null, "hz-xh-t09-v1", null],
      ["丙", "AON003", "13711112222", null, null, "网格员", "grid", null, "hz-xh-t09-v1", null],
    ]);
    const preview = await previewPeopleImport(db, hr, { fileName: "aon.xlsx", data: file });
    expect(preview.errors).toEqual([]);
    // Meanwhile someone registers a person with row 4's mobile.
    await insertPerson(db, { employeeNo: "OTHER9", name: "插队", orgUnitId: org.xx, tier: "staff", post: "工作人员", mobile: "13711112222" });
    const before = await counts(db);
    const result = await confirmPeopleImport(db, hr, preview.draftId!, PASSWORD);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map(formatRowError)).toEqual(["第 4 行: 手机号 13711112222 已被其他人员使用"]);
    expect(await counts(db)).toEqual(before);
    expect(await db.selectFrom("persons").select("id").where("employee_no", "in", ["AON001", "AON002", "AON003"]).execute()).toEqual([]);
  });

  it("drafts belong to whoever previewed them", async () => {
    const { db } = get();
    const other = await insertPerson(db, { employeeNo: "HR2", name: "另一位人事", orgUnitId: org.city, tier: "cadre", post: "机关干部" });
    const file = await buildWorkbook([["丁", "OWN001", null, null, null, "网格员", "grid", null, "hz-xh-t09-v1", null]]);
    const preview = await previewPeopleImport(db, hr, { fileName: "own.xlsx", data: file });
    await expect(confirmPeopleImport(db, principal(other, "hr"), preview.draftId!, PASSWORD)).rejects.toBeInstanceOf(PeopleRuleError);
  });

  it("the downloadable template reads back and its example row is flagged", async () => {
    const { db } = get();
    const template = await buildImportTemplate(await listTiers(db), { code: "hz-xh-t09-v1", name: "青山村" });
    const preview = await previewPeopleImport(db, hr, { fileName: "template.xlsx", data: template.buffer as ArrayBuffer });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.errors.map(formatRowError)).toEqual(["第 2 行: 这是模板中的示例行，请删除后再导入"]);
  });
});
