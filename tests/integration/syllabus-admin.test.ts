import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { createCourse, ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { issuesByField } from "~/modules/people/form-data";
import {
  addTierCourse,
  createYearSyllabus,
  editDescription,
  editTierHours,
  listSyllabi,
  publishDraft,
  removeTierCourse,
  startNewVersion,
  SyllabusInputError,
  SyllabusRuleError,
  syllabusWithVersions,
  versionByNumber,
  versionPlan,
} from "~/modules/syllabus/admin.server";
import { createSyllabusSchema, hoursField, syllabusIntentSchema } from "~/modules/syllabus/syllabus-schema";
import { SyllabusLockedError, versionInForce } from "~/modules/syllabus/syllabus.server";
import { forEachDialect } from "../support/test-db";
import { ensureTier, makePerson, makeUnit } from "../support/fixtures";

async function course(db: Db, title: string, status: "published" | "draft" = "published") {
  return createCourse(db, { title, summary: "", category: "hazard", audienceTiers: [], status, createdBy: null });
}

async function inputErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyllabusInputError);
  return (error as SyllabusInputError).fieldErrors;
}

describe("syllabus admin forms", () => {
  it("reads 学时 as a number ≥ 0 with at most two decimals, × 100", () => {
    expect(hoursField.parse("12")).toBe(1200);
    expect(hoursField.parse(" 1.5 ")).toBe(150);
    expect(hoursField.parse("０.２５")).toBe(25); // full-width digits from a Chinese input method
    expect(hoursField.parse("0")).toBe(0);
    for (const bad of ["-1", "1.234", "abc", "1,5", "1e2"]) {
      const result = hoursField.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0].message).toBe("学时须为不小于 0 的数字，最多两位小数（如 12 或 1.5）");
    }
    expect(hoursField.safeParse("").error!.issues[0].message).toBe("请输入学时");
  });

  it("puts the error of each intent on its field", () => {
    const hours = syllabusIntentSchema.safeParse({ intent: "set-hours", versionId: "3", tier: "grid", hours: "1.234" });
    expect(issuesByField(hours.error!)).toEqual({ hours: "学时须为不小于 0 的数字，最多两位小数（如 12 或 1.5）" });
    const publish = syllabusIntentSchema.safeParse({ intent: "publish", versionId: "3" });
    expect(issuesByField(publish.error!)).toEqual({ confirm: "请勾选确认：发布后该版本不能再修改" });
    expect(syllabusIntentSchema.parse({ intent: "publish", versionId: "3", confirm: "yes" })).toEqual({ intent: "publish", versionId: 3, confirm: "yes" });
    const add = syllabusIntentSchema.safeParse({ intent: "add-course", versionId: "3", tier: "grid", courseId: "", kind: "x" });
    expect(issuesByField(add.error!)).toEqual({ courseId: "请选择课程", kind: "请选择必修或选修" });
    expect(syllabusIntentSchema.safeParse({ intent: "drop" }).success).toBe(false);
    expect(issuesByField(createSyllabusSchema.safeParse({ year: "26", title: "x" }).error!)).toEqual({
      year: "请输入 2000–2100 之间的年份",
      title: "大纲名称至少 2 个字",
    });
  });
});

forEachDialect("syllabus administration", (get) => {
  let personId: number;
  let published1: number;
  let published2: number;
  let draftCourse: number;

  beforeAll(async () => {
    const db = get().db;
    await ensureTier(db, "grid", "村社网格员");
    await ensureTier(db, "chief", "站(队)长");
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city", "市局");
    personId = (await makePerson(db, city.id, { roles: [{ role: "hr" }] })).id;
    published1 = await course(db, "隐患排查工作手册");
    published2 = await course(db, "应急救援工作手册");
    draftCourse = await course(db, "尚未发布的课程", "draft");
  });

  it("allows one syllabus per year, with a clear error for a second", async () => {
    const db = get().db;
    const id = await createYearSyllabus(db, { year: 2040, title: "2040年度培训大纲" });
    expect(await inputErrorsOf(createYearSyllabus(db, { year: 2040, title: "另一份" }))).toEqual({
      year: "2040 年度已有培训大纲「2040年度培训大纲」，每年只能有一份；如需调整，请在该大纲中创建新版本",
    });
    expect(await createYearSyllabus(db, { year: 2041, title: "2041年度培训大纲" })).not.toBe(id);
    const rows = await db.selectFrom("syllabi").select("id").where("year", "=", 2040).execute();
    expect(rows.map((r) => r.id)).toEqual([id]);
  });

  it("leaves exactly one syllabus when two are created for a year at once", async () => {
    const db = get().db;
    const results = await Promise.allSettled([
      createYearSyllabus(db, { year: 2042, title: "甲" }),
      createYearSyllabus(db, { year: 2042, title: "乙" }),
      createYearSyllabus(db, { year: 2042, title: "丙" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(SyllabusInputError);
    expect(await db.selectFrom("syllabi").select("id").where("year", "=", 2042).execute()).toHaveLength(1);
  });

  it("edits a draft: description, 学时 per tier, required and elective courses", async () => {
    const db = get().db;
    const syllabusId = await createYearSyllabus(db, { year: 2043, title: "2043年度培训大纲" });
    const draft = await startNewVersion(db, syllabusId, personId, 1_000);
    expect(await startNewVersion(db, syllabusId, personId)).toBe(draft); // one open draft at a time
    await expect(publishDraft(db, syllabusId, draft, personId)).rejects.toBeInstanceOf(SyllabusRuleError); // nothing to publish yet

    await editDescription(db, syllabusId, draft, "面向村社网格员");
    await editTierHours(db, syllabusId, draft, "grid", 1250);
    await addTierCourse(db, syllabusId, draft, "grid", published1, "required");
    await addTierCourse(db, syllabusId, draft, "grid", published2, "required");
    await addTierCourse(db, syllabusId, draft, "grid", published1, "elective"); // switches kind, keeps its place
    await addTierCourse(db, syllabusId, draft, "chief", published2, "elective");
    expect(await inputErrorsOf(addTierCourse(db, syllabusId, draft, "grid", draftCourse, "required"))).toEqual({ courseId: "只能加入已发布的课程" });
    expect(await inputErrorsOf(addTierCourse(db, syllabusId, draft, "grid", 999_999, "required"))).toEqual({ courseId: "只能加入已发布的课程" });
    expect(await inputErrorsOf(editTierHours(db, syllabusId, draft, "nope", 100))).toEqual({ tier: "培训层级不存在" });
    expect(await inputErrorsOf(editTierHours(db, syllabusId, draft, "grid", -5))).toHaveProperty("hours");

    const plan = await versionPlan(db, draft);
    const grid = plan.find((t) => t.code === "grid")!;
    expect(grid).toMatchObject({ name: "村社网格员", requiredHoursX100: 1250 });
    expect(grid.required.map((c) => c.courseId)).toEqual([published2]);
    expect(grid.elective.map((c) => c.courseId)).toEqual([published1]);
    expect(plan.find((t) => t.code === "chief")?.elective.map((c) => c.title)).toEqual(["应急救援工作手册"]);

    await removeTierCourse(db, syllabusId, draft, "chief", published2);
    expect((await versionPlan(db, draft)).find((t) => t.code === "chief")?.elective).toEqual([]);
    const version = await versionByNumber(db, syllabusId, 1);
    expect(version).toMatchObject({ id: draft, status: "draft", description: "面向村社网格员" });
  });

  it("refuses every edit of a published version, and edits of a version of another syllabus", async () => {
    const db = get().db;
    const syllabusId = await createYearSyllabus(db, { year: 2044, title: "2044年度培训大纲" });
    const v1 = await startNewVersion(db, syllabusId, personId, 1_000);
    await editTierHours(db, syllabusId, v1, "grid", 1200);
    await addTierCourse(db, syllabusId, v1, "grid", published1, "required");
    await publishDraft(db, syllabusId, v1, personId, 2_000);

    const locked = [
      () => editDescription(db, syllabusId, v1, "改"),
      () => editTierHours(db, syllabusId, v1, "grid", 2000),
      () => addTierCourse(db, syllabusId, v1, "grid", published2, "elective"),
      () => removeTierCourse(db, syllabusId, v1, "grid", published1),
      () => publishDraft(db, syllabusId, v1, personId),
    ];
    for (const attempt of locked) await expect(attempt()).rejects.toBeInstanceOf(SyllabusLockedError);
    await expect(editDescription(db, syllabusId, v1, "改")).rejects.toThrow("已发布的大纲版本不能修改，请创建新版本");
    const plan = (await versionPlan(db, v1)).find((t) => t.code === "grid")!;
    expect(plan.requiredHoursX100).toBe(1200);
    expect(plan.required.map((c) => c.courseId)).toEqual([published1]);
    expect(plan.elective).toEqual([]);

    const other = await createYearSyllabus(db, { year: 2045, title: "2045年度培训大纲" });
    await expect(editTierHours(db, other, v1, "grid", 100)).rejects.toBeInstanceOf(SyllabusRuleError);
  });

  it("shows every version, and which one is in force, as drafts are published", async () => {
    const db = get().db;
    const syllabusId = (await db.selectFrom("syllabi").select("id").where("year", "=", 2044).executeTakeFirstOrThrow()).id;
    const v1 = (await versionByNumber(db, syllabusId, 1))!.id;
    const v2 = await startNewVersion(db, syllabusId, personId, 3_000);
    expect((await versionPlan(db, v2)).find((t) => t.code === "grid")?.requiredHoursX100).toBe(1200); // copied from v1
    await editTierHours(db, syllabusId, v2, "grid", 1600);

    let summary = (await syllabusWithVersions(db, syllabusId))!;
    expect(summary.versions.map((v) => [v.version, v.status, v.inForce])).toEqual([
      [2, "draft", false],
      [1, "published", true],
    ]);
    expect(summary.versions[1]).toMatchObject({ publishedAt: 2_000, publishedByName: "测试人员" });

    await publishDraft(db, syllabusId, v2, personId, 4_000);
    expect((await versionInForce(db, 2044))?.id).toBe(v2);
    summary = (await syllabusWithVersions(db, syllabusId))!;
    expect(summary.versions.map((v) => [v.version, v.status, v.inForce])).toEqual([
      [2, "published", true],
      [1, "published", false],
    ]);
    expect((await versionPlan(db, v1)).find((t) => t.code === "grid")?.requiredHoursX100).toBe(1200);

    const list = await listSyllabi(db);
    expect(list.map((s) => s.year)).toEqual([...list.map((s) => s.year)].sort((a, b) => b - a));
    expect(list.find((s) => s.id === syllabusId)?.versions.filter((v) => v.inForce).map((v) => v.id)).toEqual([v2]);
    expect(list.find((s) => s.year === 2045)?.versions).toEqual([]);
  });
});
