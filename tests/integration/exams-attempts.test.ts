import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { AttemptNotFound, ExamRefusal, saveAnswer, startAttempt, submitAttempt, sweepOverdueAttempts } from "~/modules/exams/attempts.server";
import { writeAnswer } from "~/modules/exams/answer-writes.server";
import { verifyCertificate } from "~/modules/exams/certificates.server";
import type { Taker } from "~/modules/exams/eligibility.server";
import { createExam, setAccommodation, setAudience, setExamStatus, type ExamFields } from "~/modules/exams/exams.server";
import { regradeQuestion } from "~/modules/exams/regrade.server";
import { createPaper, previewPaper, setPaperQuestions, setPaperRules } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { getQuestion } from "~/modules/questions/read.server";
import { insertQuestion, saveNewVersion } from "~/modules/questions/store.server";
import { makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect, type TestDb } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0); // 2026-11-02 09:00 in Shanghai

forEachDialect("exam attempts: freezing, autosave order, deadlines, exactly-once close, sweep, regrade, certificates", (get) => {
  const t = (): TestDb => get();
  let bankId: number;
  let author: { id: number };
  let taker: Taker;
  let other: Taker;
  const qids: number[] = [];

  async function examWith(overrides: Partial<ExamFields> = {}, paperId?: number) {
    const { db } = t();
    let paper = paperId;
    if (!paper) {
      paper = await createPaper(db, author.id, { title: "固定卷", description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
      await setPaperQuestions(db, paper, qids.map((questionId) => ({ questionId, scoreX100: 2500 })));
    }
    const id = await createExam(db, author.id, {
      title: "执法证考试（测试）",
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
      maxAttempts: 2,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: true,
      shuffleOptions: true,
      scoreVisibility: "after_submit",
      reviewVisibility: "after_close",
      ...overrides,
    });
    await setExamStatus(db, id, "published");
    return id;
  }

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city");
    const station = await makeUnit(db, city, "station", "转塘应消站");
    author = await makePerson(db, city.id, { roles: [{ role: "instructor" }] });
    const p = await makePerson(db, station.id);
    const q = await makePerson(db, station.id);
    taker = { id: p.id, tier: "grid", orgUnitId: station.id, orgPath: station.path };
    other = { id: q.id, tier: "grid", orgUnitId: station.id, orgPath: station.path };
    bankId = await createBank(db, author.id, { bankKey: "exam-test", title: "考试测试题库", description: "", category: "enforcement" });
    const questions: QuestionContent[] = [
      { type: "single", stem: doc("火警电话是"), options: [{ text: "119", correct: true }, { text: "110", correct: false }, { text: "120", correct: false }], tiers: [] },
      { type: "multiple", stem: doc("属于行政处罚的有"), options: [{ text: "警告", correct: true }, { text: "罚款", correct: true }, { text: "责令改正", correct: false }], tiers: [] },
      { type: "truefalse", stem: doc("责令改正是行政处罚"), answer: false, tiers: [] },
      { type: "fill", stem: doc("火警电话____，急救电话____"), blanks: [["119"], ["120"]], tiers: [] },
    ];
    for (const content of questions) qids.push((await insertQuestion(db, { bankId, content, status: "published", actorId: author.id })).id);
  });

  it("freezes versions and option order at start; a later edit does not change the attempt", async () => {
    const { db } = t();
    const examId = await examWith();
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const items = await db.selectFrom("attempt_items").selectAll().where("attempt_id", "=", attemptId).orderBy("position").execute();
    expect(items.map((i) => i.question_id).sort()).toEqual([...qids].sort());
    const single = items.find((i) => i.question_id === qids[0])!;
    expect(single.option_order.split(",").map(Number).sort()).toEqual([0, 1, 2]);
    const before = (await db.selectFrom("question_versions").select(["id", "content"]).where("id", "=", single.question_version_id).executeTakeFirstOrThrow()).content;
    const current = (await getQuestion(db, bankId, qids[0]!))!;
    await saveNewVersion(db, { questionId: qids[0]!, bankId, baseVersion: current.currentVersion, content: { ...current.content, stem: doc("火警报警电话是") } as QuestionContent, actorId: author.id });
    const after = await db.selectFrom("attempt_items").selectAll().where("attempt_id", "=", attemptId).orderBy("position").execute();
    expect(after).toEqual(items);
    expect((await db.selectFrom("question_versions").select("content").where("id", "=", single.question_version_id).executeTakeFirstOrThrow()).content).toBe(before);
    // Starting again resumes the open attempt.
    expect(await startAttempt(db, { examId, taker, now: T0 + 2 * MINUTE })).toEqual({ attemptId, resumed: true });
  });

  it("keeps the highest sequence number whatever order saves arrive in; refuses options outside the question", async () => {
    const { db } = t();
    const examId = await examWith();
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const item = await db.selectFrom("attempt_items").select("position").where("attempt_id", "=", attemptId).where("question_id", "=", qids[0]!).executeTakeFirstOrThrow();
    const save = (choice: number, seq: number) => saveAnswer(db, { attemptId, personId: taker.id, position: item.position, answer: { choice }, seq, now: T0 + 2 * MINUTE });
    expect((await save(1, 3)).status).toBe("saved");
    expect(await save(2, 2)).toMatchObject({ status: "stale", seq: 3 });
    expect((await save(0, 5)).status).toBe("saved");
    expect((await save(1, 4)).status).toBe("stale");
    expect((await save(0, 5)).status).toBe("saved"); // a retransmission is acknowledged again
    const row = await db.selectFrom("attempt_answers").select(["answer", "seq"]).where("attempt_id", "=", attemptId).where("position", "=", item.position).executeTakeFirstOrThrow();
    expect([JSON.parse(row.answer), Number(row.seq)]).toEqual([{ choice: 0 }, 5]);
    await expect(save(7, 6)).rejects.toBeInstanceOf(ExamRefusal);
    await expect(saveAnswer(db, { attemptId, personId: other.id, position: item.position, answer: { choice: 0 }, seq: 9, now: T0 + 2 * MINUTE })).rejects.toBeInstanceOf(AttemptNotFound);
    await expect(saveAnswer(db, { attemptId, personId: taker.id, position: 99, answer: { choice: 0 }, seq: 9, now: T0 + 2 * MINUTE })).rejects.toBeInstanceOf(AttemptNotFound);
  });

  it("saves arriving together (one group commit on SQLite) keep the highest sequence per question and are each acknowledged", async () => {
    const { db } = t();
    const examId = await examWith();
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const items = await db.selectFrom("attempt_items").select(["position", "question_id"]).where("attempt_id", "=", attemptId).execute();
    const single = items.find((x) => x.question_id === qids[0])!.position;
    const truefalse = items.find((x) => x.question_id === qids[2])!.position;
    const seqs = [7, 3, 12, 1, 9, 12, 5, 11, 2, 8];
    const results = await Promise.all([
      ...seqs.map((seq) => saveAnswer(db, { attemptId, personId: taker.id, position: single, answer: { choice: seq % 3 }, seq, now: T0 + 2 * MINUTE })),
      saveAnswer(db, { attemptId, personId: taker.id, position: truefalse, answer: { value: true }, seq: 4, now: T0 + 2 * MINUTE }),
    ]);
    for (const [i, result] of results.entries()) {
      const sent = i < seqs.length ? seqs[i]! : 4;
      // Either this save is what is stored for its question now, or a higher one already is.
      if (result.status === "saved") expect(result.seq).toBe(sent);
      else expect(result.seq).toBeGreaterThan(sent);
    }
    const rows = await db.selectFrom("attempt_answers").select(["position", "answer", "seq"]).where("attempt_id", "=", attemptId).orderBy("position").execute();
    expect(rows.map((r) => [r.position, JSON.parse(r.answer), Number(r.seq)])).toEqual(
      [
        [single, { choice: 0 }, 12],
        [truefalse, { value: true }, 4],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });

  it("a write that fails inside a group fails alone", async () => {
    const { db } = t();
    const examId = await examWith();
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const base = { attemptId, flagged: 0, savedAt: T0 + 2 * MINUTE, notAfter: T0 };
    const outcomes = await Promise.allSettled([
      writeAnswer(db, { ...base, position: 1, answer: '{"choice":0}', seq: 1 }),
      // A NULL answer breaks the NOT NULL column: the statement fails.
      writeAnswer(db, { ...base, position: 2, answer: null as unknown as string, seq: 1 }),
      writeAnswer(db, { ...base, position: 3, answer: '{"value":true}', seq: 1 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const stored = await db.selectFrom("attempt_answers").select("position").where("attempt_id", "=", attemptId).orderBy("position").execute();
    expect(stored.map((r) => r.position)).toEqual([1, 3]);
  });

  it("grading gives every unanswered question a row and keeps the answered one's answer and sequence", async () => {
    const { db } = t();
    const examId = await examWith();
    const { attemptId } = await startAttempt(db, { examId, taker, now: T0 + MINUTE });
    const items = await db.selectFrom("attempt_items").select(["position", "question_id"]).where("attempt_id", "=", attemptId).execute();
    const single = items.find((x) => x.question_id === qids[0])!.position;
    await saveAnswer(db, { attemptId, personId: taker.id, position: single, answer: { choice: 0 }, seq: 7, now: T0 + 2 * MINUTE });
    await submitAttempt(db, { attemptId, personId: taker.id, now: T0 + 3 * MINUTE });
    const rows = await db.selectFrom("attempt_answers").select(["position", "answer", "seq", "score_x100", "outcome"]).where("attempt_id", "=", attemptId).orderBy("position").execute();
    expect(rows).toHaveLength(items.length);
    for (const row of rows) {
      if (row.position === single) expect([JSON.parse(row.answer), Number(row.seq), row.score_x100, row.outcome]).toEqual([{ choice: 0 }, 7, 2500, "correct"]);
      else expect([row.answer, Number(row.seq), row.score_x100, row.outcome]).toEqual(["null", 0, 0, "unanswered"]);
    }
  });

  it("two submits at once close the attempt once; later saves are refused; the result is graded", async () => {
    const { db } = t();
    const examId = await examWith();
    const { attemptId } = await startAttempt(db, { examId, taker: other, now: T0 + MINUTE });
    const items = await db.selectFrom("attempt_items").select(["position", "question_id"]).where("attempt_id", "=", attemptId).execute();
    const pos = (i: number) => items.find((x) => x.question_id === qids[i])!.position;
    await saveAnswer(db, { attemptId, personId: other.id, position: pos(0), answer: { choice: 0 }, seq: 1, now: T0 + 2 * MINUTE });
    await saveAnswer(db, { attemptId, personId: other.id, position: pos(1), answer: { choices: [0] }, seq: 2, now: T0 + 2 * MINUTE });
    await saveAnswer(db, { attemptId, personId: other.id, position: pos(2), answer: { value: false }, seq: 3, now: T0 + 2 * MINUTE });
    await saveAnswer(db, { attemptId, personId: other.id, position: pos(3), answer: { blanks: ["１１９ ", "122"] }, seq: 4, now: T0 + 2 * MINUTE });
    const results = await Promise.all([
      submitAttempt(db, { attemptId, personId: other.id, now: T0 + 3 * MINUTE }),
      submitAttempt(db, { attemptId, personId: other.id, now: T0 + 3 * MINUTE }),
    ]);
    expect(results.map((r) => r.closedNow).sort()).toEqual([false, true]);
    const attempt = await db.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
    // 25 + 12.5 (one of two right, partial) + 25 + 12.5 (one blank of two) = 75
    expect([attempt.status, attempt.closed_by, attempt.finished_at, attempt.score_x100, attempt.passed]).toEqual(["closed", "submit", T0 + 3 * MINUTE, 7500, 1]);
    expect(await db.selectFrom("attempt_score_events").select("action").where("attempt_id", "=", attemptId).execute()).toEqual([{ action: "graded" }]);
    await expect(saveAnswer(db, { attemptId, personId: other.id, position: pos(0), answer: { choice: 1 }, seq: 9, now: T0 + 4 * MINUTE })).rejects.toThrow("已交卷");
    const certificates = await db.selectFrom("certificates").selectAll().where("attempt_id", "=", attemptId).execute();
    expect(certificates).toHaveLength(1);
    expect(certificates[0]!.number).toMatch(/^ZF-2026-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const records = await db.selectFrom("learning_records").select(["kind", "org_unit_id"]).where("person_id", "=", other.id).orderBy("kind").execute();
    expect(records).toEqual([
      { kind: "certificate_issued", org_unit_id: other.orgUnitId },
      { kind: "exam_passed", org_unit_id: other.orgUnitId },
    ]);
    const verified = await verifyCertificate(db, certificates[0]!.number.toLowerCase(), T0 + 5 * MINUTE);
    expect(verified).toMatchObject({ typeLabel: "执法证", state: "valid", holder: "测**员", issuedOn: "2026-11-02", expiresOn: "2029-11-02" });
  });

  it("refuses a save after deadline + grace and closes the attempt with finish = deadline; accepts one within grace", async () => {
    const { db } = t();
    const examId = await examWith({ maxAttempts: 3 });
    const person = await makePerson(db, taker.orgUnitId);
    const me: Taker = { ...taker, id: person.id };
    const { attemptId } = await startAttempt(db, { examId, taker: me, now: T0 });
    const attempt = await db.selectFrom("attempts").select("deadline_at").where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(attempt.deadline_at).toBe(T0 + 30 * MINUTE);
    const position = 1;
    const item = await db.selectFrom("attempt_items").select("question_id").where("attempt_id", "=", attemptId).where("position", "=", position).executeTakeFirstOrThrow();
    const answer = item.question_id === qids[1] ? { choices: [0] } : item.question_id === qids[2] ? { value: true } : item.question_id === qids[3] ? { blanks: ["119", "120"] } : { choice: 0 };
    expect((await saveAnswer(db, { attemptId, personId: me.id, position, answer, seq: 1, now: attempt.deadline_at + 5_000, graceMs: 10_000 })).status).toBe("saved");
    await expect(saveAnswer(db, { attemptId, personId: me.id, position, answer, seq: 2, now: attempt.deadline_at + 11_000, graceMs: 10_000 })).rejects.toThrow("已超过交卷时间");
    const closed = await db.selectFrom("attempts").select(["status", "finished_at", "closed_by"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: "closed", finished_at: attempt.deadline_at, closed_by: "deadline" });
  });

  it("the sweep closes overdue attempts with finish = deadline; two sweeps at once close each once", async () => {
    const { db } = t();
    const examId = await examWith({ maxAttempts: 1 });
    const people = await Promise.all([1, 2, 3].map(() => makePerson(db, taker.orgUnitId)));
    const ids: number[] = [];
    for (const p of people) ids.push((await startAttempt(db, { examId, taker: { ...taker, id: p.id }, now: T0 + 10 * MINUTE })).attemptId);
    const deadline = T0 + 40 * MINUTE;
    await sweepOverdueAttempts(db, { now: deadline + 5_000, graceMs: 10_000 });
    const stillOpen = await db.selectFrom("attempts").select("status").where("id", "in", ids).execute();
    expect(stillOpen.map((r) => r.status)).toEqual(["open", "open", "open"]);
    const counts = await Promise.all([sweepOverdueAttempts(db, { now: deadline + 60_000 }), sweepOverdueAttempts(db, { now: deadline + 60_000 })]);
    expect(counts[0]! + counts[1]!).toBeGreaterThanOrEqual(3);
    const rows = await db.selectFrom("attempts").select(["status", "finished_at", "closed_by", "score_x100"]).where("id", "in", ids).execute();
    expect(rows.every((r) => r.status === "closed" && r.finished_at === deadline && r.closed_by === "deadline" && r.score_x100 === 0)).toBe(true);
    const events = await db.selectFrom("attempt_score_events").select("attempt_id").where("attempt_id", "in", ids).execute();
    expect(events.map((e) => e.attempt_id).sort()).toEqual([...ids].sort());
    // A person with extra time keeps it even past the window close.
    const late = await makePerson(db, taker.orgUnitId);
    await setAccommodation(db, examId, late.id, { extraMinutes: 20, extraAttempts: 0, opensAt: null, closesAt: null, note: "视力障碍" }, author.id);
    const { attemptId } = await startAttempt(db, { examId, taker: { ...taker, id: late.id }, now: T0 + 115 * MINUTE });
    const row = await db.selectFrom("attempts").select("deadline_at").where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(row.deadline_at).toBe(T0 + 140 * MINUTE);
  });

  it("refuses starts outside the window, beyond the allowed attempts, and outside the audience", async () => {
    const { db } = t();
    const examId = await examWith({ maxAttempts: 1 });
    const person = await makePerson(db, taker.orgUnitId);
    const me: Taker = { ...taker, id: person.id };
    await expect(startAttempt(db, { examId, taker: me, now: T0 - MINUTE })).rejects.toThrow("考试尚未开始");
    await expect(startAttempt(db, { examId, taker: me, now: T0 + 121 * MINUTE })).rejects.toThrow("考试已结束");
    const { attemptId } = await startAttempt(db, { examId, taker: me, now: T0 });
    await submitAttempt(db, { attemptId, personId: me.id, now: T0 + MINUTE });
    await expect(startAttempt(db, { examId, taker: me, now: T0 + 2 * MINUTE })).rejects.toThrow("已用完");
    await setAccommodation(db, examId, me.id, { extraMinutes: 0, extraAttempts: 1, opensAt: null, closesAt: null, note: "" }, author.id);
    expect((await startAttempt(db, { examId, taker: me, now: T0 + 3 * MINUTE })).resumed).toBe(false);
    await setAudience(db, examId, { tiers: ["staff"], unitIds: [], personIds: [] });
    await expect(startAttempt(db, { examId, taker: { ...me, id: taker.id }, now: T0 + 3 * MINUTE })).rejects.toBeInstanceOf(AttemptNotFound);
  });

  it("draws papers from rules and reports a short pool clearly", async () => {
    const { db } = t();
    const paper = await createPaper(db, author.id, { title: "抽题卷", description: "", mode: "drawn", multipleScoring: "all", fillScoring: "all" });
    await setPaperRules(db, paper, [
      { bankId, knowledgePointId: null, tag: null, type: "single", difficulty: null, count: 1, scoreX100: 5000 },
      { bankId, knowledgePointId: null, tag: null, type: "truefalse", difficulty: null, count: 1, scoreX100: 5000 },
    ]);
    expect(await previewPaper(db, paper)).toMatchObject({ totalX100: 10000, questionCount: 2, problems: [] });
    const examId = await examWith({ kind: "practice", certificateType: null }, paper);
    const person = await makePerson(db, taker.orgUnitId);
    const { attemptId } = await startAttempt(db, { examId, taker: { ...taker, id: person.id }, now: T0 });
    const items = await db.selectFrom("attempt_items").select(["question_id", "max_x100"]).where("attempt_id", "=", attemptId).execute();
    expect(items.map((i) => i.question_id).sort()).toEqual([qids[0], qids[2]].sort());
    await setPaperRules(db, paper, [{ bankId, knowledgePointId: null, tag: null, type: "single", difficulty: null, count: 3, scoreX100: 100 }]);
    expect((await previewPaper(db, paper)).problems[0]).toMatch(/需要 3 题，可用 1 题/);
  });

  it("a regrade after a key correction recomputes, keeps the audit trail and revokes a certificate no longer earned", async () => {
    const { db } = t();
    const examId = await examWith();
    const person = await makePerson(db, taker.orgUnitId);
    const me: Taker = { ...taker, id: person.id };
    const { attemptId } = await startAttempt(db, { examId, taker: me, now: T0 });
    const items = await db.selectFrom("attempt_items").select(["position", "question_id", "question_version_id"]).where("attempt_id", "=", attemptId).execute();
    const pos = (i: number) => items.find((x) => x.question_id === qids[i])!.position;
    await saveAnswer(db, { attemptId, personId: me.id, position: pos(0), answer: { choice: 0 }, seq: 1, now: T0 + MINUTE });
    await saveAnswer(db, { attemptId, personId: me.id, position: pos(1), answer: { choices: [0, 1] }, seq: 2, now: T0 + MINUTE });
    await saveAnswer(db, { attemptId, personId: me.id, position: pos(2), answer: { value: false }, seq: 3, now: T0 + MINUTE });
    await submitAttempt(db, { attemptId, personId: me.id, now: T0 + 2 * MINUTE });
    expect((await db.selectFrom("attempts").select(["score_x100", "passed"]).where("id", "=", attemptId).executeTakeFirstOrThrow())).toEqual({ score_x100: 7500, passed: 1 });
    // The key of the true/false question was wrong: the instructor saves a corrected version and regrades.
    const tf = items.find((x) => x.question_id === qids[2])!;
    const frozen = await db.selectFrom("question_versions").selectAll().where("id", "=", tf.question_version_id).executeTakeFirstOrThrow();
    const current = (await getQuestion(db, bankId, qids[2]!))!;
    const { version } = await saveNewVersion(db, { questionId: qids[2]!, bankId, baseVersion: current.currentVersion, content: { ...current.content, answer: true } as QuestionContent, actorId: author.id });
    const summary = await regradeQuestion(db, { questionId: qids[2]!, toVersion: version, examId, actorId: author.id, reason: "判断题答案更正" }, T0 + 10 * MINUTE);
    expect(summary).toEqual({ attempts: 1, changedScores: 1, changedResults: 1 });
    expect(await db.selectFrom("question_versions").selectAll().where("id", "=", tf.question_version_id).executeTakeFirstOrThrow()).toEqual(frozen);
    // Regrading again changes nothing.
    expect(await regradeQuestion(db, { questionId: qids[2]!, toVersion: version, examId, actorId: author.id, reason: "重复" }, T0 + 11 * MINUTE)).toEqual({ attempts: 0, changedScores: 0, changedResults: 0 });
    expect((await db.selectFrom("attempts").select(["score_x100", "passed"]).where("id", "=", attemptId).executeTakeFirstOrThrow())).toEqual({ score_x100: 5000, passed: 0 });
    const events = await db.selectFrom("attempt_score_events").select(["action", "old_score_x100", "new_score_x100", "reason"]).where("attempt_id", "=", attemptId).orderBy("id").execute();
    expect(events).toEqual([
      { action: "graded", old_score_x100: null, new_score_x100: 7500, reason: null },
      { action: "regrade", old_score_x100: 7500, new_score_x100: 5000, reason: "判断题答案更正" },
    ]);
    expect((await db.selectFrom("certificates").select("status").where("attempt_id", "=", attemptId).executeTakeFirstOrThrow()).status).toBe("revoked");
  });
});

describe("certificate numbers", () => {
  it("are random and well-formed", async () => {
    const { newCertificateNumber, maskName } = await import("~/modules/exams/certificates.server");
    const numbers = new Set(Array.from({ length: 2000 }, () => newCertificateNumber("auxiliary", 2026)));
    expect(numbers.size).toBe(2000);
    for (const n of numbers) expect(n).toMatch(/^FZ-2026-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect([maskName("张三"), maskName("欧阳娜娜"), maskName("王")]).toEqual(["张*", "欧**娜", "*"]);
  });
});
