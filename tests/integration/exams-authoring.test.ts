import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { seedDemoExams } from "#db/seed/exams";
import { importContent } from "~/modules/content/import.server";
import { readContent } from "~/modules/content/sources.server";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { startAttempt } from "~/modules/exams/attempts.server";
import {
  addPaperQuestions,
  addPaperRule,
  AuthoringInputError,
  createAuthoredExam,
  examDetail,
  listExams,
  listPapers,
  movePaperQuestion,
  paperDetail,
  publishProblems,
  removePaperQuestion,
  removePaperRule,
  savePaperScores,
  updateAuthoredExam,
} from "~/modules/exams/authoring.server";
import { examFormSchema, type ExamFormInput } from "~/modules/exams/exam-schema";
import { setExamStatus } from "~/modules/exams/exams.server";
import { createPaper, previewPaper } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { insertQuestion } from "~/modules/questions/store.server";
import { ensureTier, makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect } from "../support/test-db";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const single = (text: string): QuestionContent => ({ type: "single", stem: doc(text), options: [{ text: "对", correct: true }, { text: "错", correct: false }], tiers: [] });

forEachDialect("exam authoring: paper edits, lists, exam saves and publish checks, demo seed", (get) => {
  let authorId: number;
  let bankId: number;
  let taker: { id: number; tier: string; orgUnitId: number; orgPath: string };
  const qids: number[] = [];

  const examInput = (paperId: number, overrides: Record<string, string> = {}): ExamFormInput =>
    examFormSchema.parse({
      title: "测试考试",
      kind: "practice",
      paperId: String(paperId),
      opensAt: "2026-01-01T09:00",
      closesAt: "2099-12-31T18:00",
      durationMinutes: "30",
      maxAttempts: "2",
      counting: "highest",
      pass: "6",
      shuffleQuestions: "1",
      scoreVisibility: "after_submit",
      reviewVisibility: "after_close",
      ...overrides,
    });

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city");
    const station = await makeUnit(db, city, "station", "转塘应消站");
    authorId = (await makePerson(db, city.id, { roles: [{ role: "instructor" }] })).id;
    const p = await makePerson(db, station.id);
    taker = { id: p.id, tier: "grid", orgUnitId: station.id, orgPath: station.path };
    bankId = await createBank(db, authorId, { bankKey: "authoring-test", title: "组卷测试题库", description: "", category: "enforcement" });
    for (const text of ["第一题", "第二题", "第三题"]) qids.push((await insertQuestion(db, { bankId, content: single(text), status: "published", actorId: authorId })).id);
  });

  it("adds, reorders, rescores and removes a fixed paper's questions; the list shows count and total", async () => {
    const { db } = get();
    const paperId = await createPaper(db, authorId, { title: "固定测试卷", description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
    expect(await addPaperQuestions(db, paperId, [qids[0]!, qids[1]!], 250)).toEqual({ added: 2, skipped: 0 });
    expect(await addPaperQuestions(db, paperId, [qids[1]!, qids[2]!], 300)).toEqual({ added: 1, skipped: 1 });
    await movePaperQuestion(db, paperId, 3, -1);
    await movePaperQuestion(db, paperId, 1, -1); // already first: nothing happens
    await savePaperScores(db, paperId, [{ questionId: qids[0]!, scoreX100: 500 }]);
    let detail = (await paperDetail(db, paperId))!;
    expect(detail.items.map((i) => [i.question_id, i.score_x100])).toEqual([
      [qids[0], 500],
      [qids[2], 300],
      [qids[1], 250],
    ]);
    expect(detail.preview).toMatchObject({ totalX100: 1050, questionCount: 3, problems: [] });
    await removePaperQuestion(db, paperId, 2);
    detail = (await paperDetail(db, paperId))!;
    expect(detail.items.map((i) => i.position)).toEqual([1, 2]);
    const list = await listPapers(db, { q: "固定测试" }, 1);
    expect(list.rows).toEqual([expect.objectContaining({ id: paperId, mode: "fixed", questionCount: 2, totalX100: 750 })]);
  });

  it("adds drawing rules, refuses a point of another bank, and previews a shortage", async () => {
    const { db } = get();
    const paperId = await createPaper(db, authorId, { title: "抽题测试卷", description: "", mode: "drawn", multipleScoring: "all", fillScoring: "all" });
    const rule = { bankId, knowledgePointId: null, tag: null, type: "single" as const, difficulty: null, count: 2, score: 500 };
    await addPaperRule(db, paperId, rule);
    await addPaperRule(db, paperId, { ...rule, count: 5 });
    const otherBank = await createBank(db, authorId, { bankKey: "authoring-other", title: "另一题库", description: "", category: "enforcement" });
    const point = await db.insertInto("knowledge_points").values({ bank_id: otherBank, parent_id: null, name: "别处", path: "别处" }).executeTakeFirstOrThrow();
    await expect(addPaperRule(db, paperId, { ...rule, knowledgePointId: Number(point.insertId) })).rejects.toBeInstanceOf(AuthoringInputError);
    const preview = await previewPaper(db, paperId);
    expect(preview.totalX100).toBe(3500);
    expect(preview.rules.map((r) => [r.needed, r.available])).toEqual([
      [2, 3],
      [5, 3],
    ]);
    expect(preview.problems.length).toBeGreaterThan(0);
    const list = await listPapers(db, { mode: "drawn", q: "抽题测试" }, 1);
    expect(list.rows[0]).toMatchObject({ questionCount: 7, totalX100: 3500 });
    await removePaperRule(db, paperId, 2);
    expect((await previewPaper(db, paperId)).problems).toEqual([]);
  });

  it("checks the paper and pass mark, refuses to publish a broken exam, warns before changing a running one", async () => {
    const { db } = get();
    const paperId = await createPaper(db, authorId, { title: "考试用卷", description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
    await addPaperQuestions(db, paperId, qids, 500);
    await expect(createAuthoredExam(db, authorId, examInput(paperId, { pass: "20" }))).rejects.toMatchObject({ fieldErrors: { pass: expect.stringContaining("15") } });
    await expect(createAuthoredExam(db, authorId, examInput(999_999))).rejects.toMatchObject({ fieldErrors: { paperId: "试卷不存在" } });

    const emptyPaper = await createPaper(db, authorId, { title: "空卷", description: "", mode: "drawn", multipleScoring: "partial", fillScoring: "per_blank" });
    const broken = await createAuthoredExam(db, authorId, examInput(emptyPaper, { pass: "1" }));
    expect((await publishProblems(db, broken)).join()).toContain("试卷还没有组卷规则");

    const examId = await createAuthoredExam(db, authorId, examInput(paperId, { title: "测试考试（已开考）" }));
    expect(await publishProblems(db, examId)).toEqual([]);
    await setExamStatus(db, examId, "published");
    await startAttempt(db, { examId, taker });
    await expect(updateAuthoredExam(db, examId, examInput(paperId, { title: "测试考试（已开考）", durationMinutes: "45" }))).rejects.toMatchObject({ fieldErrors: { confirmChange: expect.stringContaining("1 人次") } });
    await updateAuthoredExam(db, examId, examInput(paperId, { title: "测试考试（已开考，改名不需确认）" }));
    await updateAuthoredExam(db, examId, examInput(paperId, { title: "测试考试（已开考）", durationMinutes: "45", confirmChange: "1" }));
    const detail = (await examDetail(db, examId))!;
    expect(detail).toMatchObject({ attemptCount: 1, exam: { duration_minutes: 45 } });

    const listed = await listExams(db, { q: "已开考" }, 1);
    expect(listed.rows).toEqual([expect.objectContaining({ id: examId, attempts: 1, takers: 1, status: "published" })]);
    expect((await listExams(db, { status: "draft", q: "测试考试" }, 1)).rows.map((r) => r.id)).toContain(broken);
  });

  it("seeds the demo exams from the starter banks once; every paper draws and adds up to 100", async () => {
    const { db } = get();
    for (const [code, name] of [["grid", "村社网格员"], ["staff", "工作人员"], ["chief", "站(队)长"], ["cadre", "机关干部"]] as const) await ensureTier(db, code, name);
    await importContent(db, readContent(path.resolve("content")));
    expect(await seedDemoExams(db)).toBe(3);
    expect(await seedDemoExams(db)).toBe(0);
    const exams = await db.selectFrom("exams").selectAll().where("title", "in", ["2026年度行政执法证考试", "防汛防台培训结业考试", "隐患排查练习"]).orderBy("id").execute();
    expect(exams.map((e) => [e.kind, e.status, e.max_attempts])).toEqual([
      ["certificate", "published", 2],
      ["final", "published", 2],
      ["practice", "published", 3],
    ]);
    expect(exams[0]).toMatchObject({ certificate_type: "enforcement", duration_minutes: 60, pass_x100: 6000 });
    expect(exams[0]!.closes_at - exams[0]!.opens_at).toBe(60 * 86_400_000);
    expect(exams[1]!.course_id).not.toBeNull();
    for (const exam of exams) {
      const preview = await previewPaper(db, exam.paper_id);
      expect(preview).toMatchObject({ totalX100: 10000, problems: [] });
    }
    const audience = await db.selectFrom("exam_audience").select(["exam_id", "ref"]).where("exam_id", "in", exams.map((e) => e.id)).execute();
    expect(audience.filter((a) => a.exam_id === exams[0]!.id).map((a) => a.ref).sort()).toEqual(["cadre", "chief", "staff"]);
    expect(audience.filter((a) => a.exam_id === exams[2]!.id).map((a) => a.ref)).toContain("grid");
  });
});
