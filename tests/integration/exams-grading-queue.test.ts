import { beforeAll, expect, it } from "vitest";
import type { Principal } from "~/modules/auth/permissions";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/exams/attempts.server";
import { listCertificates, revokeCertificate } from "~/modules/exams/certificates-list.server";
import type { Taker } from "~/modules/exams/eligibility.server";
import { createExam, setExamStatus } from "~/modules/exams/exams.server";
import { gradeAnswer, gradingQueue, GradingRefusal, nextBlindAnswer } from "~/modules/exams/grading-queue.server";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { insertQuestion } from "~/modules/questions/store.server";
import { makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0);

forEachDialect("blind grading queue and the certificate list", (get) => {
  let examId: number;
  let essayIds: number[];
  let grader: Principal;
  let station: { id: number; path: string; depth: number };
  let otherTown: { id: number; path: string; depth: number };
  let city: { id: number; path: string; depth: number };

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    city = await makeUnit(db, null, "city");
    const town = await makeUnit(db, city, "town", "转塘街道");
    station = await makeUnit(db, town, "station", "转塘应消站");
    otherTown = await makeUnit(db, city, "town", "留下街道");
    const author = await makePerson(db, city.id, { roles: [{ role: "instructor" }] });
    grader = { id: author.id, grants: [{ role: "instructor", scopeOrgUnitId: null, scopePath: null }] } as Principal;
    const bankId = await createBank(db, author.id, { bankKey: "grading-test", title: "阅卷测试题库", description: "", category: "enforcement" });
    const questions: QuestionContent[] = [
      { type: "single", stem: doc("火警电话是"), options: [{ text: "119", correct: true }, { text: "110", correct: false }], tiers: [] },
      { type: "essay", stem: doc("简述灭火器的使用方法"), referenceAnswer: "提、拔、握、压", rubric: "每步 5 分", tiers: [] },
      { type: "essay", stem: doc("简述疏散的原则"), referenceAnswer: "先近后远", rubric: "要点齐全", tiers: [] },
    ];
    const ids: number[] = [];
    for (const content of questions) ids.push((await insertQuestion(db, { bankId, content, status: "published", actorId: author.id })).id);
    essayIds = ids.slice(1);
    const paper = await createPaper(db, author.id, { title: "含简答卷", description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
    await setPaperQuestions(db, paper, [
      { questionId: ids[0]!, scoreX100: 4000 },
      { questionId: ids[1]!, scoreX100: 3000 },
      { questionId: ids[2]!, scoreX100: 3000 },
    ]);
    examId = await createExam(db, author.id, {
      title: "执法证考试（阅卷）",
      description: "",
      kind: "certificate",
      certificateType: "enforcement",
      certificateValidMonths: 36,
      courseId: null,
      requiredCourseId: null,
      paperId: paper,
      opensAt: T0,
      closesAt: T0 + 120 * MINUTE,
      durationMinutes: 30,
      maxAttempts: 1,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: true,
      shuffleOptions: false,
      scoreVisibility: "after_submit",
      reviewVisibility: "never",
    });
    await setExamStatus(db, examId, "published");
  });

  async function sitExam(unit: { id: number; path: string }, name: string) {
    const { db } = get();
    const person = await makePerson(db, unit.id);
    await db.updateTable("persons").set({ name }).where("id", "=", person.id).execute();
    const taker: Taker = { id: person.id, tier: "grid", orgUnitId: unit.id, orgPath: unit.path };
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const items = await db.selectFrom("attempt_items").select(["position", "question_id"]).where("attempt_id", "=", attemptId).execute();
    let seq = 0;
    for (const item of items) {
      const answer = essayIds.includes(item.question_id) ? { text: `答案：第${item.question_id}题` } : { choice: 0 };
      await saveAnswer(db, { attemptId, personId: person.id, position: item.position, answer, seq: ++seq, now: T0 + 2 * MINUTE });
    }
    await submitAttempt(db, { attemptId, personId: person.id, now: T0 + 3 * MINUTE });
    return { personId: person.id, employeeNo: person.employeeNo, attemptId };
  }

  it("lists pending 简答 per exam and question; grading blind finalises the attempt and issues the certificate", async () => {
    const { db } = get();
    const holder = await sitExam(station, "王小明");
    const before = await db.selectFrom("attempts").select(["pending_count", "passed", "score_x100"]).where("id", "=", holder.attemptId).executeTakeFirstOrThrow();
    expect(before).toEqual({ pending_count: 2, passed: null, score_x100: 4000 });

    const queue = await gradingQueue(db);
    const exam = queue.find((e) => e.examId === examId)!;
    expect(exam.pending).toBe(2);
    expect(exam.questions.map((q) => [q.questionId, q.pending, q.label])).toEqual([
      [essayIds[0], 1, "简述灭火器的使用方法"],
      [essayIds[1], 1, "简述疏散的原则"],
    ]);

    const first = await nextBlindAnswer(db, examId, essayIds[0]!);
    expect(first.pending).toBe(1);
    expect(first.answer).toMatchObject({ text: `答案：第${essayIds[0]}题`, maxX100: 3000, question: { referenceAnswer: "提、拔、握、压", rubric: "每步 5 分" } });
    // Nothing in what the grader receives points back to the person or the attempt.
    const shown = JSON.stringify(first);
    expect(Object.keys(first.answer!).sort()).toEqual(["maxX100", "question", "text", "token"]);
    for (const secret of [holder.employeeNo, "王小明", "转塘", "attempt", "person"]) expect(shown).not.toContain(secret);

    await expect(gradeAnswer(db, { examId, questionId: essayIds[0]!, token: first.answer!.token, scoreX100: 3100, graderId: grader.id }, T0 + 10 * MINUTE)).rejects.toThrow("0 到 30");
    await expect(gradeAnswer(db, { examId, questionId: essayIds[0]!, token: first.answer!.token, scoreX100: 1025, graderId: grader.id }, T0 + 10 * MINUTE)).rejects.toBeInstanceOf(GradingRefusal);
    expect(await gradeAnswer(db, { examId, questionId: essayIds[0]!, token: first.answer!.token, scoreX100: 2500, graderId: grader.id }, T0 + 10 * MINUTE)).toEqual({ final: false });
    // Grading the same answer again is refused; the first mark stands.
    await expect(gradeAnswer(db, { examId, questionId: essayIds[0]!, token: first.answer!.token, scoreX100: 0, graderId: grader.id }, T0 + 11 * MINUTE)).rejects.toThrow("已评分");
    expect(await db.selectFrom("certificates").select("id").where("attempt_id", "=", holder.attemptId).execute()).toHaveLength(0);

    const second = await nextBlindAnswer(db, examId, essayIds[1]!);
    expect(await gradeAnswer(db, { examId, questionId: essayIds[1]!, token: second.answer!.token, scoreX100: 1500, graderId: grader.id }, T0 + 12 * MINUTE)).toEqual({ final: true });
    const after = await db.selectFrom("attempts").select(["pending_count", "passed", "score_x100"]).where("id", "=", holder.attemptId).executeTakeFirstOrThrow();
    expect(after).toEqual({ pending_count: 0, passed: 1, score_x100: 8000 });
    const marks = await db.selectFrom("attempt_answers").select(["score_x100", "graded_by", "outcome"]).where("attempt_id", "=", holder.attemptId).where("graded_by", "is not", null).execute();
    expect(marks.map((m) => [m.score_x100, m.graded_by, m.outcome]).sort()).toEqual([[1500, grader.id, "partial"], [2500, grader.id, "partial"]]);
    const certificates = await db.selectFrom("certificates").selectAll().where("attempt_id", "=", holder.attemptId).execute();
    expect(certificates).toHaveLength(1);
    expect(certificates[0]!.org_unit_id).toBe(station.id);
    expect((await gradingQueue(db)).find((e) => e.examId === examId)).toBeUndefined();
    expect(await nextBlindAnswer(db, examId, essayIds[0]!)).toEqual({ pending: 0, answer: null });
    const events = await db.selectFrom("attempt_score_events").select(["action", "actor_id"]).where("attempt_id", "=", holder.attemptId).orderBy("id").execute();
    expect(events.map((e) => e.action)).toEqual(["graded", "manual", "manual"]);
  });

  it("two graders marking the same answer at once: one mark, one refusal", async () => {
    const { db } = get();
    await sitExam(station, "李四");
    const next = await nextBlindAnswer(db, examId, essayIds[0]!);
    const results = await Promise.allSettled([
      gradeAnswer(db, { examId, questionId: essayIds[0]!, token: next.answer!.token, scoreX100: 1000, graderId: grader.id }, T0 + 20 * MINUTE),
      gradeAnswer(db, { examId, questionId: essayIds[0]!, token: next.answer!.token, scoreX100: 2000, graderId: grader.id }, T0 + 20 * MINUTE),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("lists certificates within the viewer's scope with filters; HR revokes with a reason, a manager may not", async () => {
    const { db } = get();
    const outside = await sitExam(otherTown, "赵六");
    for (const questionId of essayIds) {
      for (;;) {
        const next = await nextBlindAnswer(db, examId, questionId);
        if (!next.answer) break;
        await gradeAnswer(db, { examId, questionId, token: next.answer.token, scoreX100: 3000, graderId: grader.id }, T0 + 30 * MINUTE);
      }
    }
    const townPath = station.path.split("/").slice(0, -2).join("/") + "/";
    const manager: Principal = { id: 0, grants: [{ role: "manager", scopeOrgUnitId: null, scopePath: townPath }] } as Principal;
    const hr: Principal = { id: 0, grants: [{ role: "hr", scopeOrgUnitId: null, scopePath: null }] } as Principal;
    const now = T0 + 60 * MINUTE;
    const all = { expiring: false, q: undefined };
    const managerView = await listCertificates(db, manager, all, 1, now);
    expect(managerView.items.map((c) => c.holderName).sort()).toEqual(["李四", "王小明"]);
    const hrView = await listCertificates(db, hr, all, 1, now);
    expect(hrView.total).toBe(3);
    expect((await listCertificates(db, hr, { ...all, q: "赵" }, 1, now)).items.map((c) => c.holderName)).toEqual(["赵六"]);
    expect((await listCertificates(db, hr, { ...all, q: outside.employeeNo }, 1, now)).total).toBe(1);
    expect((await listCertificates(db, hr, { ...all, state: "valid", type: "enforcement" }, 1, now)).total).toBe(3);
    expect((await listCertificates(db, hr, { ...all, type: "auxiliary" }, 1, now)).total).toBe(0);
    // 36 months later they are expired; 90 days before that, expiring.
    expect((await listCertificates(db, hr, { ...all, state: "expired" }, 1, Date.UTC(2029, 10, 3))).total).toBe(3);
    expect((await listCertificates(db, hr, { ...all, expiring: true }, 1, Date.UTC(2029, 8, 1))).total).toBe(3);
    expect((await listCertificates(db, hr, { ...all, expiring: true }, 1, now)).total).toBe(0);

    const target = hrView.items.find((c) => c.holderName === "赵六")!;
    await expect(revokeCertificate(db, manager, { id: target.id, reason: "违规" }, now)).rejects.toThrow("只有管理员或人事");
    await revokeCertificate(db, hr, { id: target.id, reason: "考试作弊" }, now);
    await expect(revokeCertificate(db, hr, { id: target.id, reason: "再次" }, now)).rejects.toThrow("已吊销");
    const revoked = await listCertificates(db, hr, { ...all, state: "revoked" }, 1, now);
    expect(revoked.items.map((c) => [c.holderName, c.state, c.revokeReason])).toEqual([["赵六", "revoked", "考试作弊"]]);
    expect(city.id).toBeGreaterThan(0);
  });
});
