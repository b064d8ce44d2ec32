import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "~/modules/auth/permissions";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { readBanks } from "~/modules/content/sources.server";
import type { BankFile } from "~/modules/questions/bank-file";
import { createBank } from "~/modules/questions/banks.server";
import { importBankFile, type BankImportReport } from "~/modules/questions/content-banks.server";
import { BankRuleError } from "~/modules/questions/errors";
import { exportFile, loadForExport } from "~/modules/questions/export.server";
import { parseQuestionFile, planImport } from "~/modules/questions/import-plan.server";
import { commitPlan, confirmImportDraft, saveImportDraft } from "~/modules/questions/import.server";
import { ensurePointPath } from "~/modules/questions/knowledge-points.server";
import { getQuestion, listVersions } from "~/modules/questions/read.server";
import { matchingQuestionIds } from "~/modules/questions/search.server";
import { saveNewVersion } from "~/modules/questions/store.server";
import { encodeGbk } from "../support/gbk";
import { ensureTier, makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect, openTestDb, type TestDb } from "../support/test-db";

const run = promisify(execFile);
const utf8 = (text: string) => new TextEncoder().encode(text);
const principal = (id: number): Principal => ({ id, grants: [{ role: "instructor", scopeOrgUnitId: null, scopePath: null }] });

const GIFT = `// 执法证题库节选
$CATEGORY: $course$/top/行政处罚法/简易程序

::q1:: 违法事实确凿并有法定依据，对公民处以多少元以下罚款的，可以当场作出行政处罚决定？ {
=200 元
~500 元
~1000 元
~3000 元
####行政处罚法第五十一条：对公民处二百元以下、对法人或者其他组织处三千元以下罚款。
}

::q2:: 当场作出的行政处罚决定书应当报所属行政机关备案。 {T}

::q3:: 下列属于简易程序要求的有 {
~%50%执法人员出示执法证件
~%50%填写预定格式、编有号码的行政处罚决定书
~%-100%事后补办立案审批
}

::q4:: 适用简易程序的罚款，当事人应在 {#15} 日内缴纳

::q5:: 违法事实确凿并有法定依据，对公民处以多少元以下罚款的，可以当场作出行政处罚决定？ {
=200 元
~1000 元
~500 元
~3000 元
}
`;

forEachDialect("question import: dry-run plan, one-transaction confirm, round trips, content banks, command line", (get) => {
  let author: { id: number };
  let bankId: number;
  const t = (): TestDb => get();
  const count = async (bank = bankId) => (await matchingQuestionIds(t().db, bank, { status: "all" })).length;

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    await ensureTier(db, "grid", "村社网格员");
    await ensureTier(db, "staff", "工作人员");
    const unit = await makeUnit(db, null, "city");
    author = await makePerson(db, unit.id, { roles: [{ role: "instructor" }] });
    bankId = await createBank(db, author.id, { bankKey: "import-test", title: "导入测试题库", description: "", category: "enforcement" });
  });

  async function plan(text: string | Uint8Array, fileName = "bank.gift.txt", createPoints = true) {
    const bytes = typeof text === "string" ? utf8(text) : text;
    const { format, encoding, parsed } = await parseQuestionFile(fileName, bytes);
    return planImport(t().db, bankId, parsed, format, encoding, { createPoints });
  }

  it("reports every error by line, the unsupported numerical question included, and duplicates within the file", async () => {
    const result = await plan(GIFT);
    expect(result.format).toBe("gift");
    expect(result.items).toHaveLength(4);
    expect(result.errors.map((e) => e.line)).toEqual([20]);
    expect(result.errors[0]!.message).toMatch(/数值/);
    expect(result.items[3]!.duplicateOf).toEqual({ at: { line: 4 } });
    expect(result.newPoints).toEqual(["行政处罚法/简易程序"]);
    expect(await count()).toBe(0);
  });

  it("refuses unknown knowledge points unless asked to create them", async () => {
    const result = await plan(GIFT, "bank.gift.txt", false);
    expect(result.items).toHaveLength(0);
    expect(result.errors.filter((e) => /知识点「行政处罚法\/简易程序」不在本题库/.test(e.message)).map((e) => e.line)).toEqual([4, 12, 14, 22]);
  });

  it("confirms in one transaction, once; duplicates skipped; a second confirm is refused", async () => {
    const { db } = t();
    const result = await plan(GIFT);
    const draftId = await saveImportDraft(db, principal(author.id), bankId, "bank.gift.txt", result);
    expect(draftId).not.toBeNull();
    const done = await confirmImportDraft(db, principal(author.id), bankId, draftId!, { status: "published", includeDuplicates: false });
    expect(done).toEqual({ created: 3, skippedDuplicates: 1, fileName: "bank.gift.txt" });
    expect(await count()).toBe(3);
    await expect(confirmImportDraft(db, principal(author.id), bankId, draftId!, { status: "published", includeDuplicates: false })).rejects.toBeInstanceOf(BankRuleError);
    expect(await count()).toBe(3);
    // The same file again: everything is now a duplicate of the bank.
    const again = await plan(GIFT);
    expect(again.items.map((i) => i.duplicateOf?.questionId !== undefined)).toEqual([true, true, true, true]);
  });

  it("is all-or-nothing: a failure on the last item rolls back every question and keeps the draft", async () => {
    const { db } = t();
    const text = ["::a:: 防汛四个责任人不包括 {=气象员 ~行政责任人 ~技术责任人}", "::b:: 台风红色预警信号表示 6 小时内可能受台风影响 {T}", "::c:: 第三题 {=甲 ~乙}"].join("\n\n");
    const result = await plan(text, "flood.gift");
    expect(result.items).toHaveLength(3);
    const draftId = (await saveImportDraft(db, principal(author.id), bankId, "flood.gift", result))!;
    // Tamper with the stored draft so the third question fails inside the transaction (a 5-level point).
    const draft = await db.selectFrom("import_drafts").select("payload").where("id", "=", draftId).executeTakeFirstOrThrow();
    const payload = JSON.parse(draft.payload);
    payload.items[2].content.knowledgePoint = "一/二/三/四/五";
    await db.updateTable("import_drafts").set({ payload: JSON.stringify(payload) }).where("id", "=", draftId).execute();
    const before = await count();
    await expect(confirmImportDraft(db, principal(author.id), bankId, draftId, { status: "published", includeDuplicates: false })).rejects.toThrow();
    expect(await count()).toBe(before);
    expect(await db.selectFrom("import_drafts").select("id").where("id", "=", draftId).executeTakeFirst()).toBeDefined();
    expect(await db.selectFrom("questions").select("id").where("search_text", "like", "%防汛四个责任人%").executeTakeFirst()).toBeUndefined();
  });

  it("reads a GBK Aiken file and reports Aiken's problems by line", async () => {
    const text = ["发生地震时，在室内应当", "A. 躲在坚固的桌子下", "B. 乘电梯逃生", "ANSWER: A", "", "没有答案行的题", "A. 甲", "B. 乙", ""].join("\r\n");
    const result = await plan(encodeGbk(text), "earthquake.txt");
    expect([result.format, result.encoding]).toEqual(["aiken", "gbk"]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.content.stem).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "发生地震时，在室内应当" }] }] });
    expect(result.errors.map((e) => e.line)).toEqual([6]);
  });

  it("export → import gives every question back unchanged, in Excel and in GIFT", async () => {
    const { db } = t();
    const source = await createBank(db, author.id, { bankKey: "round-trip", title: "往返测试", description: "", category: "hazard" });
    const target = await createBank(db, author.id, { bankKey: "round-trip-2", title: "往返测试二", description: "", category: "hazard" });
    const excel = await createBank(db, author.id, { bankKey: "round-trip-3", title: "往返测试三", description: "", category: "hazard" });
    const [bank] = readBanks(path.resolve("content")).filter((b) => b.key === "hazard-inspection");
    // Use the starter bank's questions: every type, with explanations, difficulty, tiers, points.
    const file: BankFile = { ...bank!, key: "round-trip-src", questions: bank!.questions.map((q) => ({ ...q, key: `rt-${q.key}` })) };
    for (const point of file.knowledgePoints) {
      await ensurePointPath(db, target, point);
      await ensurePointPath(db, excel, point);
    }
    await db.updateTable("question_banks").set({ bank_key: "round-trip-src" }).where("id", "=", source).execute();
    await importBankFile(db, file, { created: [], updated: [], unchanged: 0, keptEdited: [] });
    const ids = await matchingQuestionIds(db, source, {});
    expect(ids.length).toBe(file.questions.length);
    const exported = await loadForExport(db, source, ids);
    const contents = async (bank: number) =>
      Promise.all((await matchingQuestionIds(db, bank, {})).map(async (id) => (await getQuestion(db, bank, id))!.content));
    const original = await contents(source);

    const gift = await exportFile(exported, "gift", "往返");
    const giftPlan = await planImport(db, target, (await parseQuestionFile(gift.fileName, gift.body)).parsed, "gift", "utf-8");
    expect(giftPlan.errors).toEqual([]);
    await commitPlan(db, target, giftPlan, { status: "published", includeDuplicates: false, actorId: author.id });
    // GIFT has no difficulty, tiers, source or essay reference answers: compare what it can hold.
    const giftHolds = (c: (typeof original)[number]) => {
      const { difficulty: _d, tiers: _t, source: _s, ...rest } = c as Record<string, unknown>;
      if (c.type === "essay") return { ...rest, referenceAnswer: undefined, rubric: undefined };
      if (c.type === "multiple") return { ...rest, options: c.options.map((o) => ({ text: o.text, correct: o.correct })) };
      return rest;
    };
    const strip = (c: object) => JSON.parse(JSON.stringify(giftHolds(c as never)));
    const afterGift = await contents(target);
    expect(afterGift.map((c) => strip({ ...c, options: "options" in c ? c.options.map((o) => ({ text: o.text, correct: o.correct })) : undefined }))).toEqual(
      original.map((c) => strip({ ...c, options: "options" in c ? c.options.map((o) => ({ text: o.text, correct: o.correct })) : undefined })),
    );

    const xlsx = await exportFile(exported, "excel", "往返");
    const excelPlan = await planImport(db, excel, (await parseQuestionFile(xlsx.fileName, xlsx.body)).parsed, "excel", null);
    expect(excelPlan.errors).toEqual([]);
    await commitPlan(db, excel, excelPlan, { status: "published", includeDuplicates: false, actorId: author.id });
    // The Excel template holds everything these questions use.
    expect(await contents(excel)).toEqual(original);
  });

  it("imports content banks idempotently, versions file changes and keeps edits made in the app", async () => {
    const { db } = t();
    const file: BankFile = {
      key: "content-test",
      title: "内容导入测试",
      category: "flood",
      knowledgePoints: ["汛前准备"],
      questions: [
        { key: "ct-001", type: "truefalse", stem: "汛前应当检查排水设施。", answer: true, explanation: "汛前检查是防汛准备的基础工作。", difficulty: 1, knowledgePoint: "汛前准备", tiers: ["grid"] },
        { key: "ct-002", type: "fill", stem: "防汛物资应当____管理。", answer: [["专人", "专门"]], explanation: "防汛物资实行专人管理。", difficulty: 2, knowledgePoint: "汛前准备", tiers: ["grid"] },
      ],
    };
    const report = (): BankImportReport => ({ created: [], updated: [], unchanged: 0, keptEdited: [] });
    const first = report();
    await importBankFile(db, file, first);
    expect(first.created).toEqual(["题库 内容导入测试：2 道试题"]);
    const second = report();
    await importBankFile(db, file, second);
    expect(second).toEqual({ created: [], updated: [], unchanged: 2, keptEdited: [] });

    const bank = await db.selectFrom("question_banks").select("id").where("bank_key", "=", "content-test").executeTakeFirstOrThrow();
    const q1 = await db.selectFrom("questions").select(["id", "current_version"]).where("content_key", "=", "ct-001").executeTakeFirstOrThrow();
    const q2 = await db.selectFrom("questions").select(["id", "current_version"]).where("content_key", "=", "ct-002").executeTakeFirstOrThrow();
    const edited = (await getQuestion(db, bank.id, q2.id))!;
    await saveNewVersion(db, { questionId: q2.id, bankId: bank.id, baseVersion: 1, content: { ...edited.content, difficulty: 4 }, actorId: author.id });

    const changed: BankFile = { ...file, questions: file.questions.map((q) => ({ ...q, explanation: `${q.explanation}（修订）` })) };
    const third = report();
    await importBankFile(db, changed, third);
    expect(third).toEqual({ created: [], updated: ["题库 内容导入测试：1 道试题有新版本"], unchanged: 0, keptEdited: ["试题 ct-002"] });
    expect((await listVersions(db, q1.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await getQuestion(db, bank.id, q2.id))!.content.difficulty).toBe(4);
  });

});


// One engine is enough here: the command is a thin wrapper over the functions tested above on both.
describe("npm run questions:import (SQLite)", () => {
  let cliDb: Awaited<ReturnType<typeof openTestDb>> | undefined;
  let cliBank: number;
  beforeAll(async () => {
    cliDb = await openTestDb("sqlite");
    await ensureBuiltinCategories(cliDb.db);
    cliBank = await createBank(cliDb.db, null, { bankKey: "cli-test", title: "命令行测试", description: "", category: "enforcement" });
  });
  afterAll(async () => {
    await cliDb?.close();
  });

  it("the command line prints the report, writes nothing on a dry run or on errors, and exits non-zero on errors", async () => {
    const { db, url } = cliDb!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "questions-cli-"));
    const bad = path.join(dir, "bad.gift");
    const good = path.join(dir, "good.gift");
    fs.writeFileSync(bad, "::ok:: 命令行导入的第一题 {=甲 ~乙}\n\n::broken:: 缺少右括号 {=甲 ~乙\n");
    fs.writeFileSync(good, "::ok:: 命令行导入的第一题 {=甲 ~乙}\n\n::ok2:: 命令行导入的第二题 {T}\n");
    const cli = (...args: string[]) =>
      run("npx", ["tsx", "db/cli/questions-import.ts", ...args], { env: { ...process.env, DATABASE_URL: url } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const count = async () => (await matchingQuestionIds(db, cliBank, { status: "all" })).length;
    const before = await count();
    const failed = await cli(bad, "--bank", "cli-test");
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/第 3 行：/);
    expect(failed.out).toContain("有错误，未导入任何试题");
    const dry = await cli(good, "--bank", "cli-test", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("可导入：2 题");
    expect(await count()).toBe(before);
    const done = await cli(good, "--bank", "cli-test");
    expect(done.code).toBe(0);
    expect(done.out).toContain("已导入 2 题");
    expect(await count()).toBe(before + 2);
    expect((await cli(good, "--bank", "no-such-bank")).code).toBe(2);
    expect(await db.selectFrom("questions").select("id").where("search_text", "like", "%命令行导入的第二题%").executeTakeFirst()).toBeDefined();
  }, 120_000);
});

describe("starter banks in content/", () => {
  it("hold at least 300 questions, each with an explanation", () => {
    const banks = readBanks(path.resolve("content"));
    const questions = banks.flatMap((b) => b.questions);
    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(questions.every((q) => q.explanation.length >= 2)).toBe(true);
  });
});
