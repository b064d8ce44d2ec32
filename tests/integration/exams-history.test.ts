import { beforeAll, expect, it } from "vitest";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/exams/attempts.server";
import type { Taker } from "~/modules/exams/eligibility.server";
import { createExam, setExamStatus, type ExamFields } from "~/modules/exams/exams.server";
import { examHistoryOf } from "~/modules/exams/history.server";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { recordMove } from "~/modules/people/history.server";
import { createBank } from "~/modules/questions/banks.server";
import { insertQuestion } from "~/modules/questions/store.server";
import { makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0);

forEachDialect("a person's exam history", (get) => {
  let paperId: number;
  let authorId: number;
  let stationA: { id: number; path: string; depth: number };
  let stationB: { id: number; path: string; depth: number };

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city");
    stationA = await makeUnit(db, city, "station", "转塘应消站");
    stationB = await makeUnit(db, city, "station", "留下应消站");
    authorId = (await makePerson(db, city.id, { roles: [{ role: "instructor" }] })).id;
    const bankId = await createBank(db, authorId, { bankKey: "history-test", title: "记录测试题库", description: "", category: "enforcement" });
    const q1 = await insertQuestion(db, { bankId, content: { type: "truefalse", stem: doc("119 是火警电话"), answer: true, tiers: [] }, status: "published", actorId: authorId });
    const q2 = await insertQuestion(db, { bankId, content: { type: "truefalse", stem: doc("110 是火警电话"), answer: false, tiers: [] }, status: "published", actorId: authorId });
    paperId = await createPaper(db, authorId, { title: "判断卷", description: "", mode: "fixed", multipleScoring: "all", fillScoring: "all" });
    await setPaperQuestions(db, paperId, [
      { questionId: q1.id, scoreX100: 5000 },
      { questionId: q2.id, scoreX100: 5000 },
    ]);
  });

  async function exam(overrides: Partial<ExamFields>) {
    const { db } = get();
    const id = await createExam(db, authorId, {
      title: "执法证考试",
      description: "",
      kind: "certificate",
      certificateType: "enforcement",
      certificateValidMonths: 36,
      courseId: null,
      requiredCourseId: null,
      paperId,
      opensAt: T0,
      closesAt: T0 + 600 * MINUTE,
      durationMinutes: 30,
      maxAttempts: 3,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: false,
      shuffleOptions: false,
      scoreVisibility: "after_submit",
      reviewVisibility: "never",
      ...overrides,
    });
    await setExamStatus(db, id, "published");
    return id;
  }

  async function sit(examId: number, taker: Taker, correct: number, at: number) {
    const { db } = get();
    const { attemptId } = await startAttempt(db, { examId, taker, now: at });
    const items = await db.selectFrom("attempt_items").select("position").where("attempt_id", "=", attemptId).orderBy("position").execute();
    // Position 1 is "true", position 2 is "false" (fixed order): answer `correct` of them right.
    const answers = [true, false].map((right, k) => (k < correct ? right : !right));
    for (const [k, item] of items.entries()) await saveAnswer(db, { attemptId, personId: taker.id, position: item.position, answer: { value: answers[k]! }, seq: k + 1, now: at + MINUTE });
    await submitAttempt(db, { attemptId, personId: taker.id, now: at + 2 * MINUTE });
    return attemptId;
  }

  it("counts the highest attempt, keeps the unit at the time, lists certificates, hides scores from the trainee when the policy says so", async () => {
    const { db } = get();
    const person = await makePerson(db, stationA.id);
    const taker: Taker = { id: person.id, tier: "grid", orgUnitId: stationA.id, orgPath: stationA.path };
    const certExam = await exam({ title: "执法证考试" });
    const hiddenExam = await exam({ title: "结业考试", kind: "final", certificateType: null, scoreVisibility: "after_close" });
    await sit(certExam, taker, 1, T0);
    await sit(certExam, taker, 2, T0 + 10 * MINUTE);
    // Moved to another station before the next exam: that exam remembers the new unit.
    await recordMove(db, person.id, stationB.id, T0 + 20 * MINUTE);
    await sit(hiddenExam, { ...taker, orgUnitId: stationB.id, orgPath: stationB.path }, 1, T0 + 30 * MINUTE);

    const staff = await examHistoryOf(db, person.id, { audience: "staff", now: T0 + 60 * MINUTE });
    const byTitle = new Map(staff.map((r) => [r.title, r]));
    expect(byTitle.get("执法证考试")).toMatchObject({ attempts: 2, scoreX100: 10000, passed: true, unitName: "转塘应消站", pendingGrading: false, scoreHidden: false });
    expect(byTitle.get("执法证考试")!.certificates).toEqual([expect.objectContaining({ typeLabel: "执法证", state: "valid", stateLabel: "有效" })]);
    expect(byTitle.get("结业考试")).toMatchObject({ attempts: 1, scoreX100: 5000, passed: false, unitName: "留下应消站", certificates: [] });

    const self = await examHistoryOf(db, person.id, { audience: "self", now: T0 + 60 * MINUTE });
    expect(self.find((r) => r.title === "结业考试")).toMatchObject({ scoreX100: null, passed: null, scoreHidden: true });
    expect(self.find((r) => r.title === "执法证考试")).toMatchObject({ scoreX100: 10000, passed: true });
    const afterClose = await examHistoryOf(db, person.id, { audience: "self", now: T0 + 601 * MINUTE });
    expect(afterClose.find((r) => r.title === "结业考试")).toMatchObject({ scoreX100: 5000, passed: false, scoreHidden: false });

    expect(await examHistoryOf(db, (await makePerson(db, stationA.id)).id, { audience: "staff" })).toEqual([]);
  });
});
