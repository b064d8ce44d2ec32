import { beforeAll, expect, it } from "vitest";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import type { DrawRule } from "~/modules/exams/drawing";
import { createPaper, setPaperQuestions, setPaperRules } from "~/modules/exams/papers.server";
import { drawRules, paperForDrawing, POOL_RECHECK_MS, preparedDraw } from "~/modules/exams/paper-pool.server";
import { ensurePointPath, pointSubtreeIds } from "~/modules/questions/knowledge-points.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { insertQuestion, saveNewVersion, setQuestionStatus, tagQuestions } from "~/modules/questions/store.server";
import { makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const single = (text: string): QuestionContent => ({ type: "single", stem: doc(text), options: [{ text: "对", correct: true }, { text: "错", correct: false }], tiers: [] });
// Every change below is stamped with an OLDER time than the questions' creation, as an import of
// old data or a skewed clock would: the cache must notice it anyway.
const LONG_AGO = Date.UTC(2020, 0, 1);

forEachDialect("the cached drawing pool follows every change to its banks", (get) => {
  let bankId: number;
  let authorId: number;
  const ids: number[] = [];
  let rules: DrawRule[];

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city");
    authorId = (await makePerson(db, city.id, { roles: [{ role: "instructor" }] })).id;
    bankId = await createBank(db, authorId, { bankKey: "pool-cache", title: "组卷缓存题库", description: "", category: "enforcement" });
    for (const text of ["一", "二", "三"]) ids.push((await insertQuestion(db, { bankId, content: single(text), status: "published", actorId: authorId })).id);
    rules = [
      { bankIds: [bankId], type: "single", count: 1, scoreX100: 100 },
      { bankIds: [bankId], type: "single", tag: "危化品", count: 1, scoreX100: 100 },
    ];
  });

  // Checked against the database on every call here; the recheck interval has its own test below.
  const fresh = { recheckMs: 0 };
  const questionIds = async () => (await preparedDraw(get().db, rules, fresh)).canonical.map((c) => c.questionId);

  it("reuses the prepared pool while nothing changed", async () => {
    const { db } = get();
    const first = await preparedDraw(db, rules, fresh);
    expect(first.canonical.map((c) => c.questionId)).toEqual(ids);
    expect(await preparedDraw(db, rules, fresh)).toBe(first);
  });

  it("sees a newly published question, a retired one, a new tag and a new version", async () => {
    const { db } = get();
    const added = (await insertQuestion(db, { bankId, content: single("四"), status: "published", actorId: authorId }, LONG_AGO)).id;
    expect(await questionIds()).toEqual([...ids, added]);

    await setQuestionStatus(db, { bankId, questionIds: [ids[0]!], status: "retired", actorId: authorId }, LONG_AGO);
    expect(await questionIds()).toEqual([ids[1], ids[2], added]);

    expect((await preparedDraw(db, rules, fresh)).matches[1]).toEqual([]);
    await tagQuestions(db, { bankId, questionIds: [ids[2]!], tag: "危化品", actorId: authorId }, LONG_AGO + 1);
    const tagged = await preparedDraw(db, rules, fresh);
    expect(tagged.matches[1]!.map((i) => tagged.canonical[i]!.questionId)).toEqual([ids[2]]);

    const before = tagged.canonical.find((c) => c.questionId === ids[1])!.versionId;
    await saveNewVersion(db, { questionId: ids[1]!, bankId, baseVersion: 1, content: single("二（修订）"), actorId: authorId }, LONG_AGO + 2);
    const after = (await preparedDraw(db, rules, fresh)).canonical.find((c) => c.questionId === ids[1])!.versionId;
    expect(after).toBeGreaterThan(before);
  });

  it("draws from the checked pool for up to POOL_RECHECK_MS after a change, then from the changed one", async () => {
    const { db } = get();
    const t = Date.UTC(2026, 10, 30, 8);
    const before = await preparedDraw(db, rules, { now: t, recheckMs: 0 });
    const added = (await insertQuestion(db, { bankId, content: single("五"), status: "published", actorId: authorId }, LONG_AGO)).id;
    expect(await preparedDraw(db, rules, { now: t + POOL_RECHECK_MS - 1 })).toBe(before);
    const after = await preparedDraw(db, rules, { now: t + POOL_RECHECK_MS });
    expect(after.canonical.map((c) => c.questionId)).toContain(added);
    expect(before.canonical.map((c) => c.questionId)).not.toContain(added);
    // A clock that went backwards does not keep an old pool.
    await setQuestionStatus(db, { bankId, questionIds: [added], status: "retired", actorId: authorId }, LONG_AGO + 3);
    expect((await preparedDraw(db, rules, { now: t - 5 })).canonical.map((c) => c.questionId)).not.toContain(added);
  });

  it("answers a spike of starts at a due pool with one check: every start gets the same prepared pool", async () => {
    const { db } = get();
    await insertQuestion(db, { bankId, content: single("六"), status: "published", actorId: authorId }, LONG_AGO);
    const spike = await Promise.all(Array.from({ length: 20 }, () => preparedDraw(db, rules, fresh)));
    for (const prepared of spike) expect(prepared).toBe(spike[0]);
  });

  it("reads a paper with its rules in one query, as the separate reads would", async () => {
    const { db } = get();
    const drawn = await createPaper(db, authorId, { title: "抽题卷", description: "", mode: "drawn", multipleScoring: "partial", fillScoring: "per_blank" });
    const point = await ensurePointPath(db, bankId, "消防法/火灾预防");
    await ensurePointPath(db, bankId, "消防法/火灾预防/消防设施");
    await setPaperRules(db, drawn, [
      { bankId, knowledgePointId: null, tag: null, type: "single", difficulty: 2, count: 1, scoreX100: 200 },
      { bankId, knowledgePointId: point, tag: "危化品", type: "single", difficulty: null, count: 1, scoreX100: 150 },
    ]);
    const read = await paperForDrawing(db, drawn);
    expect(read?.paper).toEqual({ id: drawn, mode: "drawn", multipleScoring: "partial", fillScoring: "per_blank" });
    expect(read?.rules).toEqual(await drawRules(db, drawn));
    expect(read?.rules[1]).toMatchObject({ tag: "危化品", pointIds: await pointSubtreeIds(db, bankId, point) });
    expect(read?.rules[1]?.pointIds).toHaveLength(2);
    expect(read?.rules[0]).toMatchObject({ difficulty: 2, count: 1, scoreX100: 200 });

    const fixed = await createPaper(db, authorId, { title: "固定卷", description: "", mode: "fixed", multipleScoring: "all", fillScoring: "all" });
    await setPaperQuestions(db, fixed, [{ questionId: ids[1]!, scoreX100: 100 }]);
    expect(await paperForDrawing(db, fixed)).toEqual({ paper: { id: fixed, mode: "fixed", multipleScoring: "all", fillScoring: "all" }, rules: [] });
    expect(await paperForDrawing(db, fixed + 1000)).toBeNull();
  });
});
