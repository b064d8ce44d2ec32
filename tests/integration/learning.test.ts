import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { importContent } from "~/modules/content/import.server";
import { readContent } from "~/modules/content/sources.server";
import { getCourseByKey } from "~/modules/courses/courses.server";
import { lessonsOfCourse, restoreRevision, revisionsOf, saveLesson } from "~/modules/courses/lessons.server";
import { answerCheck, courseHoursX100, recordHeartbeat } from "~/modules/study/progress.server";
import { setHoursRule } from "~/modules/study/settings.server";
import { BEAT_INTERVAL_MS } from "~/modules/study/heartbeat";
import {
  createSyllabus,
  openDraft,
  publishVersion,
  setTierCourse,
  setTierRequirement,
  SyllabusLockedError,
  tierPlan,
  versionInForce,
} from "~/modules/syllabus/syllabus.server";
import { forEachDialect } from "../support/test-db";
import { ensureTier, makePerson, makeUnit } from "../support/fixtures";

function writeContent(root: string, lessonTwoTitle = "第二课") {
  const dir = path.join(root, "handbooks", "demo-course");
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(root, "syllabus"), { recursive: true });
  fs.writeFileSync(path.join(dir, "course.md"), "---\nkey: demo-course\ntitle: 测试课程\ncategory: hazard\nsummary: 简介\ntiers: [grid]\n---\n");
  fs.writeFileSync(
    path.join(dir, "01-first.md"),
    "---\nkey: first\ntitle: 第一课\nminutes: 1\n---\n\n## 要点\n\n**加粗**文字。\n\n> [!警示]\n> 严禁飞线充电。\n",
  );
  fs.writeFileSync(
    path.join(dir, "02-second.md"),
    `---\nkey: second\ntitle: ${lessonTwoTitle}\nminutes: 1\ncheck:\n  question: 哪个正确？\n  options: [甲, 乙]\n  answer: 1\n  explanation: 乙正确。\n---\n\n正文。\n`,
  );
  fs.writeFileSync(
    path.join(root, "syllabus", "2026.json"),
    JSON.stringify({ key: "test-2026", year: 2026, title: "测试大纲", tiers: [{ tier: "grid", requiredHours: 12, required: ["demo-course"], elective: [] }] }),
  );
}

forEachDialect("learning: content import, syllabus versions, study to a learning record", (get) => {
  let root: string;
  let personId: number;
  let unitId: number;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
    writeContent(root);
    await ensureTier(get().db, "grid", "村社网格员");
    const city = await makeUnit(get().db, null, "city", "市局");
    unitId = city.id;
    personId = (await makePerson(get().db, unitId)).id;
  });

  it("imports content once; importing again changes nothing", async () => {
    const first = await importContent(get().db, readContent(root));
    expect(first.created).toEqual(["课程「测试课程」", "课程「测试课程」 · 课时「第一课」", "课程「测试课程」 · 课时「第二课」", "培训大纲「测试大纲」"]);
    const counts = async () => ({
      courses: (await get().db.selectFrom("courses").selectAll().execute()).length,
      lessons: (await get().db.selectFrom("lessons").selectAll().execute()).length,
      revisions: (await get().db.selectFrom("lesson_revisions").selectAll().execute()).length,
      versions: (await get().db.selectFrom("syllabus_versions").selectAll().execute()).length,
    });
    const before = await counts();
    const second = await importContent(get().db, readContent(root));
    expect(second).toEqual({ created: [], updated: [], unchanged: 4, keptEdited: [] });
    expect(await counts()).toEqual(before);
    const course = await getCourseByKey(get().db, "demo-course");
    const lessons = await lessonsOfCourse(get().db, course!.id);
    expect(JSON.parse(lessons[0].body).content.map((n: { type: string }) => n.type)).toEqual(["heading", "paragraph", "callout"]);
  });

  it("updates unedited content from changed files but keeps what an instructor edited", async () => {
    const course = (await getCourseByKey(get().db, "demo-course"))!;
    const [first] = await lessonsOfCourse(get().db, course.id);
    await saveLesson(get().db, first.id, { title: "第一课（教员修订）", minutes: 1, body: first.body, checkQuestion: null }, { authorId: personId, note: "教员修改" });
    writeContent(root, "第二课（新版）");
    fs.writeFileSync(path.join(root, "handbooks", "demo-course", "01-first.md"), "---\nkey: first\ntitle: 第一课（文件新版）\nminutes: 1\n---\n\n新正文。\n");
    const report = await importContent(get().db, readContent(root));
    expect(report.updated).toEqual(["课程「测试课程」 · 课时「第二课（新版）」"]);
    expect(report.keptEdited).toEqual(["课程「测试课程」 · 课时「第一课（文件新版）」"]);
    const lessons = await lessonsOfCourse(get().db, course.id);
    expect(lessons.map((l) => l.title)).toEqual(["第一课（教员修订）", "第二课（新版）"]);
  });

  it("keeps every revision and restores an earlier one as a new revision", async () => {
    const course = (await getCourseByKey(get().db, "demo-course"))!;
    const [first] = await lessonsOfCourse(get().db, course.id);
    const history = await revisionsOf(get().db, first.id);
    expect(history.map((r) => r.revision)).toEqual([2, 1]);
    expect(history[0].note).toBe("教员修改");
    const revision = await restoreRevision(get().db, first.id, 1, personId);
    expect(revision).toBe(3);
    const [restored] = await lessonsOfCourse(get().db, course.id);
    expect(restored.title).toBe("第一课");
  });

  it("never changes a published syllabus version; edits go into a new version that takes over when published", async () => {
    const db = get().db;
    const course = (await getCourseByKey(db, "demo-course"))!;
    const syllabusId = await createSyllabus(db, { year: 2031, title: "2031 大纲" });
    const v1 = await openDraft(db, syllabusId, personId);
    await setTierRequirement(db, v1, "grid", 1200);
    await setTierCourse(db, v1, "grid", course.id, "required");
    expect(await versionInForce(db, 2031)).toBeUndefined();
    await publishVersion(db, v1, personId, 1_000);
    await expect(setTierRequirement(db, v1, "grid", 2000)).rejects.toBeInstanceOf(SyllabusLockedError);
    await expect(publishVersion(db, v1, personId)).rejects.toBeInstanceOf(SyllabusLockedError);
    const v2 = await openDraft(db, syllabusId, personId);
    expect(v2).not.toBe(v1);
    expect((await tierPlan(db, v2, "grid")).requiredHoursX100).toBe(1200); // copied from v1
    await setTierRequirement(db, v2, "grid", 1600);
    expect((await versionInForce(db, 2031))?.id).toBe(v1); // the draft is not in force
    await publishVersion(db, v2, personId, 2_000);
    expect((await versionInForce(db, 2031))?.id).toBe(v2);
    expect((await tierPlan(db, v1, "grid")).requiredHoursX100).toBe(1200);
    expect((await tierPlan(db, v2, "grid")).items.map((i) => i.course_id)).toEqual([course.id]);
  });

  it("completing every lesson writes exactly one course_completed record with the 学时 and the unit at that moment", async () => {
    const db = get().db;
    const course = (await getCourseByKey(db, "demo-course"))!;
    const [one, two] = await lessonsOfCourse(db, course.id);
    let t = 10_000_000;
    for (let i = 0; i <= 4; i++) await recordHeartbeat(db, personId, one.id, true, (t += BEAT_INTERVAL_MS));
    for (let i = 0; i <= 4; i++) await recordHeartbeat(db, personId, two.id, true, (t += BEAT_INTERVAL_MS));
    expect(await db.selectFrom("learning_records").selectAll().where("person_id", "=", personId).execute()).toHaveLength(0);
    const wrong = await answerCheck(db, personId, two.id, 0, (t += 1000));
    expect(wrong).toEqual({ correct: false, explanation: null, answer: null, completed: false, courseCompleted: false });
    const right = await answerCheck(db, personId, two.id, 1, (t += 1000));
    expect(right).toEqual({ correct: true, explanation: "乙正确。", answer: 1, completed: true, courseCompleted: true });
    // Studying on and answering again writes nothing more.
    await recordHeartbeat(db, personId, two.id, true, (t += BEAT_INTERVAL_MS));
    await answerCheck(db, personId, two.id, 1, (t += 1000));
    const records = await db.selectFrom("learning_records").selectAll().where("person_id", "=", personId).execute();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: "course_completed", source_id: String(course.id), hours_x100: 0, org_unit_id: unitId, title: "测试课程" });
  });

  it("credits a course's 学时 from its lessons' minutes under the configured rule", async () => {
    const db = get().db;
    const course = (await getCourseByKey(db, "demo-course"))!;
    const [one, two] = await lessonsOfCourse(db, course.id);
    await db.updateTable("lessons").set({ minutes: 30 }).where("id", "=", one.id).execute();
    await db.updateTable("lessons").set({ minutes: 20 }).where("id", "=", two.id).execute();
    expect(await courseHoursX100(db, course.id)).toBe(100); // 50 min → 1.11 → 1 学时
    await setHoursRule(db, { minutesPerHour: 40, stepX100: 25 });
    const { getHoursRule } = await import("~/modules/study/settings.server");
    expect(await courseHoursX100(db, course.id, await getHoursRule(db))).toBe(125);
  });
});
