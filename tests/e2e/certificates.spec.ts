import { randomBytes } from "node:crypto";
import type { Db } from "#db/client";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/exams/attempts.server";
import { maskName } from "~/modules/exams/certificates.server";
import { createExam, setExamStatus } from "~/modules/exams/exams.server";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { insertQuestion } from "~/modules/questions/store.server";
import { expect, login, test } from "./support/fixtures";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function trainee(db: Db) {
  return db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .select(["p.id", "p.name", "p.employee_no", "p.tier", "o.id as unitId", "o.path"])
    .where("p.employee_no", "=", "trainee")
    .executeTakeFirstOrThrow();
}

/**
 * A certificate exam of one 判断 (60) and, optionally, one 简答 (40), taken and submitted by the
 * demo grid worker with the 判断 right; the 简答 answer waits for a grader.
 */
async function sitCertificateExam(db: Db, withEssay: boolean) {
  const suffix = randomBytes(3).toString("hex");
  const author = await db.selectFrom("persons").select("id").where("employee_no", "=", "instructor").executeTakeFirstOrThrow();
  const bankId = await createBank(db, author.id, { bankKey: `cert-e2e-${suffix}`, title: `证书测试题库${suffix}`, description: "", category: "enforcement" });
  const contents: QuestionContent[] = [{ type: "truefalse", stem: doc(`119 是火警电话（${suffix}）`), answer: true, tiers: [] }];
  if (withEssay) contents.push({ type: "essay", stem: doc(`简述灭火器使用方法（${suffix}）`), referenceAnswer: "提、拔、握、压", rubric: "四个要点各 10 分", tiers: [] });
  const qids: number[] = [];
  for (const content of contents) qids.push((await insertQuestion(db, { bankId, content, status: "published", actorId: author.id })).id);
  const paper = await createPaper(db, author.id, { title: `证书测试卷${suffix}`, description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
  await setPaperQuestions(db, paper, qids.map((questionId, k) => ({ questionId, scoreX100: k === 0 ? 6000 : 4000 })));
  const now = Date.now();
  const examId = await createExam(db, author.id, {
    title: `执法证考试${suffix}`,
    description: "",
    kind: "certificate",
    certificateType: "enforcement",
    certificateValidMonths: 36,
    courseId: null,
    requiredCourseId: null,
    paperId: paper,
    opensAt: now - 60_000,
    closesAt: now + 3600_000,
    durationMinutes: 30,
    maxAttempts: 1,
    counting: "highest",
    passX100: 6000,
    shuffleQuestions: false,
    shuffleOptions: false,
    scoreVisibility: "after_submit",
    reviewVisibility: "never",
  });
  await setExamStatus(db, examId, "published");
  const me = await trainee(db);
  const { attemptId } = await startAttempt(db, { examId, taker: { id: me.id, tier: me.tier, orgUnitId: me.unitId, orgPath: me.path } });
  const items = await db.selectFrom("attempt_items").select(["position", "question_id"]).where("attempt_id", "=", attemptId).execute();
  const essayText = `先提起灭火器，拔掉保险销，握住喷管，压下压把（${suffix}）`;
  let seq = 0;
  for (const item of items) {
    const answer = item.question_id === qids[0] ? { value: true } : { text: essayText };
    await saveAnswer(db, { attemptId, personId: me.id, position: item.position, answer, seq: ++seq });
  }
  await submitAttempt(db, { attemptId, personId: me.id });
  return { examId, attemptId, essayQuestionId: qids[1], essayText, me };
}

test("a passed certificate exam can be verified publicly with its QR code, and the station chief sees the holder", async ({ page, db }) => {
  const { attemptId, me } = await sitCertificateExam(db, false);
  const certificate = await db.selectFrom("certificates").select(["number"]).where("attempt_id", "=", attemptId).executeTakeFirstOrThrow();

  // Public: no login.
  await page.goto("/verify");
  await page.getByLabel("证书编号").fill(certificate.number.toLowerCase());
  await page.getByRole("button", { name: "查验" }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${certificate.number}$`));
  await expect(page.getByText("执法证", { exact: true })).toBeVisible();
  await expect(page.getByText("有效", { exact: true })).toBeVisible();
  await expect(page.getByText(maskName(me.name), { exact: true })).toBeVisible();
  const body = await page.content();
  expect(body).not.toContain(me.name);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载二维码" }).click()]);
  expect(download.suggestedFilename()).toBe(`${certificate.number}.svg`);
  const qr = await page.request.get(`/verify/${certificate.number}/qr.svg`);
  expect(qr.status()).toBe(200);
  expect(qr.headers()["content-type"]).toContain("image/svg+xml");
  expect(await qr.text()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

  const missing = await page.goto("/verify/ZF-2026-AAAA-BBBB");
  expect(missing?.status()).toBe(404);
  await expect(page.getByText("未找到该证书")).toBeVisible();
  expect((await page.request.get("/verify/ZF-2026-AAAA-BBBB/qr.svg")).status()).toBe(404);

  await login(page, "manager");
  await page.goto(`/certificates?q=${encodeURIComponent(me.employee_no)}`);
  const row = page.getByRole("row").filter({ hasText: certificate.number });
  await expect(row).toContainText(me.name);
  await expect(row).toContainText("有效");
  const [excel] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出Excel" }).click()]);
  expect(excel.suggestedFilename()).toMatch(/\.xlsx$/);

  // The holder's profile shows the exam in 考试记录; the holder sees it under 我的成绩.
  await page.goto(`/people/${me.id}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "考试记录" }) });
  await expect(history.getByRole("row").filter({ hasText: certificate.number })).toContainText("合格");
  await page.context().clearCookies();
  await login(page, "trainee");
  await page.goto("/my/results");
  await expect(page.getByRole("row").filter({ hasText: certificate.number })).toContainText("60 / 60");
});

test("an instructor grades a pending 简答 blind and the attempt becomes final with a certificate", async ({ page, db }) => {
  const { examId, attemptId, essayQuestionId, essayText, me } = await sitCertificateExam(db, true);
  expect((await db.selectFrom("attempts").select("pending_count").where("id", "=", attemptId).executeTakeFirstOrThrow()).pending_count).toBe(1);

  await login(page, "instructor");
  await page.goto("/grading");
  await page.locator(`a[href="/grading/${examId}/${essayQuestionId}"]`).click();
  await expect(page.getByText(essayText)).toBeVisible();
  await expect(page.getByText("提、拔、握、压")).toBeVisible();
  // Blind: neither the name nor the 工号 nor the unit of the writer is on the page.
  const html = await page.content();
  expect(html).not.toContain(me.name);
  const shown = await page.locator("main").innerText();
  for (const secret of [me.employee_no, "转塘"]) expect(shown).not.toContain(secret);

  // The browser would stop 45 itself (max=40); the server must refuse it too.
  await page.locator("form.grading-form").evaluate((form) => ((form as HTMLFormElement).noValidate = true));
  await page.getByLabel(/得分/).fill("45");
  await page.getByRole("button", { name: "保存得分" }).click();
  await expect(page.getByRole("alert")).toContainText("0 到 40");
  await page.getByLabel(/得分/).fill("32.5");
  await page.getByRole("button", { name: "保存得分" }).click();
  await expect(page.getByText("成绩已确定")).toBeVisible();

  const attempt = await db.selectFrom("attempts").select(["pending_count", "score_x100", "passed"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
  expect(attempt).toEqual({ pending_count: 0, score_x100: 9250, passed: 1 });
  expect(await db.selectFrom("certificates").select("id").where("attempt_id", "=", attemptId).execute()).toHaveLength(1);
});

test("HR revokes a certificate with a reason, and the public page then says 已吊销", async ({ page, db }) => {
  const { attemptId } = await sitCertificateExam(db, false);
  const { id, number } = await db.selectFrom("certificates").select(["id", "number"]).where("attempt_id", "=", attemptId).executeTakeFirstOrThrow();
  await login(page, "hr");
  await page.goto(`/certificates?q=trainee`);
  const row = page.getByRole("row").filter({ hasText: number });
  await row.getByRole("button", { name: "吊销" }).click();
  await expect(page.getByRole("row").filter({ hasText: number }).getByRole("alert")).toContainText("请填写吊销原因");
  await page.getByRole("row").filter({ hasText: number }).getByLabel(`${number} 吊销原因`).fill("证书信息有误，需重新考试");
  await page.getByRole("row").filter({ hasText: number }).getByRole("button", { name: "吊销" }).click();
  await expect(page.getByText("证书已吊销")).toBeVisible();
  expect((await db.selectFrom("certificates").select(["status", "revoke_reason"]).where("id", "=", id).executeTakeFirstOrThrow())).toEqual({ status: "revoked", revoke_reason: "证书信息有误，需重新考试" });
  await page.goto(`/verify/${number}`);
  await expect(page.getByText("已吊销", { exact: true })).toBeVisible();
  await expect(page.getByText("证书信息有误")).toHaveCount(0);
});
