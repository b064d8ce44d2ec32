import { beforeAll, expect, it } from "vitest";
import type { Principal } from "~/modules/auth/permissions";
import { createCourse, ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { createLesson } from "~/modules/courses/lessons.server";
import { writeLearningRecord } from "~/modules/records/records.server";
import { AssignmentError, assignToPeople, assignToUnit, listAssignments, removeAssignment } from "~/modules/study/assignments.server";
import { currentYear, yearRange } from "~/modules/study/calendar";
import { DEFAULT_HOURS_RULE } from "~/modules/study/hours";
import { myCourses, myHours } from "~/modules/study/my-learning.server";
import { personStudyRows, tierRequirements } from "~/modules/study/report.server";
import { createSyllabus, openDraft, publishVersion, setTierCourse, setTierRequirement } from "~/modules/syllabus/syllabus.server";
import { forEachDialect } from "../support/test-db";
import { ensureTier, makePerson, makeUnit } from "../support/fixtures";

forEachDialect("study: my learning, assignments and the study report", (get) => {
  const year = currentYear();
  let city: Awaited<ReturnType<typeof makeUnit>>;
  let districtA: Awaited<ReturnType<typeof makeUnit>>;
  let villageA: Awaited<ReturnType<typeof makeUnit>>;
  let districtB: Awaited<ReturnType<typeof makeUnit>>;
  let learner: { id: number; employeeNo: string };
  let outsider: { id: number; employeeNo: string };
  let manager: Principal;
  let required: number;
  let extra: number;

  beforeAll(async () => {
    const db = get().db;
    await ensureTier(db, "grid", "村社网格员");
    await ensureBuiltinCategories(db);
    city = await makeUnit(db, null, "city", "市局");
    districtA = await makeUnit(db, city, "district", "甲区");
    const townA = await makeUnit(db, districtA, "town", "甲街道");
    villageA = await makeUnit(db, townA, "village", "甲村");
    districtB = await makeUnit(db, city, "district", "乙区");
    learner = await makePerson(db, villageA.id);
    outsider = await makePerson(db, districtB.id);
    manager = { id: learner.id, grants: [{ role: "manager", scopeOrgUnitId: districtA.id, scopePath: districtA.path }] };
    required = await createCourse(db, { title: "必修课", summary: "", category: "hazard", audienceTiers: ["grid"], status: "published", createdBy: null });
    extra = await createCourse(db, { title: "指派课", summary: "", category: "rescue", audienceTiers: [], status: "published", createdBy: null });
    for (const courseId of [required, extra]) {
      await createLesson(db, { courseId, title: "第一课", minutes: 45, body: '{"type":"doc","content":[]}', checkQuestion: null, authorId: null });
    }
    const syllabus = await createSyllabus(db, { year, title: `${year} 大纲` });
    const version = await openDraft(db, syllabus, null);
    await setTierRequirement(db, version, "grid", 150);
    await setTierCourse(db, version, "grid", required, "required");
    await publishVersion(db, version, null);
  });

  it("lists the tier's required courses for a learner, and an assignment to a unit above them", async () => {
    const db = get().db;
    const before = await myCourses(db, { id: learner.id, tier: "grid", orgPath: villageA.path }, year, DEFAULT_HOURS_RULE);
    expect(before.courses.map((c) => [c.title, c.reasons])).toEqual([["必修课", ["required"]]]);
    expect(before.requiredHoursX100).toBe(150);
    await assignToUnit(db, manager, { courseId: extra, unitId: districtA.id, dueDate: `${year}-12-31` });
    const after = await myCourses(db, { id: learner.id, tier: "grid", orgPath: villageA.path }, year, DEFAULT_HOURS_RULE);
    expect(after.courses.map((c) => [c.title, c.reasons, c.dueDate, c.hoursX100])).toEqual([
      ["必修课", ["required"], null, 100],
      ["指派课", ["assigned"], `${year}-12-31`, 100],
    ]);
    const elsewhere = await myCourses(db, { id: outsider.id, tier: "grid", orgPath: districtB.path }, year, DEFAULT_HOURS_RULE);
    expect(elsewhere.courses.map((c) => c.title)).toEqual(["必修课"]);
  });

  it("refuses assignments outside the manager's scope and writes nothing", async () => {
    const db = get().db;
    const count = async () => (await db.selectFrom("course_assignments").select("id").execute()).length;
    const before = await count();
    await expect(assignToUnit(db, manager, { courseId: extra, unitId: districtB.id, dueDate: null })).rejects.toBeInstanceOf(AssignmentError);
    await expect(assignToPeople(db, manager, { courseId: extra, employeeNos: [learner.employeeNo, outsider.employeeNo], dueDate: null })).rejects.toThrow(outsider.employeeNo);
    expect(await count()).toBe(before);
    expect(await assignToPeople(db, manager, { courseId: extra, employeeNos: [learner.employeeNo], dueDate: null })).toBe(1);
    const visible = await listAssignments(db, manager);
    expect(visible).toHaveLength(2);
    const other: Principal = { id: outsider.id, grants: [{ role: "manager", scopeOrgUnitId: districtB.id, scopePath: districtB.path }] };
    expect(await listAssignments(db, other)).toHaveLength(0);
    expect(await removeAssignment(db, other, visible[0].id)).toBe(false);
    expect(await removeAssignment(db, manager, visible[0].id)).toBe(true);
  });

  it("reports 学时 and course completion per person, only inside the scope", async () => {
    const db = get().db;
    const { from } = yearRange(year);
    await writeLearningRecord(db, { personId: learner.id, kind: "course_completed", sourceType: "course", sourceId: required, title: "必修课", hoursX100: 100, occurredAt: from + 86_400_000 });
    await writeLearningRecord(db, { personId: learner.id, kind: "course_completed", sourceType: "course", sourceId: extra, title: "指派课", hoursX100: 100, occurredAt: from + 40 * 86_400_000 });
    // Last year's record does not count this year.
    await writeLearningRecord(db, { personId: learner.id, kind: "course_completed", sourceType: "course", sourceId: 999, title: "旧课", hoursX100: 300, occurredAt: from - 1 });
    const rows = await personStudyRows(db, manager, { year, courseId: required });
    expect(rows.map((r) => [r.personId, r.hoursX100, r.coursesCompleted, r.completedCourse])).toEqual([[learner.id, 200, 2, true]]);
    const admin: Principal = { id: 0, grants: [{ role: "admin", scopeOrgUnitId: null, scopePath: null }] };
    const all = await personStudyRows(db, admin, { year, courseId: required });
    expect(all.map((r) => [r.personId, r.completedCourse]).sort()).toEqual([[learner.id, true], [outsider.id, false]].sort());
    expect(await personStudyRows(db, admin, { year, unitPath: districtB.path })).toHaveLength(1);
    expect((await tierRequirements(db, year)).get("grid")).toBe(150);
    const hours = await myHours(db, learner.id, year);
    expect(hours.totalX100).toBe(200);
    expect(hours.byMonth.reduce((n, m) => n + m.hoursX100, 0)).toBe(200);
    expect(hours.byMonth[0].hoursX100).toBe(100);
  });

  it("writes a learning record once even when two requests race to write it", async () => {
    const db = get().db;
    const input = { personId: outsider.id, kind: "course_completed" as const, sourceType: "course", sourceId: required, title: "必修课", hoursX100: 100, occurredAt: Date.now() };
    const results = await Promise.all([writeLearningRecord(db, input), writeLearningRecord(db, input), writeLearningRecord(db, input)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    const rows = await db.selectFrom("learning_records").select(["org_unit_id"]).where("person_id", "=", outsider.id).execute();
    expect(rows).toEqual([{ org_unit_id: districtB.id }]);
  });
});
