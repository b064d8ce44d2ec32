import type { Page } from "@playwright/test";
import { examForTrainee, secretsOf } from "./support/exam-setup";
import { expect, login, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
// Several pages, a second browser context and a no-JavaScript context: slow on a busy CI box.
test.setTimeout(180_000);

async function startExam(page: Page, title: string): Promise<number> {
  await page.goto("/my/exams");
  await page.locator(".exam-card", { hasText: title }).getByRole("link", { name: "开始考试" }).click();
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.waitForURL(/\/attempts\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

const save = (page: Page, attemptId: number, body: unknown) =>
  page.evaluate(
    async ([id, payload]) => {
      const r = await fetch(`/attempts/${id}/answers`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
      return { status: r.status, body: await r.text() };
    },
    [attemptId, body] as const,
  );

test("an open attempt never sends the key, correctness or 解析; others get 404; bad saves are refused", async ({ page, browser, db }) => {
  const title = `保密考试-${Date.now()}`;
  await examForTrainee(db, title);
  const bodies: Array<{ url: string; text: string }> = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/html|json|x-script|turbo/.test(type)) return;
    bodies.push({ url: response.url(), text: await response.text().catch(() => "") });
  });
  await login(page, "trainee");
  const attemptId = await startExam(page, title);
  const items = await db
    .selectFrom("attempt_items as i")
    .innerJoin("questions as q", "q.id", "i.question_id")
    .select(["i.position", "q.type", "i.option_order"])
    .where("i.attempt_id", "=", attemptId)
    .orderBy("i.position")
    .execute();
  // Work the page: answer, autosave, switch layouts, reload, list and intro pages again.
  for (const item of items.filter((i) => i.type !== "fill")) {
    await page.locator(`#q${item.position} .exam-option`).first().click();
    await expect(page.locator(`#q${item.position} .exam-saved`)).toHaveText(/^已保存 /);
  }
  await page.getByRole("button", { name: "逐题作答" }).click();
  await page.reload();
  await expect(page.getByRole("button", { name: "整卷作答" })).toBeVisible();
  await page.goto("/my/exams");
  await page.goto(`/attempts/${attemptId}`);

  // A position outside the attempt is a 404; an option the question does not have is a 409.
  expect((await save(page, attemptId, { position: 99, answer: { choice: 0 }, flagged: false, seq: Date.now() })).status).toBe(404);
  const single = items.find((i) => i.type === "single")!;
  const outOfRange = await save(page, attemptId, { position: single.position, answer: { choice: 9 }, flagged: false, seq: Date.now() });
  expect(outOfRange.status).toBe(409);
  expect(outOfRange.body).toContain("所选选项不存在");

  const secrets = await secretsOf(db, attemptId);
  expect(secrets.length).toBeGreaterThan(0);
  expect(bodies.length).toBeGreaterThan(5);
  for (const { url, text } of bodies) {
    expect(text, url).not.toMatch(/correct/i);
    for (const secret of secrets) expect(text.includes(secret), `${url} leaks ${secret}`).toBe(false);
  }

  // Somebody else (the station chief also studies) gets a plain 404 for the attempt and its saves.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await login(otherPage, "manager");
  expect((await otherPage.goto(`/attempts/${attemptId}`))!.status()).toBe(404);
  expect((await otherPage.goto(`/attempts/${attemptId}/result`))!.status()).toBe(404);
  expect((await save(otherPage, attemptId, { position: single.position, answer: { choice: 0 }, flagged: false, seq: Date.now() })).status).toBe(404);
  await other.close();
});

test("without JavaScript the whole paper is one form: save, then submit", async ({ browser, db }) => {
  const title = `无脚本考试-${Date.now()}`;
  await examForTrainee(db, title);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await login(page, "trainee");
  const attemptId = await startExam(page, title);
  const items = await db.selectFrom("attempt_items as i").innerJoin("questions as q", "q.id", "i.question_id").select(["i.position", "q.type"]).where("i.attempt_id", "=", attemptId).orderBy("i.position").execute();
  for (const item of items) {
    const q = page.locator(`#q${item.position}`);
    if (item.type === "fill") await q.locator("input[type=text]").first().fill("无脚本作答");
    else await q.locator(".exam-option input").first().check();
  }
  await page.locator(`#q${items[0]!.position} .exam-flag input`).check();
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("答案已保存")).toBeVisible();
  for (const item of items) await expect(page.locator(`#q${item.position} .exam-saved`)).toHaveText(/^已保存 /);
  const rows = await db.selectFrom("attempt_answers").select(["position", "answer", "flagged"]).where("attempt_id", "=", attemptId).orderBy("position").execute();
  expect(rows).toHaveLength(items.length);
  expect(rows.find((r) => r.position === items[0]!.position)!.flagged).toBe(1);
  expect(rows.find((r) => r.position === items.find((i) => i.type === "fill")!.position)!.answer).toContain("无脚本作答");

  await page.getByRole("button", { name: "交卷" }).click();
  await page.waitForURL(`**/attempts/${attemptId}/result`);
  await expect(page.getByRole("heading", { name: `${title} · 成绩` })).toBeVisible();
  expect((await db.selectFrom("attempts").select("status").where("id", "=", attemptId).executeTakeFirstOrThrow()).status).toBe("closed");
  await context.close();
});
