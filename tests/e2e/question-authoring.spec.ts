import type { Page } from "@playwright/test";
import type { Db } from "#db/client";
import { insertedId } from "#db/sql-helpers";
import { expect, login, test } from "./support/fixtures";

/** A bank of its own for each test (no members: any question author manages it). */
async function makeBank(db: Db, label: string) {
  const now = Date.now();
  const key = `e2e-${label}-${now.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const result = await db
    .insertInto("question_banks")
    .values({ bank_key: key, title: `试题编写测试 ${key}`, description: "", category: "hazard", created_by: null, created_at: now, updated_at: now })
    .executeTakeFirst();
  return insertedId(result);
}

const stemEditor = (page: Page) => page.locator('[aria-labelledby="stem-label"]');

async function typeStem(page: Page, text: string) {
  const editor = stemEditor(page);
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
  await expect(editor).toHaveText(text);
}

const questionIdOf = (page: Page) => Number(/\/questions\/(\d+)/.exec(page.url())?.[1]);

/** A 判断 question through the form; returns its id. */
async function createTrueFalse(page: Page, bankId: number, stem: string) {
  await page.goto(`/banks/${bankId}/questions/new`);
  await page.getByLabel("题型", { exact: true }).selectOption("truefalse");
  await typeStem(page, stem);
  await page.getByLabel("错误（×）").check();
  await page.getByRole("button", { name: "保存试题" }).click();
  await expect(page).toHaveURL(/\/questions\/\d+\?created=1$/);
  return questionIdOf(page);
}

test("an instructor writes a 单选 question, publishes it, edits it, and sees 第 2 版 beside 第 1 版; version 1 stays byte-for-byte", async ({ page, db }) => {
  test.setTimeout(120_000);
  const bankId = await makeBank(db, "story");
  const oldStem = "发现居民家中燃气泄漏时，首先应当怎么做？";
  const newStem = "入户检查发现燃气泄漏时，检查人员首先应当怎么做？";
  await login(page, "instructor");
  await page.goto(`/banks/${bankId}/questions/new`);
  await expect(page.getByLabel("题型", { exact: true })).toHaveValue("single");
  // Only the 单选/多选 section is shown for 单选 once the page runs its script.
  await expect(page.getByText("判断题答案")).toBeHidden();
  await expect(page.getByText("每个空的答案（每行一个空）")).toBeHidden();

  await typeStem(page, oldStem);
  const options = ["立即打开排风扇排气", "在室内打电话报警", "关闭气源阀门，开窗通风", "点火查找漏点"];
  for (const [i, text] of options.entries()) await page.getByLabel(`选项${"ABCD"[i]}`, { exact: true }).fill(text);
  // A to D are shown; E to H wait behind "更多选项".
  await expect(page.getByLabel("选项E", { exact: true })).toBeHidden();
  await page.getByLabel("选项C为单选正确答案").check();
  await page.getByLabel("难度").selectOption("2");
  await page.getByLabel("或新建知识点").fill("燃气安全 / 居民用户");
  await page.getByLabel("村社网格员").check();
  await page.getByLabel("法规条款").fill("《城镇燃气管理条例》第二十八条");
  await page.getByLabel("标签").fill("燃气、入户检查");
  await page.getByRole("button", { name: "保存试题" }).click();

  await expect(page).toHaveURL(/\/banks\/\d+\/questions\/\d+\?created=1$/);
  await expect(page.getByText("试题已保存（草稿）")).toBeVisible();
  const questionId = questionIdOf(page);
  await expect(page.locator(".qv-option--correct")).toContainText("关闭气源阀门，开窗通风");
  await expect(page.locator(".qv-meta")).toContainText("燃气安全/居民用户");
  await expect(page.locator(".qv-meta")).toContainText("村社网格员");

  await page.getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.getByText("已发布：组卷时可以抽到本题")).toBeVisible();
  const stored = await db.selectFrom("questions").selectAll().where("id", "=", questionId).executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ bank_id: bankId, status: "published", current_version: 1, type: "single", difficulty: 2, tiers: ",grid," });
  const tags = await db.selectFrom("question_tags").select("tag").where("question_id", "=", questionId).orderBy("tag").execute();
  expect(tags.map((t) => t.tag).sort()).toEqual(["入户检查", "燃气"].sort());
  const version1 = await db.selectFrom("question_versions").selectAll().where("question_id", "=", questionId).where("version", "=", 1).executeTakeFirstOrThrow();
  expect(version1.content).toContain(oldStem);

  // Edit: new stem, the key moves from C to D.
  await page.getByRole("link", { name: "编辑", exact: true }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(stemEditor(page)).toHaveText(oldStem);
  await expect(page.getByLabel("选项C为单选正确答案")).toBeChecked();
  await typeStem(page, newStem);
  await page.getByLabel("选项D", { exact: true }).fill("先撤离人员，在室外安全地点报警");
  await page.getByLabel("选项D为单选正确答案").check();
  await page.getByLabel("修改说明").fill("按入户检查规程修改题干和答案");
  await page.getByRole("button", { name: "保存", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/questions/${questionId}\\?compare=1&saved=1$`));
  await expect(page.getByText("已保存为第 2 版")).toBeVisible();
  const before = page.getByRole("article", { name: /第 1 版/ });
  const after = page.getByRole("article", { name: /第 2 版（当前）/ });
  await expect(before).toContainText(oldStem);
  await expect(before).not.toContainText(newStem);
  await expect(before.locator(".qv-option--correct")).toContainText("关闭气源阀门，开窗通风");
  await expect(after).toContainText(newStem);
  await expect(after).not.toContainText(oldStem);
  await expect(after.locator(".qv-option--correct")).toContainText("先撤离人员，在室外安全地点报警");
  await expect(page.locator(".qv-changed-summary")).toContainText("修改了：题干、选项、答案");
  // The changed parts are highlighted on both sides; unchanged ones are not.
  await expect(page.locator('[data-part="题干"].qv-part--changed')).toHaveCount(2);
  await expect(page.locator('[data-part="答案"].qv-part--changed')).toHaveCount(2);
  await expect(page.locator('[data-part="知识点"].qv-part--changed')).toHaveCount(0);
  await expect(page.locator(".qv-versions")).toContainText("第 2 版 · ");
  await expect(page.locator(".qv-versions")).toContainText("第 1 版 · ");
  await expect(page.locator("table").last()).toContainText("按入户检查规程修改题干和答案");

  // Version 1 is exactly what it was; version 2 is new and current.
  const version1After = await db.selectFrom("question_versions").selectAll().where("question_id", "=", questionId).where("version", "=", 1).executeTakeFirstOrThrow();
  expect(version1After).toEqual(version1);
  expect(Buffer.from(version1After.content, "utf8").equals(Buffer.from(version1.content, "utf8"))).toBe(true);
  const version2 = await db.selectFrom("question_versions").selectAll().where("question_id", "=", questionId).where("version", "=", 2).executeTakeFirstOrThrow();
  expect(version2.content).toContain(newStem);
  expect((await db.selectFrom("questions").select("current_version").where("id", "=", questionId).executeTakeFirstOrThrow()).current_version).toBe(2);

  // Saving again without changes makes no version 3.
  await page.goto(`/banks/${bankId}/questions/${questionId}/edit`);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("内容未变化，未产生新版本")).toBeVisible();
  expect(await db.selectFrom("question_versions").select("id").where("question_id", "=", questionId).execute()).toHaveLength(2);

  // A retired question cannot be edited until it is restored.
  await page.goto(`/banks/${bankId}/questions/${questionId}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "停用" }).click();
  await expect(page.getByText("已停用：组卷时不再抽到本题")).toBeVisible();
  await expect(page.getByRole("link", { name: "编辑", exact: true })).toHaveCount(0);
  await page.goto(`/banks/${bankId}/questions/${questionId}/edit`);
  await expect(page.getByText("本题已停用，不能修改")).toBeVisible();
  await page.getByRole("button", { name: "恢复" }).click();
  await expect(page.getByRole("button", { name: "保存", exact: true })).toBeVisible();
  expect((await db.selectFrom("questions").select("status").where("id", "=", questionId).executeTakeFirstOrThrow()).status).toBe("published");
});

test("a question identical to one already in the bank is saved only after the author confirms it is not a duplicate", async ({ page, db }) => {
  test.setTimeout(120_000);
  const bankId = await makeBank(db, "dup");
  await login(page, "instructor");
  const firstId = await createTrueFalse(page, bankId, "夜间发现燃气泄漏，应立即开灯查看。");

  // The same statement, punctuation and spacing aside.
  await page.goto(`/banks/${bankId}/questions/new`);
  await page.getByLabel("题型", { exact: true }).selectOption("truefalse");
  await typeStem(page, "夜间发现燃气泄漏 应立即开灯查看");
  await page.getByLabel("正确（√）").check();
  await page.getByRole("button", { name: "保存试题" }).click();
  await expect(page.getByText("本题库中已有相同的试题", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `#${firstId}` })).toHaveAttribute("href", `/banks/${bankId}/questions/${firstId}`);
  expect(await db.selectFrom("questions").select("id").where("bank_id", "=", bankId).execute()).toHaveLength(1);
  // The form is shown again as posted.
  await expect(stemEditor(page)).toHaveText("夜间发现燃气泄漏 应立即开灯查看");
  await expect(page.getByLabel("正确（√）")).toBeChecked();

  await page.getByLabel("仍然保存（确认不是重复题）").check();
  await page.getByRole("button", { name: "保存试题" }).click();
  await expect(page).toHaveURL(/\/questions\/\d+\?created=1$/);
  const rows = await db.selectFrom("questions").select(["id", "dup_hash"]).where("bank_id", "=", bankId).execute();
  expect(rows).toHaveLength(2);
  expect(rows[0].dup_hash).toBe(rows[1].dup_hash);
});

test("two authors edit the same question: the later save is refused with a conflict message, keeps its input, and overwrites nothing", async ({ browser, page, db }) => {
  test.setTimeout(120_000);
  const bankId = await makeBank(db, "stale");
  await login(page, "instructor");
  const questionId = await createTrueFalse(page, bankId, "燃气热水器可以安装在浴室内。");
  const other = await browser.newContext();
  const adminPage = await other.newPage();
  await login(adminPage, "admin");

  const edit = `/banks/${bankId}/questions/${questionId}/edit`;
  await page.goto(edit);
  await adminPage.goto(edit);

  await page.getByLabel("法规条款").fill("《城镇燃气管理条例》第二十八条");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page).toHaveURL(/\?compare=1&saved=1$/);

  await adminPage.getByLabel("法规条款").fill("《安全生产法》第四十一条");
  await adminPage.getByRole("button", { name: "保存", exact: true }).click();
  await expect(adminPage.getByText("未保存：在您编辑期间，其他人已把本题保存为第 2 版")).toBeVisible();
  await expect(adminPage.getByLabel("法规条款")).toHaveValue("《安全生产法》第四十一条");
  await expect(adminPage.getByRole("link", { name: /查看对方的修改/ })).toHaveAttribute("href", `/banks/${bankId}/questions/${questionId}?compare=1`);

  const versions = await db.selectFrom("question_versions").select(["version", "content"]).where("question_id", "=", questionId).orderBy("version").execute();
  expect(versions.map((v) => v.version)).toEqual([1, 2]);
  expect(versions[1].content).toContain("城镇燃气管理条例");
  expect(versions[1].content).not.toContain("安全生产法");
  expect((await db.selectFrom("questions").select("current_version").where("id", "=", questionId).executeTakeFirstOrThrow()).current_version).toBe(2);
  await other.close();
});

test("without JavaScript the form still works: all answer sections are shown, errors come back next to the field, the stem is typed as text", async ({ browser, db }) => {
  test.setTimeout(120_000);
  const bankId = await makeBank(db, "nojs");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, "instructor");
  await page.goto(`/banks/${bankId}/questions/new`);
  for (const legend of ["选项与答案（单选题、多选题）", "判断题答案", "填空题答案", "简答题答案"]) await expect(page.getByText(legend)).toBeVisible();
  // All eight option rows are in the page.
  await expect(page.locator('input[name^="option"]')).toHaveCount(8);

  await page.getByLabel("题型", { exact: true }).selectOption("truefalse");
  await page.getByLabel("题干（纯文本；修改后原有的格式和图片不再保留）").fill("电动自行车可以在楼道内充电。");
  await page.getByRole("button", { name: "保存试题" }).click();
  await expect(page.locator("#answer-error")).toHaveText("请选择本题的说法是“正确”还是“错误”");
  await expect(page.getByLabel("题干（纯文本；修改后原有的格式和图片不再保留）")).toHaveValue("电动自行车可以在楼道内充电。");

  await page.getByLabel("错误（×）").check();
  await page.getByRole("button", { name: "保存试题" }).click();
  await expect(page).toHaveURL(/\/questions\/\d+\?created=1$/);
  const version = await db
    .selectFrom("question_versions as v")
    .innerJoin("questions as q", "q.id", "v.question_id")
    .select(["v.content"])
    .where("q.bank_id", "=", bankId)
    .executeTakeFirstOrThrow();
  expect(JSON.parse(version.content)).toMatchObject({ type: "truefalse", answer: false, stem: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "电动自行车可以在楼道内充电。" }] }] } });
  await context.close();
});
