import ExcelJS from "exceljs";
import fs from "node:fs";
import type { Page } from "@playwright/test";
import type { Db } from "#db/client";
import { expect, login, test } from "./support/fixtures";

// Several sign-ins and downloads per test: more room than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

const STARTER_KEYS = ["hazard-inspection", "flood-typhoon", "emergency-rescue", "publicity-education", "drills", "law-enforcement-cert"];
const LAW_BANK = "law-enforcement-cert";

async function bankByKey(db: Db, key: string) {
  return db.selectFrom("question_banks").select(["id", "title"]).where("bank_key", "=", key).executeTakeFirstOrThrow();
}

/** Questions of the bank the list shows by default (not retired), narrowed like the page's filters. */
async function listedIds(db: Db, bankId: number, narrow: { type?: string; text?: string; pointPath?: string } = {}) {
  let query = db.selectFrom("questions as q").select(["q.id", "q.search_text"]).where("q.bank_id", "=", bankId).where("q.status", "!=", "retired");
  if (narrow.type) query = query.where("q.type", "=", narrow.type);
  if (narrow.text) query = query.where("q.search_text", "like", `%${narrow.text}%`);
  if (narrow.pointPath) {
    const path = narrow.pointPath;
    const points = await db
      .selectFrom("knowledge_points")
      .select("id")
      .where("bank_id", "=", bankId)
      .where((eb) => eb.or([eb("path", "=", path), eb("path", "like", `${path}/%`)]))
      .execute();
    query = query.where("q.knowledge_point_id", "in", points.map((p) => p.id));
  }
  return query.orderBy("q.id", "desc").execute();
}

const filters = (page: Page) => page.getByRole("search");

async function runFilter(page: Page) {
  await filters(page).getByRole("button", { name: "查询" }).click();
}

/** Resets the filters and waits for the unfiltered list, so typing next is not undone by the reset. */
async function resetFilters(page: Page) {
  await page.getByRole("link", { name: "重置" }).click();
  await expect(page).toHaveURL(/\/banks\/\d+$/);
  await expect(filters(page).getByLabel("关键词")).toHaveValue("");
}

async function checkedIds(page: Page, count: number): Promise<string[]> {
  const boxes = page.locator('input[type="checkbox"][name="ids"]');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    await boxes.nth(i).check();
    ids.push((await boxes.nth(i).getAttribute("value"))!);
  }
  return ids;
}

const rowBox = (page: Page, id: string) => page.getByRole("checkbox", { name: `选择第 ${id} 题` });

test("an instructor browses the starter banks and filters a bank by type, text and knowledge point", async ({ page, db }) => {
  const starters = await db.selectFrom("question_banks").select(["title"]).where("bank_key", "in", STARTER_KEYS).execute();
  expect(starters).toHaveLength(6);
  const law = await bankByKey(db, LAW_BANK);

  await login(page, "instructor");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "题库" }).click();
  await expect(page.getByRole("heading", { name: "题库", exact: true })).toBeVisible();
  for (const bank of starters) await expect(page.getByRole("link", { name: bank.title, exact: true })).toBeVisible();
  const template = await page.request.get("/banks/template.xlsx");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-disposition"]).toContain("filename*=UTF-8''");

  await page.getByRole("link", { name: law.title, exact: true }).click();
  await expect(page.getByRole("heading", { name: law.title })).toBeVisible();
  const all = await listedIds(db, law.id);
  await expect(page.getByText(`共 ${all.length} 条`)).toBeVisible();

  // 题型
  const trueFalse = await listedIds(db, law.id, { type: "truefalse" });
  await filters(page).getByLabel("题型").selectOption("truefalse");
  await runFilter(page);
  await expect(page).toHaveURL(/type=truefalse/);
  await expect(page.getByText(`共 ${trueFalse.length} 条`)).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(Math.min(trueFalse.length, 50));
  for (const row of await page.locator("tbody tr td:nth-child(3)").allTextContents()) expect(row).toBe("判断");

  // Text
  await resetFilters(page);
  const hearing = await listedIds(db, law.id, { text: "听证" });
  expect(hearing.length).toBeGreaterThan(0);
  await filters(page).getByLabel("关键词").fill("听证");
  await runFilter(page);
  await expect(page.getByText(`共 ${hearing.length} 条`)).toBeVisible();
  for (const q of hearing.slice(0, 50)) await expect(rowBox(page, String(q.id))).toBeVisible();

  // A knowledge point from the tree: the count beside it is what the list then shows.
  await resetFilters(page);
  const penalty = await listedIds(db, law.id, { pointPath: "行政处罚法" });
  const tree = page.getByRole("navigation", { name: "知识点" });
  await tree.getByRole("link", { name: `行政处罚法 ${penalty.length}`, exact: true }).click();
  await expect(page).toHaveURL(/point=\d+/);
  await expect(page.getByText(`共 ${penalty.length} 条`)).toBeVisible();
  await expect(tree.getByRole("link", { name: `行政处罚法 ${penalty.length}`, exact: true })).toHaveAttribute("aria-current", "true");
  const simple = await listedIds(db, law.id, { pointPath: "行政处罚法/简易程序" });
  await tree.getByRole("link", { name: `简易程序 ${simple.length}`, exact: true }).click();
  await expect(page.getByText(`共 ${simple.length} 条`)).toBeVisible();
});

test("an instructor retires, restores and tags checked questions", async ({ page, db }) => {
  const law = await bankByKey(db, LAW_BANK);
  const tag = `复习-${Date.now().toString(36)}`;
  await login(page, "instructor");
  await page.goto(`/banks/${law.id}?type=truefalse`);
  const before = await listedIds(db, law.id, { type: "truefalse" });
  await expect(page.getByText(`共 ${before.length} 条`)).toBeVisible();

  // Retire two checked rows: they leave the default list and show under 状态=已停用.
  const picked = await checkedIds(page, 2);
  await page.getByRole("button", { name: "停用", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已停用 2 题" })).toBeVisible();
  for (const id of picked) await expect(rowBox(page, id)).toHaveCount(0);
  await expect(page.getByText(`共 ${before.length - 2} 条`)).toBeVisible();
  const statuses = await db.selectFrom("questions").select("status").where("id", "in", picked.map(Number)).execute();
  expect(statuses.map((s) => s.status)).toEqual(["retired", "retired"]);

  await filters(page).getByLabel("状态").selectOption("retired");
  await runFilter(page);
  await expect(page).toHaveURL(/status=retired/);
  for (const id of picked) await rowBox(page, id).check();
  await page.getByRole("button", { name: "恢复", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已恢复 2 题" })).toBeVisible();
  for (const id of picked) await expect(rowBox(page, id)).toHaveCount(0);
  await filters(page).getByLabel("状态").selectOption("");
  await runFilter(page);
  await expect(page.getByText(`共 ${before.length} 条`)).toBeVisible();
  for (const id of picked) await expect(rowBox(page, id)).toBeVisible();

  // A bulk action without a choice is explained, nothing changes.
  await page.getByRole("button", { name: "添加标签", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "请先勾选试题" })).toBeVisible();

  // Tag the two checked rows, then find them by the tag.
  for (const id of picked) await rowBox(page, id).check();
  await page.getByRole("textbox", { name: "标签" }).fill(tag);
  await page.getByRole("button", { name: "添加标签", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `已为 2 题添加标签「${tag}」` })).toBeVisible();
  await filters(page).getByLabel("标签").selectOption(tag);
  await runFilter(page);
  await expect(page.getByText("共 2 条")).toBeVisible();
  for (const id of picked) await expect(rowBox(page, id)).toBeVisible();
  await expect(page.locator(".question-tag", { hasText: tag })).toHaveCount(2);

  // And remove it again from "all questions matching the filters" (the two).
  await page.getByRole("radio", { name: "全部符合筛选条件的 2 题" }).check();
  await page.getByRole("textbox", { name: "标签" }).fill(tag);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "移除标签" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已从 2 题移除标签「${tag}」` })).toBeVisible();
  await expect(page.getByText("没有符合条件的试题")).toBeVisible();
  const left = await db.selectFrom("question_tags").select("question_id").where("tag", "=", tag).execute();
  expect(left).toHaveLength(0);
});

test("an instructor creates a bank and adds a knowledge point in its settings", async ({ page, db }) => {
  const stamp = Date.now().toString(36);
  const category = await db.selectFrom("course_categories").select(["code", "name"]).orderBy("sort_order").executeTakeFirstOrThrow();
  await login(page, "instructor");
  await page.goto("/banks");
  await page.getByLabel("题库代码").fill("Bad Key!");
  await page.getByLabel("题库名称").fill(`消防监督检查题库 ${stamp}`);
  await page.getByLabel("分类").selectOption(category.code);
  await page.getByRole("button", { name: "创建题库" }).click();
  await expect(page.locator("#bankKey-error")).toHaveText(/只能用小写字母、数字和连字符/);
  await expect(page.getByLabel("题库名称")).toHaveValue(`消防监督检查题库 ${stamp}`);

  await page.getByLabel("题库代码").fill(`fire-check-${stamp}`);
  await page.getByRole("button", { name: "创建题库" }).click();
  await expect(page).toHaveURL(/\/banks\/\d+\?created=1$/);
  await expect(page.getByText("题库已创建")).toBeVisible();
  const bankId = Number(new URL(page.url()).pathname.split("/").pop());
  const bank = await db.selectFrom("question_banks").selectAll().where("id", "=", bankId).executeTakeFirstOrThrow();
  expect(bank.bank_key).toBe(`fire-check-${stamp}`);
  expect(bank.category).toBe(category.code);

  // The same key again is refused next to the field.
  await page.goto("/banks");
  await page.getByLabel("题库代码").fill(`fire-check-${stamp}`);
  await page.getByLabel("题库名称").fill("重复代码");
  await page.getByLabel("分类").selectOption(category.code);
  await page.getByRole("button", { name: "创建题库" }).click();
  await expect(page.locator("#bankKey-error")).toHaveText(`题库代码 fire-check-${stamp} 已被使用`);

  await page.goto(`/banks/${bankId}`);
  await page.getByRole("link", { name: "题库设置" }).click();
  await expect(page.getByRole("heading", { name: "题库设置" })).toBeVisible();
  await expect(page.getByText("（我）")).toBeVisible();
  await page.getByLabel("按工号添加成员").fill("no-such-person-x");
  await page.getByRole("button", { name: "添加", exact: true }).first().click();
  await expect(page.locator("#employeeNo-error")).toHaveText("找不到工号为 no-such-person-x 的人员");

  const pointForm = page.locator("form", { has: page.getByLabel("添加知识点") });
  await pointForm.getByLabel("添加知识点").fill("行政处罚法 / 简易程序");
  await pointForm.getByRole("button", { name: "添加" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已添加知识点：行政处罚法/简易程序" })).toBeVisible();
  await expect(page.getByRole("link", { name: "行政处罚法", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "简易程序", exact: true })).toBeVisible();
  const points = await db.selectFrom("knowledge_points").select("path").where("bank_id", "=", bankId).orderBy("path").execute();
  expect(points.map((p) => p.path)).toEqual(["行政处罚法", "行政处罚法/简易程序"]);

  // An unused leaf point can be deleted again.
  await page.getByRole("button", { name: "删除知识点 行政处罚法/简易程序" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已删除知识点：行政处罚法/简易程序" })).toBeVisible();
  await expect(page.getByRole("link", { name: "简易程序", exact: true })).toHaveCount(0);
});

test("an instructor exports the filtered questions to GIFT and Excel", async ({ page, db }) => {
  const law = await bankByKey(db, LAW_BANK);
  const selection = await listedIds(db, law.id, { type: "truefalse", text: "处罚" });
  expect(selection.length).toBeGreaterThan(1);
  const stems = selection.map((q) => q.search_text.split("\n")[0]);

  await login(page, "instructor");
  await page.goto(`/banks/${law.id}?type=truefalse&q=${encodeURIComponent("处罚")}`);
  await expect(page.getByText(`共 ${selection.length} 条`)).toBeVisible();
  await page.getByRole("link", { name: "导出" }).click();
  await expect(page).toHaveURL(/\/export\?/);
  await expect(page.getByRole("heading", { name: `将导出 ${selection.length} 题` })).toBeVisible();

  // Excel: the template's 试题 sheet, one row per question.
  const excelDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: /下载 Excel 文件/ }).click();
  const excel = await excelDownload;
  expect(excel.suggestedFilename()).toMatch(new RegExp(`^${law.title}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await excel.path())!) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("试题")!;
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const stemColumn = headers.indexOf("题干");
  const exportedStems: string[] = [];
  sheet.eachRow((row, rowNumber) => {
    const value = row.getCell(stemColumn).text;
    if (rowNumber > 1 && value) exportedStems.push(value);
  });
  expect(exportedStems).toHaveLength(selection.length);
  expect(new Set(exportedStems)).toEqual(new Set(stems));

  // GIFT: the page lists what GIFT cannot hold before the download.
  await page.getByRole("radio", { name: /GIFT/ }).check();
  await expect(page).toHaveURL(/format=gift/);
  await expect(page.getByText("难度无法写入 GIFT，导出后丢失").first()).toBeVisible();
  const giftDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: /下载 GIFT 文件/ }).click();
  const gift = await giftDownload;
  expect(gift.suggestedFilename()).toMatch(/\.gift\.txt$/);
  const text = fs.readFileSync((await gift.path())!, "utf8");
  for (const stem of stems) expect(text).toContain(stem.replace(/[\\~=#{}:]/g, (c) => `\\${c}`));
  expect(text.match(/\{(TRUE|FALSE)/g)).toHaveLength(selection.length);
});

test("trainees and unit managers have no question banks", async ({ browser, db }) => {
  const law = await bankByKey(db, LAW_BANK);
  const trainee = await browser.newPage();
  await login(trainee, "trainee");
  expect((await trainee.goto(`/banks/${law.id}`))?.status()).toBe(404);
  expect((await trainee.goto(`/banks/${law.id}/export/download?format=gift`))?.status()).toBe(404);

  const manager = await browser.newPage();
  await login(manager, "manager");
  await expect(manager.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "首页" })).toBeVisible();
  await expect(manager.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "题库" })).toHaveCount(0);
  expect((await manager.goto("/banks"))?.status()).toBe(404);
});
