import type { Page } from "@playwright/test";
import { expect, login, test } from "./support/fixtures";

// Many form round trips per test: more room than the default minute on a busy machine.
test.describe.configure({ timeout: 240_000 });

/** An instant as a datetime-local value in Beijing time (UTC+8, no daylight saving). */
const beijing = (epochMs: number) => new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 16);
const DAY = 86_400_000;

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: button }).click()]);
}

test("an instructor builds a drawn paper, creates a certificate exam with audience and accommodation, and publishes it", async ({ page, db }) => {
  const stamp = Date.now();
  const paperTitle = `执法证抽题卷-${stamp}`;
  const examTitle = `执法证考试-${stamp}`;
  await login(page, "instructor");

  // A paper needs a title; the error sits next to the field.
  await page.goto("/papers/new");
  await submit(page, "创建试卷");
  await expect(page.locator("#title-error")).toHaveText("请填写试卷名称");
  await page.getByLabel("试卷名称").fill(paperTitle);
  await page.getByLabel(/^抽题/).check();
  await page.getByRole("button", { name: "创建试卷" }).click();
  await page.waitForURL(/\/papers\/\d+\?created=1$/);
  const paperId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("paper-preview")).toContainText("试卷还没有组卷规则");

  const addRule = async (type: string, count: string, score: string) => {
    await page.getByLabel("题库", { exact: true }).selectOption({ label: "行政执法证考试题库" });
    await page.getByLabel("题型", { exact: true }).selectOption({ label: type });
    await page.getByLabel("题数").fill(count);
    await page.getByLabel("每题分值").fill(score);
    await submit(page, "添加规则");
  };
  await addRule("单选", "30", "2");
  await expect(page.getByTestId("paper-total")).toHaveText("60");
  await expect(page.getByTestId("paper-preview")).toContainText("试卷可以正常组卷");

  // A bad score is refused next to its field, nothing is added.
  await addRule("判断", "10", "abc");
  await expect(page.locator("#score-error")).toHaveText("每题分值须为数字，最多两位小数");
  await expect(page.getByTestId("paper-total")).toHaveText("60");

  // Asking for more 判断 than the bank has: the preview shows the total and the shortage in red.
  await addRule("判断", "100", "0.4");
  await expect(page.getByTestId("paper-total")).toHaveText("100");
  await expect(page.getByTestId("paper-preview").locator(".exa-problems")).toBeVisible();
  await expect(page.locator("tr.exa-short")).toContainText("判断");
  await page.getByRole("button", { name: "删除第 2 条规则" }).click();
  await expect(page.locator("tr.exa-short")).toHaveCount(0);
  await addRule("判断", "10", "4");
  await expect(page.getByTestId("paper-total")).toHaveText("100");
  await expect(page.getByTestId("paper-preview")).toContainText("共 40 题");
  await expect(page.getByTestId("paper-preview")).toContainText("试卷可以正常组卷");

  // The exam: a window that closes before it opens is refused next to the field.
  await page.goto("/exams/new");
  await page.getByLabel("考试名称").fill(examTitle);
  await page.getByLabel("考试类型").selectOption({ label: "证书考试" });
  await page.getByLabel("证书类型（证书考试）").selectOption({ label: "执法证" });
  await page.getByLabel("试卷", { exact: true }).selectOption(String(paperId));
  await page.getByLabel("开始时间（北京时间）").fill(beijing(stamp + DAY));
  await page.getByLabel("结束时间（北京时间）").fill(beijing(stamp - DAY));
  await page.getByLabel("及格分").fill("60");
  await submit(page, "创建考试");
  await expect(page.locator("#closesAt-error")).toHaveText("结束时间须晚于开始时间");
  await expect(page.getByLabel("考试名称")).toHaveValue(examTitle);
  await page.getByLabel("开始时间（北京时间）").fill(beijing(stamp - DAY));
  await page.getByLabel("结束时间（北京时间）").fill(beijing(stamp + 30 * DAY));
  await page.getByRole("button", { name: "创建考试" }).click();
  await page.waitForURL(/\/exams\/\d+\?created=1$/);
  const examId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("exam-status")).toHaveText("草稿");

  // Audience: three tiers, the demo town and one named person.
  const town = await db.selectFrom("org_units").select("id").where("name", "=", "转塘街道").executeTakeFirstOrThrow();
  const audience = page.getByRole("region", { name: "考生范围" });
  for (const tier of ["站(队)长", "工作人员", "机关干部"]) await audience.getByLabel(tier, { exact: true }).check();
  await audience.locator("#unitIds").selectOption(String(town.id));
  await audience.getByLabel(/指定人员工号/).fill("trainee\nno-such-person");
  await submit(page, "保存考生范围");
  await expect(page.locator("#employeeNos-error")).toContainText("no-such-person");
  await audience.getByLabel(/指定人员工号/).fill("trainee");
  await submit(page, "保存考生范围");
  await expect(page.getByText("考生范围已保存")).toBeVisible();
  const refs = await db.selectFrom("exam_audience").select(["kind", "ref"]).where("exam_id", "=", examId).execute();
  expect(refs.filter((r) => r.kind === "tier").map((r) => r.ref).sort()).toEqual(["cadre", "chief", "staff"]);
  expect(refs.filter((r) => r.kind === "unit").map((r) => r.ref)).toEqual([String(town.id)]);
  expect(refs.filter((r) => r.kind === "person")).toHaveLength(1);

  // Accommodation: an unknown 工号 is refused next to the field; then 15 more minutes for the trainee.
  const acc = page.getByRole("region", { name: "照顾安排" });
  await acc.getByLabel("工号").fill("nobody-here");
  await acc.getByLabel("延长时间（分钟）").fill("15");
  await submit(page, "保存照顾安排");
  await expect(page.locator("#acc-employeeNo-error")).toHaveText("找不到该工号的人员");
  await acc.getByLabel("工号").fill("trainee");
  await acc.getByLabel("延长时间（分钟）").fill("15");
  await acc.getByLabel("备注").fill("汛期值班");
  await submit(page, "保存照顾安排");
  await expect(acc.locator("tbody tr", { hasText: "trainee" })).toContainText("汛期值班");
  await expect(acc.locator("tbody tr", { hasText: "trainee" })).toContainText("15");

  // Publish.
  await submit(page, "发布考试");
  await expect(page.getByTestId("exam-status")).toHaveText("已发布");
  await page.goto("/exams?q=" + encodeURIComponent(examTitle));
  const row = page.locator("tbody tr", { hasText: examTitle });
  await expect(row).toContainText("执法证");
  await expect(row).toContainText("进行中");
});

test("a paper with a shortage cannot be published in an exam", async ({ page }) => {
  const stamp = Date.now();
  await login(page, "instructor");
  await page.goto("/papers/new");
  await page.getByLabel("试卷名称").fill(`不足卷-${stamp}`);
  await page.getByLabel(/^抽题/).check();
  await page.getByRole("button", { name: "创建试卷" }).click();
  await page.waitForURL(/\/papers\/\d+/);
  const paperId = Number(new URL(page.url()).pathname.split("/").pop());
  await page.getByLabel("题库", { exact: true }).selectOption({ label: "行政执法证考试题库" });
  await page.getByLabel("题型", { exact: true }).selectOption({ label: "简答" });
  await page.getByLabel("题数").fill("50");
  await page.getByLabel("每题分值").fill("2");
  await submit(page, "添加规则");
  await expect(page.getByTestId("paper-total")).toHaveText("100");

  await page.goto("/exams/new");
  await page.getByLabel("考试名称").fill(`不足卷考试-${stamp}`);
  await page.getByLabel("试卷", { exact: true }).selectOption(String(paperId));
  await page.getByRole("button", { name: "创建考试" }).click();
  await page.waitForURL(/\/exams\/\d+/);
  await submit(page, "发布考试");
  await expect(page.getByRole("alert").filter({ hasText: "考试暂不能发布" })).toContainText("简答");
  await expect(page.getByTestId("exam-status")).toHaveText("草稿");
});

test("an instructor hand-picks questions for a fixed paper, rescores, reorders and removes them", async ({ page }) => {
  await login(page, "instructor");
  await page.goto("/papers/new");
  await page.getByLabel("试卷名称").fill(`固定卷-${Date.now()}`);
  await page.getByRole("button", { name: "创建试卷" }).click();
  await page.waitForURL(/\/papers\/\d+/);
  await page.getByLabel("题库", { exact: true }).selectOption({ label: "行政执法证考试题库" });
  await page.getByLabel("题型", { exact: true }).selectOption({ label: "单选" });
  await page.getByRole("button", { name: "查找试题" }).click();
  await page.waitForURL(/bank=\d+/);
  const boxes = page.locator('input[name="questionIds"]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByLabel("每题分值").fill("5");
  await submit(page, "加入勾选的试题");
  await expect(page.getByText("已加入 2 题")).toBeVisible();
  await expect(page.getByTestId("paper-total")).toHaveText("10");
  await expect(page.getByText("已在试卷中")).toHaveCount(2);

  await page.getByLabel("第 1 题分值").fill("x");
  await submit(page, "保存分值");
  await expect(page.getByText("分值须为数字，最多两位小数")).toBeVisible();
  await page.getByLabel("第 1 题分值").fill("7.5");
  await submit(page, "保存分值");
  await expect(page.getByTestId("paper-total")).toHaveText("12.5");

  const rows = page.locator("section", { hasText: "试题（2）" }).locator("tbody tr");
  const second = (await rows.nth(1).locator("td").nth(1).innerText()).split("\n")[0]!;
  await submit(page, "下移第 1 题");
  await expect(rows.nth(0).locator("td").nth(1)).toContainText(second);
  await expect(page.getByLabel("第 2 题分值")).toHaveValue("7.5");
  await submit(page, "移出第 2 题");
  await expect(page.getByTestId("paper-total")).toHaveText("5");
  await expect(page.getByTestId("paper-preview")).toContainText("共 1 题");
});
