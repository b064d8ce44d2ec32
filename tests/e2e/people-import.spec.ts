import ExcelJS from "exceljs";
import fs from "node:fs";
import { expect, login, logout, test } from "./support/fixtures";

const HEADER = ["姓名", "工号", "手机", "性别", "出生日期", "岗位", "培训层级", "职级", "单位编码", "单位名称"];

async function workbook(rows: Array<Array<string | null>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("人员");
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test("HR imports people from Excel: a row-numbered report first, nothing written until a clean file is confirmed", async ({ page, db }) => {
  // A village whose name is unique in the city, so the file may name it instead of giving its code.
  const unique = await db
    .selectFrom("org_units")
    .select("name")
    .where("type", "=", "village")
    .groupBy("name")
    .having((eb) => eb.fn.countAll(), "=", 1)
    .orderBy("name")
    .executeTakeFirstOrThrow();
  const village = await db.selectFrom("org_units").select(["code", "name"]).where("name", "=", unique.name).executeTakeFirstOrThrow();
  const tag = Date.now().toString(36).toUpperCase();
  const [a, b] = [`IM${tag}A`, `IM${tag}B`];

  await login(page, "hr");
  await page.goto("/people/import");
  const template = await page.request.get("/people/template.xlsx");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-type"]).toContain("spreadsheetml");

  const broken = await workbook([
    ["王一", a, "1380000", "男", "1990-05-01", "网格员", "村社网格员", null, village.code, null],
    ["李二", b, "13800001234", "女", "1990-13-45", "网格员", "村社网格员", null, "no-such-unit", null],
    ["赵三", "admin", null, "男", "1985-01-01", "网格员", "村社网格员", null, village.code, null],
  ]);
  await page.getByLabel("Excel 文件").setInputFiles({ name: "人员-有错.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: broken });
  await page.getByRole("button", { name: "上传并预览" }).click();
  const report = page.locator("ol.people-errors");
  await expect(report).toContainText("第 2 行");
  await expect(report).toContainText("手机");
  await expect(report).toContainText("第 3 行");
  await expect(report).toContainText("出生日期");
  await expect(report).toContainText("单位编码「no-such-unit」不存在");
  await expect(report).toContainText("第 4 行");
  await expect(report).toContainText("工号");
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  // Nothing from the file was written (looked up by its own 工号: other tests add people meanwhile).
  expect(await db.selectFrom("persons").select("id").where("employee_no", "in", [a, b]).execute()).toEqual([]);

  const fixed = await workbook([
    ["王一", a, null, "男", "1990-05-01", "网格员", "村社网格员", null, village.code, null],
    ["李二", b, null, "女", "1990/3/8", "网格员", "村社网格员", null, null, village.name],
  ]);
  await page.getByLabel("Excel 文件").setInputFiles({ name: "人员.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: fixed });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByText("全部 2 行检查通过")).toBeVisible();
  await page.getByLabel("本批初始密码").fill("Piliang#2026-import");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("导入 2 名人员及其账号")).toBeVisible();
  const imported = await db.selectFrom("persons").select(["employee_no", "birth_date"]).where("employee_no", "in", [a, b]).orderBy("employee_no").execute();
  expect(imported).toEqual([
    { employee_no: a, birth_date: "1990-05-01" },
    { employee_no: b, birth_date: "1990-03-08" },
  ]);

  // The export holds the filtered list.
  await page.goto(`/people?q=${a}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出Excel" }).click()]);
  const book = new ExcelJS.Workbook();
  const file = fs.readFileSync(await download.path());
  await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  const values: unknown[][] = [];
  book.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  expect(values).toHaveLength(2);
  expect(values[1]).toContain(a);

  // An imported person signs in with the batch password and must change it first.
  await logout(page);
  await login(page, a, "Piliang#2026-import");
  await expect(page).toHaveURL(/\/password$/);
});
