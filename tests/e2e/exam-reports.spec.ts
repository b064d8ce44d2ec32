import ExcelJS from "exceljs";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import type { Db } from "#db/client";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/exams/attempts.server";
import { createExam, setExamStatus } from "~/modules/exams/exams.server";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { getQuestion } from "~/modules/questions/read.server";
import { insertQuestion, saveNewVersion } from "~/modules/questions/store.server";
import { expect, login, test } from "./support/fixtures";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

interface Setup {
  examId: number;
  examTitle: string;
  bankId: number;
  tfQuestionId: number;
  authorId: number;
  insiders: Array<{ employeeNo: string; name: string; unitName: string }>;
  outsiders: Array<{ employeeNo: string; name: string; unitName: string }>;
}

async function stationPeople(db: Db, inside: boolean, townPath: string) {
  return db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .select(["p.id", "p.employee_no", "p.name", "p.tier", "o.id as unit_id", "o.path", "o.name as unit_name"])
    .where("p.status", "=", "active")
    .where("o.type", "=", "station")
    .where("p.employee_no", "not in", ["manager", "district", "trainee", "instructor", "hr", "admin"])
    .where("o.path", inside ? "like" : "not like", `${townPath}%`)
    .orderBy("p.id")
    .limit(2)
    .execute();
}

/** A fresh exam with four closed attempts: two at stations of the manager's town, two elsewhere. */
async function setUp(db: Db): Promise<Setup> {
  const suffix = randomBytes(3).toString("hex");
  const author = await db.selectFrom("persons").select("id").where("employee_no", "=", "instructor").executeTakeFirstOrThrow();
  const town = await db.selectFrom("org_units").select("path").where("name", "=", "转塘街道").executeTakeFirstOrThrow();
  const bankId = await createBank(db, author.id, { bankKey: `report-e2e-${suffix}`, title: `统计测试题库${suffix}`, description: "", category: "enforcement" });
  const contents: QuestionContent[] = [
    { type: "single", stem: doc(`火警报警电话是（${suffix}）`), options: [{ text: "119", correct: true }, { text: "110", correct: false }], tiers: [] },
    { type: "truefalse", stem: doc(`责令改正属于行政处罚（${suffix}）`), answer: false, tiers: [] },
  ];
  const qids: number[] = [];
  for (const content of contents) qids.push((await insertQuestion(db, { bankId, content, status: "published", actorId: author.id })).id);
  const paper = await createPaper(db, author.id, { title: `统计测试卷${suffix}`, description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
  await setPaperQuestions(db, paper, qids.map((questionId) => ({ questionId, scoreX100: 5000 })));
  const now = Date.now();
  const examTitle = `考试统计演练${suffix}`;
  const examId = await createExam(db, author.id, {
    title: examTitle,
    description: "",
    kind: "final",
    certificateType: null,
    certificateValidMonths: null,
    courseId: null,
    requiredCourseId: null,
    paperId: paper,
    opensAt: now - 3_600_000,
    closesAt: now + 86_400_000,
    durationMinutes: 30,
    maxAttempts: 1,
    counting: "highest",
    passX100: 6000,
    shuffleQuestions: false,
    shuffleOptions: false,
    scoreVisibility: "after_submit",
    reviewVisibility: "after_close",
  });
  await setExamStatus(db, examId, "published");
  const insiders = await stationPeople(db, true, town.path);
  const outsiders = await stationPeople(db, false, town.path);
  for (const person of [...insiders, ...outsiders]) {
    const taker = { id: person.id, tier: person.tier, orgUnitId: person.unit_id, orgPath: person.path };
    const { attemptId } = await startAttempt(db, { examId, taker });
    const items = await db.selectFrom("attempt_items").select(["position", "question_id"]).where("attempt_id", "=", attemptId).execute();
    const pos = (qid: number) => items.find((i) => i.question_id === qid)!.position;
    // Everyone answers 119 and "true": right on the first, wrong on the (mis-keyed) second.
    await saveAnswer(db, { attemptId, personId: person.id, position: pos(qids[0]!), answer: { choice: 0 }, seq: 1 });
    await saveAnswer(db, { attemptId, personId: person.id, position: pos(qids[1]!), answer: { value: true }, seq: 2 });
    await submitAttempt(db, { attemptId, personId: person.id });
  }
  const pick = (rows: typeof insiders) => rows.map((r) => ({ employeeNo: r.employee_no, name: r.name, unitName: r.unit_name }));
  return { examId, examTitle, bankId, tfQuestionId: qids[1]!, authorId: author.id, insiders: pick(insiders), outsiders: pick(outsiders) };
}

test.describe.serial("exam reports", () => {
  let setup: Setup;

  test.beforeAll(async ({ db }) => {
    setup = await setUp(db);
  });

  test("the station chief sees results and stations of their town only, and exports them", async ({ page }) => {
    expect(setup.insiders.length).toBeGreaterThan(0);
    expect(setup.outsiders.length).toBeGreaterThan(0);
    await login(page, "manager");
    await page.goto("/reports/exams");
    await expect(page.getByRole("heading", { name: "考试统计" })).toBeVisible();
    const listRow = page.getByRole("row").filter({ hasText: setup.examTitle });
    await expect(listRow.getByRole("cell").nth(3)).toHaveText(String(setup.insiders.length));
    await listRow.getByRole("link", { name: setup.examTitle }).click();
    await expect(page.getByRole("heading", { name: setup.examTitle })).toBeVisible();

    const body = page.locator("table tbody");
    for (const p of setup.insiders) await expect(body).toContainText(p.employeeNo);
    for (const p of setup.outsiders) await expect(body).not.toContainText(p.employeeNo);
    await expect(body.locator(".badge").first()).toHaveText("不合格");

    await page.getByRole("link", { name: "单位汇总" }).click();
    await page.getByLabel("汇总到").selectOption("station");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page).toHaveURL(/level=station/);
    for (const p of setup.insiders) await expect(body).toContainText(p.unitName);
    for (const p of setup.outsiders) await expect(body).not.toContainText(p.unitName);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出Excel" }).click()]);
    const file = fs.readFileSync(await download.path());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["人员成绩", "按应消站(专职队)汇总"]);
    const people = book.worksheets[0]!;
    expect(people.rowCount).toBe(setup.insiders.length + 1);
    const numbers = people.getColumn(2).values.slice(2).map(String);
    expect(numbers.sort()).toEqual(setup.insiders.map((p) => p.employeeNo).sort());
    expect(book.worksheets[1]!.rowCount).toBeGreaterThan(1);
  });

  test("an instructor finds the mis-keyed question in the item analysis and regrades it", async ({ page, db }) => {
    await login(page, "instructor");
    await page.goto(`/reports/exams/${setup.examId}?view=items`);
    const row = page.locator(`tr[data-question="${setup.tfQuestionId}"]`);
    await expect(row.getByRole("cell").nth(4)).toHaveText("0.00");
    await expect(row).toContainText("过难");
    await expect(row.getByText("更正答案后重新评分")).toHaveCount(0);

    // The author corrects the key: a new version of the question.
    const current = (await getQuestion(db, setup.bankId, setup.tfQuestionId))!;
    await saveNewVersion(db, { questionId: setup.tfQuestionId, bankId: setup.bankId, baseVersion: current.currentVersion, content: { ...current.content, answer: true } as QuestionContent, actorId: setup.authorId });

    await page.reload();
    await row.getByText("更正答案后重新评分").click();
    await expect(row.getByLabel("更正后的版本")).toHaveValue(String(current.currentVersion + 1));
    await row.getByLabel("原因").fill("原答案有误，已更正为“对”");
    await row.getByRole("button", { name: "重新评分" }).click();
    const total = setup.insiders.length + setup.outsiders.length;
    await expect(page.locator(".notice--success")).toContainText(`重新评分 ${total} 份答卷：分数变化 ${total} 份，合格结果变化 ${total} 份`);
    await expect(row.getByRole("cell").nth(4)).toHaveText("1.00");
    const audit = page.locator("table.score-events tbody tr");
    await expect(audit).toHaveCount(total);
    await expect(audit.first()).toContainText("50 → 100");
    await expect(audit.first()).toContainText("改为合格");
    await expect(audit.first()).toContainText("原答案有误");

    // The bank list shows the question's statistics across exams.
    await page.goto(`/banks/${setup.bankId}`);
    const bankRow = page.getByRole("row").filter({ hasText: "责令改正属于行政处罚" });
    await expect(bankRow).toContainText("1.00");
  });
});
