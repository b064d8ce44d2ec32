import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { encodeGbk } from "../support/gbk";
import type { Db } from "#db/client";
import { insertedId } from "#db/sql-helpers";
import { expect, login, test } from "./support/fixtures";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADERS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "选项G", "选项H", "答案", "解析", "难度", "知识点", "适用层级"];

/** A bank of its own with two knowledge points (no members: any question author manages it). */
async function makeBank(db: Db, label: string) {
  const now = Date.now();
  const key = `e2e-${label}-${now.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const title = `导入测试 ${key}`;
  const bankId = insertedId(
    await db.insertInto("question_banks").values({ bank_key: key, title, description: "", category: "hazard", created_by: null, created_at: now, updated_at: now }).executeTakeFirst(),
  );
  for (const name of ["燃气安全", "电动自行车"]) await db.insertInto("knowledge_points").values({ bank_id: bankId, parent_id: null, name, path: name }).execute();
  return { bankId, title };
}

interface Row {
  type: string;
  stem: string;
  options?: string[];
  answer: string;
  explanation?: string;
  difficulty?: number | string;
  point?: string;
  tiers?: string;
}

const cells = (r: Row) => [
  r.type,
  r.stem,
  ...Array.from({ length: 8 }, (_, i) => r.options?.[i] ?? null),
  r.answer,
  r.explanation ?? null,
  r.difficulty ?? null,
  r.point ?? null,
  r.tiers ?? null,
];

async function workbook(rows: Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("试题");
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(cells(row));
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer, mimeType: string, options: { createPoints?: boolean; status?: "草稿" | "已发布" } = {}) {
  const form = page.locator("form.qi-upload");
  await form.getByLabel("试题文件").setInputFiles({ name, mimeType, buffer });
  if (options.createPoints) await form.getByLabel(/自动新建知识点/).check();
  if (options.status) await form.getByLabel(options.status, { exact: true }).check();
  await form.getByRole("button", { name: "上传并检查" }).click();
}

const tableRows = (page: Page, selector: string) =>
  page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("td"), (td) => (td.textContent ?? "").trim())));

const countIn = async (db: Db, bankId: number) => (await db.selectFrom("questions").select("id").where("bank_id", "=", bankId).execute()).length;

test("an instructor imports an Excel file with mistakes, reads the row-numbered report, fixes the file and imports it", async ({ page, db }) => {
  test.setTimeout(120_000);
  const { bankId, title } = await makeBank(db, "excel");
  await login(page, "instructor");

  // A question already in the bank, which one row of the file repeats.
  const existingStem = "夜间发现燃气泄漏时，不得开关电灯和电器。";
  await page.goto(`/banks/${bankId}/questions/new`);
  await page.getByLabel("题型", { exact: true }).selectOption("truefalse");
  const stem = page.locator('[aria-labelledby="stem-label"]');
  await stem.click();
  await page.keyboard.type(existingStem);
  await page.getByLabel("正确（√）").check();
  await page.getByRole("button", { name: "保存试题" }).click();
  await expect(page).toHaveURL(/\/questions\/\d+\?created=1$/);
  const existingId = Number(/\/questions\/(\d+)/.exec(page.url())?.[1]);

  await page.goto(`/banks/${bankId}/import`);
  await expect(page.getByRole("link", { name: "下载 Excel 导入模板" })).toHaveAttribute("href", "/banks/template.xlsx");
  const template = await page.request.get("/banks/template.xlsx");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-type"]).toContain("spreadsheetml");
  const templateBook = new ExcelJS.Workbook();
  const templateBytes = await template.body();
  await templateBook.xlsx.load(templateBytes.buffer.slice(templateBytes.byteOffset, templateBytes.byteOffset + templateBytes.byteLength) as ArrayBuffer);
  const templateHeaders = (templateBook.getWorksheet("试题")!.getRow(1).values as unknown[]).slice(1);
  expect(templateHeaders.slice(0, HEADERS.length)).toEqual(HEADERS);

  const good: Record<string, Row> = {
    gas: { type: "单选", stem: "发现燃气泄漏后，首先应当采取的措施是（　）。", options: ["打开排风扇", "关闭气源阀门并开窗通风", "在室内拨打电话", "点火检查漏点"], answer: "B", explanation: "先切断气源，再通风。", difficulty: 2, point: "燃气安全", tiers: "村社网格员、工作人员" },
    ebike: { type: "多选", stem: "电动自行车火灾的常见原因有（　）。", options: ["飞线充电", "私自改装电池", "充电时间过长", "定期检查线路"], answer: "A,B,C", difficulty: 3, point: "电动自行车", tiers: "村社网格员" },
    fill: { type: "填空", stem: "火警电话是____。", answer: "119", difficulty: 1 },
    duplicate: { type: "判断", stem: existingStem, answer: "对", point: "燃气安全" },
  };
  const broken = await workbook([
    good.gas, // row 2
    { type: "单选", stem: "电动自行车应当在哪里充电？", options: ["楼道内", "卧室内", "集中充电场所"], answer: "E", difficulty: 1, point: "电动自行车" }, // row 3
    { type: "判断", stem: "", answer: "对", point: "燃气安全" }, // row 4
    { type: "单选", stem: "燃气热水器应当安装在（　）。", options: ["浴室内", "通风良好的厨房或室外", "卧室内"], answer: "B", point: "燃气安全/热水器" }, // row 5
    { type: "判断", stem: "瓶装液化石油气可以横放使用。", answer: "错", difficulty: 7, point: "燃气安全" }, // row 6
    good.ebike, // row 7
    good.fill, // row 8
    good.duplicate, // row 9
  ]);
  await upload(page, "燃气与电动车-有错.xlsx", broken, XLSX);

  await expect(page.getByRole("heading", { name: "2. 检查报告：燃气与电动车-有错.xlsx" })).toBeVisible();
  await expect(page.locator(".qi-report .kv")).toContainText("Excel 模板");
  await expect(page.locator(".qi-summary")).toContainText("将导入 3 题（另有 1 题重复，默认跳过）");
  await expect(page.getByText("出错的行不会导入。您可以修改文件后重新上传")).toBeVisible();
  await expect(page.locator("table.qi-errors thead")).toContainText("Excel 行号");
  expect(await tableRows(page, "table.qi-errors")).toEqual([
    ["第 3 行", "答案 E 超出已填写的选项（A–C）"],
    ["第 4 行", "题干为空"],
    ["第 5 行", "知识点「燃气安全/热水器」不在本题库的知识点中（可先在题库中添加，或勾选“自动新建知识点”）"],
    ["第 6 行", "难度「7」无效，应为 1–5 的整数"],
  ]);
  expect(await tableRows(page, "table.qi-duplicates")).toEqual([["第 9 行", existingStem, `与题库中的试题 #${existingId} 重复`]]);
  await expect(page.locator("table.qi-duplicates a")).toHaveAttribute("href", `/banks/${bankId}/questions/${existingId}`);
  // Nothing is written by the check.
  expect(await countIn(db, bankId)).toBe(1);

  // The fixed file: every mistake corrected.
  const fixed = await workbook([
    good.gas,
    { type: "单选", stem: "电动自行车应当在哪里充电？", options: ["楼道内", "卧室内", "集中充电场所"], answer: "C", difficulty: 1, point: "电动自行车" },
    { type: "判断", stem: "液化石油气钢瓶应当直立放置。", answer: "对", point: "燃气安全" },
    { type: "单选", stem: "燃气热水器应当安装在（　）。", options: ["浴室内", "通风良好的厨房或室外", "卧室内"], answer: "B", point: "燃气安全" },
    { type: "判断", stem: "瓶装液化石油气可以横放使用。", answer: "错", difficulty: 3, point: "燃气安全" },
    good.ebike,
    good.fill,
    good.duplicate,
  ]);
  await upload(page, "燃气与电动车.xlsx", fixed, XLSX);
  await expect(page.getByRole("heading", { name: "2. 检查报告：燃气与电动车.xlsx" })).toBeVisible();
  await expect(page.getByText("没有错误。")).toBeVisible();
  await expect(page.locator("table.qi-errors")).toHaveCount(0);
  await expect(page.locator(".qi-summary")).toContainText("将导入 7 题（另有 1 题重复，默认跳过）");
  const preview = await tableRows(page, "table.qi-preview");
  expect(preview).toHaveLength(8);
  // Excerpts are plain text with runs of white space (the ideographic space too) folded to one.
  expect(preview[0]).toEqual(["第 2 行", "单选", "发现燃气泄漏后，首先应当采取的措施是（ ）。", "B", "燃气安全", ""]);
  expect(preview[5]).toEqual(["第 7 行", "多选", "电动自行车火灾的常见原因有（ ）。", "A,B,C", "电动自行车", ""]);
  expect(preview[7]).toEqual(["第 9 行", "判断", existingStem, "对", "燃气安全", "重复"]);

  await page.locator("form.qi-confirm").getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("已导入 7 题，跳过重复 1 题")).toBeVisible();
  await page.getByRole("link", { name: `查看题库「${title}」` }).click();
  await expect(page).toHaveURL(new RegExp(`/banks/${bankId}$`));
  await expect(page.getByRole("link", { name: "火警电话是____。" })).toBeVisible();
  await expect(page.getByRole("link", { name: "液化石油气钢瓶应当直立放置。" })).toBeVisible();

  const rows = await db
    .selectFrom("questions as q")
    .leftJoin("knowledge_points as k", "k.id", "q.knowledge_point_id")
    .select(["q.type", "q.status", "q.difficulty", "q.tiers", "k.path", "q.search_text"])
    .where("q.bank_id", "=", bankId)
    .orderBy("q.id")
    .execute();
  expect(rows).toHaveLength(8);
  const imported = rows.slice(1);
  expect(imported.every((r) => r.status === "published")).toBe(true);
  expect(imported.map((r) => r.type)).toEqual(["single", "single", "truefalse", "single", "truefalse", "multiple", "fill"]);
  expect(imported[0]).toMatchObject({ difficulty: 2, path: "燃气安全", tiers: ",grid,staff," });
  expect(imported[4]).toMatchObject({ difficulty: 3 });
  expect(rows.filter((r) => r.search_text.startsWith(existingStem))).toHaveLength(1);
  const points = await db.selectFrom("knowledge_points").select("path").where("bank_id", "=", bankId).orderBy("path").execute();
  expect(points.map((p) => p.path)).toEqual(["燃气安全", "电动自行车"].sort());
});

test("a GIFT file saved in GBK is detected, its category becomes a new knowledge point when allowed, and it imports as drafts", async ({ page, db }) => {
  test.setTimeout(120_000);
  const { bankId } = await makeBank(db, "gift");
  await login(page, "instructor");
  await page.goto(`/banks/${bankId}/import`);

  await upload(page, "说明.pdf", Buffer.from("%PDF-1.4"), "application/pdf");
  await expect(page.locator("#file-error")).toHaveText("只能导入 .xlsx（Excel 模板）、.gift、.aiken 或 .txt 文件");

  const gift = ["$CATEGORY: 燃气安全/居民用户", "", "::Q1:: 液化石油气钢瓶可以倒置使用。{F}", "", "::Q2:: 燃气灶具使用完毕后应当{=关闭灶前阀门 ~只关灶具开关 ~打开窗户即可}", ""].join("\n");
  const bytes = Buffer.from(encodeGbk(gift));
  expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();

  await upload(page, "燃气.gift", bytes, "text/plain");
  await expect(page.locator(".qi-report .kv")).toContainText("GIFT");
  await expect(page.locator(".qi-report .kv")).toContainText("GBK（中文 ANSI）");
  await expect(page.locator("table.qi-errors thead")).toContainText("文件行号");
  const errors = await tableRows(page, "table.qi-errors");
  expect(errors).toHaveLength(2);
  for (const [, reason] of errors) expect(reason).toBe("知识点「燃气安全/居民用户」不在本题库的知识点中（可先在题库中添加，或勾选“自动新建知识点”）");
  expect(errors.map(([at]) => at)).toEqual(["第 3 行", "第 5 行"]);
  await expect(page.getByText("没有可以导入的试题")).toBeVisible();

  await upload(page, "燃气.gift", bytes, "text/plain", { createPoints: true, status: "草稿" });
  await expect(page.getByText("没有错误。")).toBeVisible();
  await expect(page.locator(".qi-points")).toHaveText("燃气安全/居民用户");
  await expect(page.locator(".qi-summary")).toContainText("将导入 2 题");
  await expect(page.locator("form.qi-confirm").getByLabel("草稿", { exact: true })).toBeChecked();
  await page.locator("form.qi-confirm").getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("已导入 2 题，跳过重复 0 题")).toBeVisible();

  const rows = await db
    .selectFrom("questions as q")
    .innerJoin("knowledge_points as k", "k.id", "q.knowledge_point_id")
    .select(["q.type", "q.status", "k.path", "q.search_text"])
    .where("q.bank_id", "=", bankId)
    .orderBy("q.id")
    .execute();
  expect(rows.map((r) => [r.type, r.status, r.path])).toEqual([
    ["truefalse", "draft", "燃气安全/居民用户"],
    ["single", "draft", "燃气安全/居民用户"],
  ]);
  expect(rows[0].search_text).toContain("液化石油气钢瓶可以倒置使用。");

  // The same file again: both are duplicates and are skipped.
  await page.goto(`/banks/${bankId}/import`);
  await upload(page, "燃气.gift", bytes, "text/plain");
  await expect(page.locator(".qi-summary")).toContainText("将导入 0 题（另有 2 题重复，默认跳过）");
  await page.locator("form.qi-confirm").getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("已导入 0 题，跳过重复 2 题")).toBeVisible();
  expect(await countIn(db, bankId)).toBe(2);
});
