import { beforeAll, expect, it } from "vitest";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import type { DrawRule } from "~/modules/exams/drawing";
import { preparedDraw } from "~/modules/exams/paper-pool.server";
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

  const questionIds = async () => (await preparedDraw(get().db, rules)).canonical.map((c) => c.questionId);

  it("reuses the prepared pool while nothing changed", async () => {
    const { db } = get();
    const first = await preparedDraw(db, rules);
    expect(first.canonical.map((c) => c.questionId)).toEqual(ids);
    expect(await preparedDraw(db, rules)).toBe(first);
  });

  it("sees a newly published question, a retired one, a new tag and a new version", async () => {
    const { db } = get();
    const added = (await insertQuestion(db, { bankId, content: single("四"), status: "published", actorId: authorId }, LONG_AGO)).id;
    expect(await questionIds()).toEqual([...ids, added]);

    await setQuestionStatus(db, { bankId, questionIds: [ids[0]!], status: "retired", actorId: authorId }, LONG_AGO);
    expect(await questionIds()).toEqual([ids[1], ids[2], added]);

    expect((await preparedDraw(db, rules)).matches[1]).toEqual([]);
    await tagQuestions(db, { bankId, questionIds: [ids[2]!], tag: "危化品", actorId: authorId }, LONG_AGO + 1);
    const tagged = await preparedDraw(db, rules);
    expect(tagged.matches[1]!.map((i) => tagged.canonical[i]!.questionId)).toEqual([ids[2]]);

    const before = tagged.canonical.find((c) => c.questionId === ids[1])!.versionId;
    await saveNewVersion(db, { questionId: ids[1]!, bankId, baseVersion: 1, content: single("二（修订）"), actorId: authorId }, LONG_AGO + 2);
    const after = (await preparedDraw(db, rules)).canonical.find((c) => c.questionId === ids[1])!.versionId;
    expect(after).toBeGreaterThan(before);
  });
});
