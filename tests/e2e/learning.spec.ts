import ExcelJS from "exceljs";
import fs from "node:fs";
import { expect, login, test } from "./support/fixtures";

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a grid worker finds the syllabus courses of their tier and reads a lesson with its check question", async ({ page }) => {
    await login(page, "trainee");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的学习" }).click();
    await expect(page.getByRole("heading", { name: "我的学习" })).toBeVisible();
    await expect(page.getByText("要求 12 学时")).toBeVisible();
    const hazard = page.getByRole("link", { name: /隐患排查工作手册/ });
    await expect(hazard).toContainText("必修");
    await expect(page.getByRole("link", { name: /宣传教育工作手册/ })).toContainText("选修");
    await hazard.click();
    await page.getByRole("link", { name: "开始学习" }).click();
    await expect(page.getByRole("heading", { name: "隐患排查的基本方法与闭环整改" })).toBeVisible();
    // Rich text from the handbook, rendered by the server.
    await expect(page.locator(".rich-text h2").first()).toBeVisible();
    await expect(page.getByTestId("study-timer")).toContainText("需 35 分钟");
    // A wrong answer is explained; the answer itself is not revealed.
    await page.locator(".check-question label").first().click();
    await page.getByRole("button", { name: "提交答案" }).click();
    await expect(page.locator(".check-question [role=alert], .check-question [role=status]").first()).toBeVisible();
  });
});

test("a station manager sees study statistics for their town and exports them to Excel", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/reports/study?view=unit&level=unit");
  await expect(page.getByRole("heading", { name: "学习统计" })).toBeVisible();
  const rows = page.locator("table tbody tr");
  await expect(rows.first()).toContainText("转塘街道");
  // Nothing outside the town appears.
  await expect(page.locator("table tbody")).not.toContainText("滨江区");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出Excel" }).click()]);
  const file = fs.readFileSync(await download.path());
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(["按所在单位汇总", "人员明细"]);
  expect(book.worksheets[1].rowCount).toBeGreaterThan(1);
});
