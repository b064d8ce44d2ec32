import { beforeAll, expect, it } from "vitest";
import { createCourse, ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { AttemptNotFound, saveAnswer, startAttempt, submitAttempt } from "~/modules/exams/attempts.server";
import type { Taker } from "~/modules/exams/eligibility.server";
import { createExam, setAccommodation, setAudience, setExamStatus, type ExamFields } from "~/modules/exams/exams.server";
import { myExam, myExams } from "~/modules/exams/my-exams.server";
import { autosave } from "~/modules/exams/autosave.server";
import type { SessionUser } from "~/modules/auth/session.server";
import type { Role } from "#db/schema";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import { insertQuestion } from "~/modules/questions/store.server";
import { makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0); // 2026-11-02 09:00 in Shanghai

forEachDialect("my exams: audience, phases, refusals, attempts and score visibility", (get) => {
  let author: { id: number };
  let paperId: number;
  let taker: Taker;
  let cadre: Taker;
  let courseId: number;

  async function exam(title: string, overrides: Partial<ExamFields> = {}, publish = true) {
    const { db } = get();
    const id = await createExam(db, author.id, {
      title,
      description: "说明",
      kind: "final",
      certificateType: null,
      certificateValidMonths: null,
      courseId: null,
      requiredCourseId: null,
      paperId,
      opensAt: T0,
      closesAt: T0 + 120 * MINUTE,
      durationMinutes: 30,
      maxAttempts: 1,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: false,
      shuffleOptions: false,
      scoreVisibility: "after_submit",
      reviewVisibility: "after_close",
      ...overrides,
    });
    if (publish) await setExamStatus(db, id, "published");
    return id;
  }

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city");
    const town = await makeUnit(db, city, "town", "转塘街道");
    const village = await makeUnit(db, town, "village", "某村");
    author = await makePerson(db, city.id, { roles: [{ role: "instructor" }] });
    const p = await makePerson(db, village.id);
    const c = await makePerson(db, city.id);
    taker = { id: p.id, tier: "grid", orgUnitId: village.id, orgPath: village.path };
    cadre = { id: c.id, tier: "cadre", orgUnitId: city.id, orgPath: city.path };
    const bankId = await createBank(db, author.id, { bankKey: `taking-${Date.now()}`, title: "题库", description: "", category: "enforcement" });
    const q = await insertQuestion(db, {
      bankId,
      content: { type: "single", stem: doc("火警电话是"), options: [{ text: "119", correct: true }, { text: "110", correct: false }], tiers: [] },
      status: "published",
      actorId: author.id,
    });
    paperId = await createPaper(db, author.id, { title: "卷", description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
    await setPaperQuestions(db, paperId, [{ questionId: q.id, scoreX100: 10000 }]);
    courseId = await createCourse(db, { title: "防汛防台", summary: "", category: "hazard", audienceTiers: ["grid"], status: "published", createdBy: null });

    const openGrid = await exam("网格员开放考试");
    await setAudience(db, openGrid, { tiers: ["grid"], unitIds: [], personIds: [] });
    const upcoming = await exam("下周考试", { opensAt: T0 + 7 * 24 * 60 * MINUTE, closesAt: T0 + 8 * 24 * 60 * MINUTE });
    await setAudience(db, upcoming, { tiers: [], unitIds: [town.id], personIds: [] });
    await exam("已结束考试", { opensAt: T0 - 300 * MINUTE, closesAt: T0 - 200 * MINUTE });
    const needsCourse = await exam("须先学课程", { requiredCourseId: courseId });
    await setAudience(db, needsCourse, { tiers: [], unitIds: [], personIds: [taker.id] });
    const cadresOnly = await exam("干部考试");
    await setAudience(db, cadresOnly, { tiers: ["cadre"], unitIds: [], personIds: [] });
    await exam("草稿考试", {}, false);
  });

  it("lists the published exams of my audience, open first, with why I cannot start", async () => {
    const { db } = get();
    const list = await myExams(db, taker, T0 + MINUTE);
    expect(list.map((e) => [e.title, e.phase])).toEqual([
      ["须先学课程", "open"],
      ["网格员开放考试", "open"],
      ["下周考试", "upcoming"],
      ["已结束考试", "closed"],
    ]);
    const byTitle = new Map(list.map((e) => [e.title, e]));
    expect(byTitle.get("网格员开放考试")!.refusal).toBeNull();
    expect(byTitle.get("下周考试")!.refusal).toMatch(/^考试尚未开始，开始时间：2026-11-09 09:00$/);
    expect(byTitle.get("已结束考试")!.refusal).toBe("考试已结束");
    expect(byTitle.get("须先学课程")!.refusal).toBe("须先学完课程《防汛防台》才能参加本考试");
    expect((await myExams(db, cadre, T0 + MINUTE)).map((e) => e.title).sort()).toEqual(["干部考试", "已结束考试"].sort());
  });

  it("shows my attempts, hides the score until the policy allows, and counts attempts left", async () => {
    const { db } = get();
    const examId = await exam("成绩考试结束后公布", { scoreVisibility: "after_close", maxAttempts: 1 });
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    let [mine] = await myExams(db, taker, T0 + 2 * MINUTE, examId);
    expect(mine).toMatchObject({ openAttemptId: attemptId, attemptsUsed: 1, attemptsAllowed: 1, refusal: "已用完 1 次考试机会" });
    expect(mine!.attempts).toEqual([expect.objectContaining({ id: attemptId, status: "open", scoreX100: null })]);
    await submitAttempt(db, { attemptId, personId: taker.id, now: T0 + 3 * MINUTE });
    [mine] = await myExams(db, taker, T0 + 4 * MINUTE, examId);
    expect(mine!.openAttemptId).toBeNull();
    expect(mine!.attempts[0]).toMatchObject({ status: "closed", finishedAt: T0 + 3 * MINUTE, scoreX100: null, passed: null });
    [mine] = await myExams(db, taker, T0 + 121 * MINUTE, examId);
    expect(mine!.attempts[0]).toMatchObject({ scoreX100: 0, maxX100: 10000, passed: false });
    // An extra attempt granted to me reopens the door while the window is open.
    await setAccommodation(db, examId, taker.id, { extraMinutes: 10, extraAttempts: 1, opensAt: null, closesAt: null, note: "" }, author.id);
    [mine] = await myExams(db, taker, T0 + 5 * MINUTE, examId);
    expect(mine).toMatchObject({ attemptsAllowed: 2, refusal: null, durationMinutes: 40 });
  });

  it("gives the intro of one exam of mine with the paper's size, and nothing for others' exams", async () => {
    const { db } = get();
    const examId = await exam("介绍页考试");
    expect(await myExam(db, taker, examId, T0 + MINUTE)).toMatchObject({ title: "介绍页考试", questionCount: 1, totalX100: 10000, passX100: 6000 });
    const cadresOnly = await exam("另一场干部考试");
    await setAudience(db, cadresOnly, { tiers: ["cadre"], unitIds: [], personIds: [] });
    expect(await myExam(db, taker, cadresOnly, T0 + MINUTE)).toBeNull();
    const draft = await exam("未发布", {}, false);
    expect(await myExam(db, taker, draft, T0 + MINUTE)).toBeNull();
  });

  it("autosave endpoint: login and password redirects, 404 for others and non-takers, 400 for a bad body, 409 once submitted", async () => {
    const { db } = get();
    const examId = await exam("自动保存接口");
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const as = (person: Taker, roles: Role[] = ["trainee"], mustChangePassword = false): SessionUser => ({
      ...person,
      sessionId: "s",
      name: "测试",
      employeeNo: "E1",
      post: "网格员",
      mustChangePassword,
      grants: roles.map((role) => ({ role, scopeOrgUnitId: null, scopePath: null })),
    });
    const save = (user: SessionUser | null, body: unknown, id = String(attemptId), now = T0 + 2 * MINUTE) =>
      autosave(db, { user, attemptId: id, body, requestPath: `/attempts/${id}/answers`, now });
    const ok = { position: 1, answer: null, seq: 3 };
    expect(await save(null, ok)).toEqual({ status: 302, location: `/login?redirectTo=${encodeURIComponent(`/attempts/${attemptId}/answers`)}` });
    expect(await save(as(taker, ["trainee"], true), ok)).toEqual({ status: 302, location: "/password" });
    expect(await save(as(taker), ok)).toEqual({ status: 200, body: { status: "saved", seq: 3, savedAt: T0 + 2 * MINUTE, remainingMs: 29 * MINUTE } });
    expect(await save(as(taker), { ...ok, seq: 2 })).toMatchObject({ status: 200, body: { status: "stale", seq: 3 } });
    for (const bad of [null, "x", { ...ok, seq: 0 }, { ...ok, position: "1" }, { answer: null, seq: 1 }]) expect((await save(as(taker), bad)).status).toBe(400);
    expect((await save(as(cadre), ok)).status).toBe(404);
    expect((await save(as(taker), ok, "abc")).status).toBe(404);
    expect((await save(as(taker), ok, "0")).status).toBe(404);
    expect((await save(as(taker, ["hr"]), ok)).status).toBe(404);
    expect((await save(as(taker), { ...ok, position: 999 })).status).toBe(404);
    await submitAttempt(db, { attemptId, personId: taker.id, now: T0 + 3 * MINUTE });
    expect(await save(as(taker), { ...ok, seq: 9 }, String(attemptId), T0 + 4 * MINUTE)).toEqual({ status: 409, body: { error: "本次考试已交卷" } });
  });

  it("answers a save with the attempt's deadline, for the taker only", async () => {
    const { db } = get();
    const examId = await exam("期限考试");
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const save = (personId: number) => saveAnswer(db, { attemptId, personId, position: 1, answer: null, seq: 1, now: T0 + 2 * MINUTE });
    expect(await save(taker.id)).toMatchObject({ status: "saved", seq: 1, deadlineAt: T0 + 31 * MINUTE });
    await expect(save(cadre.id)).rejects.toBeInstanceOf(AttemptNotFound);
  });
});
