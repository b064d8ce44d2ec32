import type { Locator, Page } from "@playwright/test";
import { examForTrainee } from "./support/exam-setup";
import { expect, login, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
// Several pages, a second browser context and a no-JavaScript context: slow on a busy CI box.
test.setTimeout(180_000);

/** Answers question `position` whatever its type: the first option, 对, or text in every blank. */
async function answer(page: Page, position: number): Promise<Locator> {
  const q = page.locator(`#q${position}`);
  const text = q.locator("input[type=text], textarea");
  if (await text.count()) {
    for (const input of await text.all()) await input.fill("现场答案");
  } else {
    await q.locator(".exam-option").first().click();
  }
  return q;
}

test("a grid worker takes an exam on a phone through a dead network and a reload, then submits", async ({ page, context, db }) => {
  const title = `手机考试-${Date.now()}`;
  await examForTrainee(db, title);
  await login(page, "trainee");
  await page.goto("/my/exams");
  await expect(page.getByRole("heading", { name: "我的考试" })).toBeVisible();
  const card = page.locator(".exam-card", { hasText: title });
  await expect(card).toContainText("进行中");
  await card.getByRole("link", { name: "开始考试" }).click();
  await expect(page.getByText("剩余机会")).toBeVisible();
  await expect(page.getByText("及格分")).toBeVisible();
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.waitForURL(/\/attempts\/\d+$/);
  const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("exam-timer")).toContainText(/剩余 (29|30):/);

  // Online: the answer is acknowledged and says when.
  const q1 = await answer(page, 1);
  await expect(q1.locator(".exam-saved")).toHaveText(/^已保存 \d{2}:\d{2}:\d{2}$/);

  // One question per screen, with the answer sheet.
  await page.getByRole("button", { name: "逐题作答" }).click();
  await expect(page.getByRole("button", { name: "第 1 题，已答" })).toBeVisible();
  await expect(page.locator("#q2")).toBeHidden();
  await page.getByRole("button", { name: "下一题" }).click();
  await expect(page.locator("#q2")).toBeVisible();
  await page.getByRole("button", { name: "整卷作答" }).click();

  // The network dies: answers wait on the phone.
  await context.setOffline(true);
  await answer(page, 2);
  await answer(page, 3);
  await expect(page.getByText("网络已断开，2 个答案等待上传")).toBeVisible();

  // Back online, but reload before anything could be resent: the journal must carry them.
  await page.route("**/attempts/*/answers", (route) => route.abort());
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByText(/2 个答案等待上传/)).toBeVisible();
  for (const position of [2, 3]) await expect(page.locator(`#q${position} .exam-saved`)).toHaveText("待上传");
  await page.unroute("**/attempts/*/answers");
  for (const position of [1, 2, 3]) await expect(page.locator(`#q${position} .exam-saved`)).toHaveText(/^已保存 /, { timeout: 15_000 });
  await expect(page.getByText(/等待上传|正在上传/)).toHaveCount(0);
  const rows = await db.selectFrom("attempt_answers").select(["position", "answer"]).where("attempt_id", "=", attemptId).orderBy("position").execute();
  expect(rows.map((r) => r.position)).toEqual([1, 2, 3]);
  expect(rows.every((r) => r.answer !== "null")).toBe(true);
  // The restored answers are on the page too.
  for (const position of [2, 3]) {
    const q = page.locator(`#q${position}`);
    const text = q.locator("input[type=text]");
    if (await text.count()) await expect(text.first()).toHaveValue("现场答案");
    else await expect(q.locator("input:checked").first()).toBeChecked();
  }

  // Submit: the dialog counts what is left unanswered.
  await page.getByRole("button", { name: "交卷" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("还有 1 题未作答");
  await dialog.getByRole("button", { name: "确认交卷" }).click();
  await page.waitForURL(`**/attempts/${attemptId}/result`);
  await expect(page.getByRole("heading", { name: `${title} · 成绩` })).toBeVisible();
  await expect(page.getByText(/交卷时间：/)).toBeVisible();
  await expect(page.locator(".exam-result__score")).toContainText("/ 100 分");
  await expect(page.getByRole("heading", { name: "答题回顾" })).toBeVisible();
  const attempt = await db.selectFrom("attempts").select(["status", "closed_by"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
  expect(attempt).toEqual({ status: "closed", closed_by: "submit" });
});
