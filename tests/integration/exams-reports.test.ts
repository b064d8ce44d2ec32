import { beforeAll, expect, it } from "vitest";
import type { Principal } from "~/modules/auth/permissions";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/exams/attempts.server";
import type { Taker } from "~/modules/exams/eligibility.server";
import { createExam, setAudience, setExamStatus, type ExamFields } from "~/modules/exams/exams.server";
import { examItemAnalysis, questionStats } from "~/modules/exams/item-stats.server";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { regradeQuestion } from "~/modules/exams/regrade.server";
import { buildExamReport, examForReport, examsWithParticipation, parseExamReportParams, personResults, scoreEvents } from "~/modules/exams/reports.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { getQuestion } from "~/modules/questions/read.server";
import { insertQuestion, saveNewVersion } from "~/modules/questions/store.server";
import { makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0);
const admin: Principal = { id: 0, grants: [{ role: "admin", scopeOrgUnitId: null, scopePath: null }] };

forEachDialect("exam reports: unit at the time, scope, counting rule, item analysis, regrade audit", (get) => {
  let author: { id: number };
  let qids: number[] = [];
  let bankId: number;
  type Unit = Awaited<ReturnType<typeof makeUnit>>;
  let stationA: Unit;
  let stationB: Unit;
  let townB: Unit;
  let manager: Principal;
  const takers: Taker[] = [];

  async function exam(counting: "highest" | "last") {
    const { db } = get();
    const paper = await createPaper(db, author.id, { title: "报表卷", description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
    await setPaperQuestions(db, paper, qids.map((questionId) => ({ questionId, scoreX100: 5000 })));
    const fields: ExamFields = {
      title: `统计考试-${counting}`,
      description: "",
      kind: "final",
      certificateType: null,
      certificateValidMonths: null,
      courseId: null,
      requiredCourseId: null,
      paperId: paper,
      opensAt: T0,
      closesAt: T0 + 600 * MINUTE,
      durationMinutes: 30,
      maxAttempts: 3,
      counting,
      passX100: 6000,
      shuffleQuestions: false,
      shuffleOptions: false,
      scoreVisibility: "after_submit",
      reviewVisibility: "after_close",
    };
    const id = await createExam(db, author.id, fields);
    await setExamStatus(db, id, "published");
    return id;
  }

  /** One closed attempt: `right` says which of the two questions to answer correctly. */
  async function sit(examId: number, taker: Taker, right: [boolean, boolean], at: number) {
    const { db } = get();
    const { attemptId } = await startAttempt(db, { examId, taker, now: at });
    const items = await db.selectFrom("attempt_items").select(["position", "question_id"]).where("attempt_id", "=", attemptId).execute();
    const pos = (i: number) => items.find((x) => x.question_id === qids[i])!.position;
    await saveAnswer(db, { attemptId, personId: taker.id, position: pos(0), answer: { choice: right[0] ? 0 : 1 }, seq: 1, now: at + MINUTE });
    await saveAnswer(db, { attemptId, personId: taker.id, position: pos(1), answer: { value: !right[1] }, seq: 2, now: at + MINUTE });
    await submitAttempt(db, { attemptId, personId: taker.id, now: at + 2 * MINUTE });
  }

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city");
    const district = await makeUnit(db, city, "district", "西湖区");
    const townA = await makeUnit(db, district, "town", "转塘街道");
    townB = await makeUnit(db, district, "town", "留下街道");
    stationA = await makeUnit(db, townA, "station", "转塘应消站");
    stationB = await makeUnit(db, townB, "station", "留下应消站");
    const village = await makeUnit(db, stationA, "village", "某村");
    author = await makePerson(db, city.id, { roles: [{ role: "instructor" }] });
    const boss = await makePerson(db, stationA.id, { roles: [{ role: "manager", scope: stationA.id }] });
    manager = { id: boss.id, grants: [{ role: "manager", scopeOrgUnitId: stationA.id, scopePath: stationA.path }] };
    for (const unit of [village, stationA, stationB]) {
      const p = await makePerson(db, unit.id);
      takers.push({ id: p.id, tier: "grid", orgUnitId: unit.id, orgPath: unit.path });
    }
    bankId = await createBank(db, author.id, { bankKey: "report-test", title: "统计题库", description: "", category: "enforcement" });
    const questions: QuestionContent[] = [
      { type: "single", stem: doc("火警电话是"), options: [{ text: "119", correct: true }, { text: "110", correct: false }], tiers: [] },
      { type: "truefalse", stem: doc("责令改正是行政处罚"), answer: false, tiers: [] },
    ];
    qids = [];
    for (const content of questions) qids.push((await insertQuestion(db, { bankId, content, status: "published", actorId: author.id })).id);
  });

  it("keeps results under the unit at the time, counts by the exam's rule and limits a manager to their subtree", async () => {
    const { db } = get();
    const highest = await exam("highest");
    const last = await exam("last");
    await setAudience(db, highest, { tiers: ["grid"], unitIds: [], personIds: [] });
    for (const examId of [highest, last]) {
      await sit(examId, takers[0]!, [true, true], T0 + MINUTE); // 100
      await sit(examId, takers[0]!, [true, false], T0 + 10 * MINUTE); // 50
      await sit(examId, takers[1]!, [false, false], T0 + MINUTE); // 0
      await sit(examId, takers[2]!, [true, true], T0 + MINUTE); // 100
    }
    // The village worker moves to the other station after the exam.
    await db.updateTable("persons").set({ org_unit_id: stationB.id }).where("id", "=", takers[0]!.id).execute();

    const examH = (await examForReport(db, highest))!;
    const rows = await personResults(db, admin, examH);
    expect(rows.find((r) => r.personId === takers[0]!.id)).toMatchObject({ attempts: 2, scoreX100: 10000, passed: true, unitId: takers[0]!.orgUnitId });
    const examL = (await examForReport(db, last))!;
    expect((await personResults(db, admin, examL)).find((r) => r.personId === takers[0]!.id)).toMatchObject({ scoreX100: 5000, passed: false });

    const report = await buildExamReport(db, admin, examH, parseExamReportParams(new URLSearchParams("level=station")));
    const byStation = new Map(report.groups.map((g) => [g.unitId, g]));
    // Still counted at 转塘 (where they sat), although the audience now counts them at 留下.
    expect(byStation.get(stationA.id)).toMatchObject({ participants: 2, passedCount: 1, averageX100: 5000, audience: 2 });
    expect(byStation.get(stationB.id)).toMatchObject({ participants: 1, passedCount: 1, audience: 2 });
    expect(report.summary).toMatchObject({ participants: 3, passedCount: 2, audience: 5 });
    expect(report.summary.histogram.reduce((n, b) => n + b.count, 0)).toBe(3);
    const byTown = await buildExamReport(db, admin, examH, parseExamReportParams(new URLSearchParams("level=town&status=failed")));
    expect(byTown.groups.filter((g) => g.participants > 0).map((g) => g.participants).sort()).toEqual([1, 2]);
    expect(byTown.people.map((p) => p.personId)).toEqual([takers[1]!.id]);

    const mine = await personResults(db, manager, examH);
    expect(mine.map((r) => r.personId).sort()).toEqual([takers[0]!.id, takers[1]!.id].sort());
    const listed = (await examsWithParticipation(db, manager)).find((e) => e.id === highest)!;
    expect([listed.participants, listed.attempts]).toEqual([2, 3]);
    const scoped = await buildExamReport(db, manager, examH, parseExamReportParams(new URLSearchParams("level=station")));
    expect(scoped.groups.map((g) => g.unitId)).toEqual([stationA.id]);
    expect((await examItemAnalysis(db, manager, highest))[0]!.stats.takers).toBe(3);
  });

  it("analyses items per exam and across exams, and regrades after a key correction with an audit trail", async () => {
    const { db } = get();
    const examId = await exam("highest");
    // Ten takers so discrimination is defined: strong takers miss the true/false item (a wrong key).
    const extra: Taker[] = [];
    for (let i = 0; i < 10; i++) {
      const p = await makePerson(db, stationA.id);
      extra.push({ id: p.id, tier: "grid", orgUnitId: stationA.id, orgPath: stationA.path });
      await sit(examId, extra[i]!, i < 5 ? [true, false] : [false, true], T0 + MINUTE);
    }
    const analysis = await examItemAnalysis(db, admin, examId);
    const tf = analysis.find((r) => r.questionId === qids[1])!;
    expect(tf.stats.takers).toBe(10);
    expect(tf.stats.facility).toBe(0.5);
    expect(tf.newerVersions).toEqual([]);
    expect(analysis.find((r) => r.questionId === qids[0])!.stats.options!.map((o) => o.count)).toEqual([5, 5]);

    const across = await questionStats(db, [qids[0]!, qids[1]!, 999_999]);
    expect(across.get(qids[1]!)!.takers).toBeGreaterThan(10);
    expect(across.get(999_999)!.takers).toBe(0);

    const current = (await getQuestion(db, bankId, qids[1]!))!;
    const { version } = await saveNewVersion(db, { questionId: qids[1]!, bankId, baseVersion: current.currentVersion, content: { ...current.content, answer: true } as QuestionContent, actorId: author.id });
    const before = (await examItemAnalysis(db, admin, examId)).find((r) => r.questionId === qids[1])!;
    expect(before.newerVersions).toEqual([version]);
    const summary = await regradeQuestion(db, { questionId: qids[1]!, toVersion: version, examId, actorId: author.id, reason: "判断题答案更正" });
    expect(summary).toMatchObject({ attempts: 10, changedScores: 10 });
    const after = (await examItemAnalysis(db, admin, examId)).find((r) => r.questionId === qids[1])!;
    expect([after.newerVersions, after.stats.facility]).toEqual([[], 0.5]);
    const events = await scoreEvents(db, admin, examId);
    expect(events).toHaveLength(10);
    expect(events[0]).toMatchObject({ action: "regrade", reason: "判断题答案更正", actorName: "测试人员" });
    // A manager elsewhere sees none of it.
    const outsider: Principal = { id: 1, grants: [{ role: "manager", scopeOrgUnitId: townB.id, scopePath: townB.path }] };
    expect(await scoreEvents(db, outsider, examId)).toEqual([]);
    expect(await examItemAnalysis(db, outsider, examId)).toEqual([]);
  });

  it("counts a village grid worker beside the station under their town when grouping by station", async () => {
    const { db } = get();
    const examId = await exam("highest");
    const village = await makeUnit(db, townB, "village", "留下某村");
    const p = await makePerson(db, village.id);
    await sit(examId, { id: p.id, tier: "grid", orgUnitId: village.id, orgPath: village.path }, [true, true], T0 + MINUTE);
    const report = await buildExamReport(db, admin, (await examForReport(db, examId))!, parseExamReportParams(new URLSearchParams("level=station")));
    expect(report.groups.find((g) => g.participants > 0)).toMatchObject({ unitId: townB.id, participants: 1 });
  });
});
