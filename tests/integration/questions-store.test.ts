import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "~/modules/auth/permissions";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { bankForViewer, createBank, listBanks, removeMember, setMemberByEmployeeNo } from "~/modules/questions/banks.server";
import { duplicateKey, type QuestionContent } from "~/modules/questions/content";
import { BankInputError, BankRuleError } from "~/modules/questions/errors";
import { questionHistory } from "~/modules/questions/history.server";
import { deletePoint, listPoints } from "~/modules/questions/knowledge-points.server";
import { getQuestion, getVersion, getVersionById, listVersions } from "~/modules/questions/read.server";
import { findDuplicates, matchingQuestionIds, searchQuestions } from "~/modules/questions/search.server";
import { insertQuestion, moveQuestions, saveNewVersion, setQuestionStatus, StaleVersionError, tagQuestions } from "~/modules/questions/store.server";
import { ensureTier, makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect, type TestDb } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

function single(stem: string, options: string[], answer: number, extra: Partial<QuestionContent> = {}): QuestionContent {
  return { type: "single", stem: doc(stem), options: options.map((text, i) => ({ text, correct: i === answer })), tiers: [], ...extra } as QuestionContent;
}

const principal = (id: number, role: "instructor" | "admin" | "trainee" = "instructor"): Principal => ({ id, grants: [{ role, scopeOrgUnitId: null, scopePath: null }] });

forEachDialect("question banks: versions, status, move, tags, search, duplicates, members", (get) => {
  let author: { id: number; employeeNo: string };
  let colleague: { id: number; employeeNo: string };
  let trainee: { id: number; employeeNo: string };
  let bankId: number;
  let otherBankId: number;

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    await ensureTier(db, "grid", "村社网格员");
    await ensureTier(db, "staff", "工作人员");
    const unit = await makeUnit(db, null, "city");
    author = await makePerson(db, unit.id, { roles: [{ role: "instructor" }] });
    colleague = await makePerson(db, unit.id, { roles: [{ role: "instructor" }] });
    trainee = await makePerson(db, unit.id);
    bankId = await createBank(db, author.id, { bankKey: "law-test", title: "执法证测试题库", description: "", category: "enforcement" });
    otherBankId = await createBank(db, colleague.id, { bankKey: "flood-test", title: "防汛测试题库", description: "", category: "flood" });
  });

  const t = (): TestDb => get();

  describe("banks and members", () => {
    it("makes the creator owner, refuses a taken key, and grants access by membership", async () => {
      await expect(createBank(t().db, author.id, { bankKey: "law-test", title: "重复", description: "", category: "enforcement" })).rejects.toBeInstanceOf(BankInputError);
      const mine = await bankForViewer(t().db, principal(author.id), bankId);
      expect(mine?.access).toBe("manage");
      expect(mine?.members.map((m) => [m.personId, m.role])).toEqual([[author.id, "owner"]]);
      expect((await bankForViewer(t().db, principal(colleague.id), bankId))?.access).toBe("read");
      expect(await bankForViewer(t().db, principal(trainee.id, "trainee"), bankId)).toBeNull();
      expect((await bankForViewer(t().db, principal(trainee.id, "admin"), bankId))?.access).toBe("manage");
      const listed = await listBanks(t().db, principal(colleague.id));
      expect(listed.find((b) => b.id === otherBankId)?.access).toBe("manage");
    });

    it("adds an editor by employee number, refuses non-instructors and keeps the last owner", async () => {
      await setMemberByEmployeeNo(t().db, bankId, colleague.employeeNo, "editor");
      expect((await bankForViewer(t().db, principal(colleague.id), bankId))?.access).toBe("edit");
      await expect(setMemberByEmployeeNo(t().db, bankId, trainee.employeeNo, "editor")).rejects.toBeInstanceOf(BankInputError);
      await expect(setMemberByEmployeeNo(t().db, bankId, "NOPE", "editor")).rejects.toBeInstanceOf(BankInputError);
      await expect(removeMember(t().db, bankId, author.id)).rejects.toBeInstanceOf(BankRuleError);
      await expect(setMemberByEmployeeNo(t().db, bankId, author.employeeNo, "editor")).rejects.toBeInstanceOf(BankRuleError);
      await removeMember(t().db, bankId, colleague.id);
      expect((await bankForViewer(t().db, principal(colleague.id), bankId))?.access).toBe("read");
    });
  });

  describe("versions", () => {
    it("an edit adds version 2; version 1, which an attempt may have frozen, never changes", async () => {
      const { db } = t();
      const original = single("行政处罚的种类不包括哪一项？", ["警告", "罚款", "责令改正", "行政拘留"], 2, { knowledgePoint: "行政处罚法/种类与设定", difficulty: 2 });
      const { id, versionId } = await insertQuestion(db, { bankId, content: original, status: "published", actorId: author.id });
      const frozen = await db.selectFrom("question_versions").selectAll().where("id", "=", versionId).executeTakeFirstOrThrow();

      const edited = single("下列哪一项不属于行政处罚？", ["警告", "罚款", "责令改正", "行政拘留"], 2, { knowledgePoint: "行政处罚法/种类与设定", difficulty: 3 });
      const saved = await saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content: edited, actorId: author.id });
      expect(saved).toEqual({ version: 2, changed: ["题干", "难度"] });

      expect(await db.selectFrom("question_versions").selectAll().where("id", "=", versionId).executeTakeFirstOrThrow()).toEqual(frozen);
      expect((await getVersionById(db, versionId))?.content).toEqual(original);
      expect((await getVersion(db, id, 1))?.content).toEqual(original);
      const current = await getQuestion(db, bankId, id);
      expect(current?.currentVersion).toBe(2);
      expect(current?.content).toEqual(edited);
      expect((await listVersions(db, id)).map((v) => v.version)).toEqual([2, 1]);
      // Searchable copies follow the current version.
      const row = await db.selectFrom("questions").select(["difficulty", "search_text"]).where("id", "=", id).executeTakeFirstOrThrow();
      expect(row.difficulty).toBe(3);
      expect(row.search_text).toContain("下列哪一项不属于行政处罚");
    });

    it("saving unchanged content makes no version; a stale base version is refused", async () => {
      const { db } = t();
      const content = single("安全生产法规定生产经营单位的主要负责人是本单位安全生产第一责任人。下列说法正确的是？", ["对其全面负责", "只负责培训"], 0);
      const { id } = await insertQuestion(db, { bankId, content, status: "draft", actorId: author.id });
      expect(await saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content, actorId: author.id })).toEqual({ version: 1, changed: [] });
      await saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content: { ...content, difficulty: 4 }, actorId: author.id });
      const stale = saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content: { ...content, difficulty: 5 }, actorId: colleague.id });
      await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
      expect((await getQuestion(db, bankId, id))?.content.difficulty).toBe(4);
      expect((await listVersions(db, id)).length).toBe(2);
    });

    it("two editors saving from the same version at once: one new version, the other refused", async () => {
      const { db } = t();
      const content = single("两人同时修改的题目", ["甲", "乙"], 0);
      const { id } = await insertQuestion(db, { bankId, content, status: "published", actorId: author.id });
      const results = await Promise.allSettled([
        saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content: { ...content, difficulty: 1 }, actorId: author.id }),
        saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content: { ...content, difficulty: 2 }, actorId: colleague.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(BankRuleError);
      expect((await listVersions(db, id)).map((v) => v.version)).toEqual([2, 1]);
    });

    it("a question in another bank is not found through this bank", async () => {
      const { db } = t();
      const { id } = await insertQuestion(db, { bankId: otherBankId, content: single("别的题库的题", ["甲", "乙"], 0), status: "draft", actorId: colleague.id });
      expect(await getQuestion(db, bankId, id)).toBeNull();
      await expect(saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content: single("改", ["甲", "乙"], 1), actorId: author.id })).rejects.toBeInstanceOf(BankRuleError);
      expect((await listVersions(db, id)).length).toBe(1);
    });
  });

  describe("status, history, move and tags", () => {
    it("publishes, retires and restores; retired questions cannot be edited; history tells who did what", async () => {
      const { db } = t();
      const { id } = await insertQuestion(db, { bankId, content: single("状态变化的题", ["甲", "乙"], 0), status: "draft", actorId: author.id });
      expect(await setQuestionStatus(db, { bankId, questionIds: [id], status: "published", actorId: author.id })).toBe(1);
      expect(await setQuestionStatus(db, { bankId, questionIds: [id], status: "published", actorId: author.id })).toBe(0);
      expect(await setQuestionStatus(db, { bankId, questionIds: [id], status: "retired", actorId: colleague.id })).toBe(1);
      await expect(saveNewVersion(db, { questionId: id, bankId, baseVersion: 1, content: single("改", ["甲", "乙"], 1), actorId: author.id })).rejects.toThrow("已停用");
      expect(await setQuestionStatus(db, { bankId: otherBankId, questionIds: [id], status: "published", actorId: author.id })).toBe(0);
      expect(await setQuestionStatus(db, { bankId, questionIds: [id], status: "published", actorId: author.id })).toBe(1);
      const history = await questionHistory(db, id);
      expect(history.map((h) => h.label)).toEqual(["新建", "发布", "停用", "恢复"]);
      expect(history[2]!.actorName).toBe("测试人员");
    });

    it("knowledge points are created by path; moving re-creates the path in the target bank and keeps versions", async () => {
      const { db } = t();
      const content = single("移动的题", ["甲", "乙"], 0, { knowledgePoint: "消防法/消防安全职责" });
      const { id, versionId } = await insertQuestion(db, { bankId, content, status: "published", actorId: author.id });
      const points = await listPoints(db, bankId);
      expect(points.filter((p) => p.path.startsWith("消防法")).map((p) => [p.path, p.depth])).toEqual([
        ["消防法", 0],
        ["消防法/消防安全职责", 1],
      ]);
      const leaf = points.find((p) => p.path === "消防法/消防安全职责")!;
      await expect(deletePoint(db, bankId, leaf.id)).rejects.toThrow("还有试题");
      expect(await moveQuestions(db, { fromBankId: bankId, toBankId: otherBankId, questionIds: [id], actorId: author.id, toBankTitle: "防汛测试题库" })).toBe(1);
      expect(await getQuestion(db, bankId, id)).toBeNull();
      const moved = await getQuestion(db, otherBankId, id);
      expect(moved?.content).toEqual(content);
      expect((await listPoints(db, otherBankId)).some((p) => p.path === "消防法/消防安全职责")).toBe(true);
      expect((await getVersionById(db, versionId))?.questionId).toBe(id);
      await deletePoint(db, bankId, leaf.id);
      expect((await listPoints(db, bankId)).some((p) => p.id === leaf.id)).toBe(false);
      expect((await questionHistory(db, id)).at(-1)?.detail).toBe("移至题库「防汛测试题库」");
    });

    it("adds and removes a tag only where needed", async () => {
      const { db } = t();
      const a = await insertQuestion(db, { bankId, content: single("标签题一", ["甲", "乙"], 0), status: "published", actorId: author.id, tags: ["2026 复训"] });
      const b = await insertQuestion(db, { bankId, content: single("标签题二", ["甲", "乙"], 0), status: "published", actorId: author.id });
      expect(await tagQuestions(db, { bankId, questionIds: [a.id, b.id], tag: " 2026 复训 ", actorId: author.id })).toBe(1);
      expect((await getQuestion(db, bankId, b.id))?.tags).toEqual(["2026 复训"]);
      const tagged = await searchQuestions(db, bankId, { tag: "2026 复训" }, 1);
      expect(tagged.rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(await tagQuestions(db, { bankId, questionIds: [a.id, b.id], tag: "2026 复训", remove: true, actorId: author.id })).toBe(2);
      expect((await searchQuestions(db, bankId, { tag: "2026 复训" }, 1)).total).toBe(0);
    });
  });

  describe("search", () => {
    let searchBank: number;
    beforeAll(async () => {
      const { db } = t();
      searchBank = await createBank(db, author.id, { bankKey: "search-test", title: "检索测试", description: "", category: "hazard" });
      const make = (stem: string, extra: Partial<QuestionContent>, status: "draft" | "published" = "published") =>
        insertQuestion(db, { bankId: searchBank, content: { ...single(stem, ["甲", "乙"], 0), ...extra } as QuestionContent, status, actorId: author.id });
      await make("燃气泄漏时应当先关阀门", { difficulty: 1, tiers: ["grid"], knowledgePoint: "燃气安全/居民用气" });
      await make("消防通道堵塞属于重大隐患吗", { difficulty: 3, tiers: ["grid", "staff"], knowledgePoint: "燃气安全" });
      await make("100% 的隐患都要闭环_整改", { difficulty: 5, tiers: ["staff"] });
      const retired = await make("已经停用的旧题", { difficulty: 1 });
      await setQuestionStatus(db, { bankId: searchBank, questionIds: [retired.id], status: "retired", actorId: author.id });
      await insertQuestion(db, { bankId: searchBank, content: { type: "truefalse", stem: doc("判断：电动自行车可以在楼道充电"), answer: false, tiers: [] }, status: "draft", actorId: author.id });
    });

    const stems = async (filters: Parameters<typeof searchQuestions>[2]) => (await searchQuestions(t().db, searchBank, filters, 1)).rows.map((r) => r.excerpt).sort();

    it("hides retired questions unless asked, and filters by status", async () => {
      expect((await searchQuestions(t().db, searchBank, {}, 1)).total).toBe(4);
      expect(await stems({ status: "retired" })).toEqual(["已经停用的旧题"]);
      expect((await searchQuestions(t().db, searchBank, { status: "all" }, 1)).total).toBe(5);
      expect(await stems({ status: "draft" })).toEqual(["判断：电动自行车可以在楼道充电"]);
    });

    it("filters by type, difficulty, tier and knowledge point with its sub-points", async () => {
      expect(await stems({ type: "truefalse" })).toEqual(["判断：电动自行车可以在楼道充电"]);
      expect(await stems({ difficulty: 3 })).toEqual(["消防通道堵塞属于重大隐患吗"]);
      expect(await stems({ tier: "staff" })).toEqual(["100% 的隐患都要闭环_整改", "消防通道堵塞属于重大隐患吗"]);
      const root = (await listPoints(t().db, searchBank)).find((p) => p.path === "燃气安全")!;
      expect(await stems({ point: root.id })).toEqual(["消防通道堵塞属于重大隐患吗", "燃气泄漏时应当先关阀门"]);
    });

    it("text search matches options too and treats % and _ literally", async () => {
      expect(await stems({ q: "阀门" })).toEqual(["燃气泄漏时应当先关阀门"]);
      expect(await stems({ q: "100%" })).toEqual(["100% 的隐患都要闭环_整改"]);
      expect(await stems({ q: "闭环_" })).toEqual(["100% 的隐患都要闭环_整改"]);
      expect(await stems({ q: "环%整" })).toEqual([]);
      expect((await matchingQuestionIds(t().db, searchBank, { q: "隐患" })).length).toBe(2);
    });

    it("pages", async () => {
      const page1 = await searchQuestions(t().db, searchBank, { status: "all" }, 1, 2);
      const page3 = await searchQuestions(t().db, searchBank, { status: "all" }, 3, 2);
      expect([page1.total, page1.pages, page1.rows.length, page3.rows.length]).toEqual([5, 3, 2, 1]);
    });
  });

  describe("duplicates", () => {
    it("finds the same question written with other widths, spaces, punctuation and option order, in the same bank only", async () => {
      const { db } = t();
      const original = single("发现火灾应当拨打哪个电话？", ["119", "110", "120"], 0);
      const { id } = await insertQuestion(db, { bankId, content: original, status: "published", actorId: author.id });
      const variant = single(" 发现火灾，应当拨打哪个电话?  ", ["１２０", "119 ", "110"], 1);
      expect(duplicateKey(variant)).toBe(duplicateKey(original));
      const found = await findDuplicates(db, bankId, [duplicateKey(variant)]);
      expect(found.get(duplicateKey(variant))?.map((d) => d.id)).toEqual([id]);
      expect((await findDuplicates(db, bankId, [duplicateKey(variant)], id)).size).toBe(0);
      expect((await findDuplicates(db, otherBankId, [duplicateKey(variant)])).size).toBe(0);
      expect(duplicateKey(single("发现火灾应当拨打哪个电话？", ["119", "110", "122"], 0))).not.toBe(duplicateKey(original));
    });
  });
});
