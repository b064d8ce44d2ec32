import { beforeAll, expect, it } from "vitest";
import type { Db } from "#db/client";
import { seedDemoInstructors } from "#db/seed/instructors";
import { createCourse, ensureBuiltinCategories, setCourseStatus } from "~/modules/courses/courses.server";
import { InstructorInputError, InstructorRuleError } from "~/modules/instructors/errors";
import {
  createInstructor,
  getInstructor,
  instructorChoices,
  instructorOfPerson,
  listInstructors,
  recordRating,
  setInstructorActive,
  updateInstructor,
} from "~/modules/instructors/instructors.server";
import { instructorFormOptions } from "~/modules/instructors/options.server";
import { instructorFormSchema, parseInstructorFilters, type InstructorInput } from "~/modules/instructors/schemas";
import { forEachDialect } from "../support/test-db";
import { makePerson, makeUnit } from "../support/fixtures";

async function course(db: Db, title: string, category: string, status: "published" | "draft" = "published") {
  return createCourse(db, { title, summary: "", category, audienceTiers: [], status, createdBy: null });
}

async function personAs(db: Db, unitId: number, fields: { name: string; employeeNo?: string; post?: string; roles?: Array<"trainee" | "instructor">; status?: "active" | "left" }) {
  const { id, employeeNo } = await makePerson(db, unitId, { roles: (fields.roles ?? ["trainee"]).map((role) => ({ role })) });
  await db
    .updateTable("persons")
    .set({ name: fields.name, employee_no: fields.employeeNo ?? employeeNo, post: fields.post ?? "网格员", status: fields.status ?? "active" })
    .where("id", "=", id)
    .execute();
  return { id, employeeNo: fields.employeeNo ?? employeeNo };
}

const base = { title: null, mobile: null, email: null, bio: "", specialties: [], courseIds: [] } as const;

function internal(employeeNo: string, extra: Partial<InstructorInput> = {}): InstructorInput {
  return { ...base, level: "中级教员", ...extra, kind: "internal", employeeNo } as InstructorInput;
}

function external(name: string, organization: string, extra: Partial<InstructorInput> = {}): InstructorInput {
  return { ...base, level: "特聘专家", ...extra, kind: "external", name, organization } as InstructorInput;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstructorInputError);
  return (error as InstructorInputError).fieldErrors;
}

forEachDialect("instructor pool", (get) => {
  let unitId: number;
  let station: { id: number; path: string; depth: number };
  let trainee: { id: number; employeeNo: string };
  let teacher: { id: number; employeeNo: string };
  let left: { id: number; employeeNo: string };
  let hazard1: number;
  let hazard2: number;
  let floodCourse: number;
  let draftCourse: number;

  beforeAll(async () => {
    const db = get().db;
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city", "测试市应急管理局");
    unitId = city.id;
    station = await makeUnit(db, { id: city.id, path: city.path, depth: 0 }, "station", "龙坞应消站");
    trainee = await personAs(db, station.id, { name: "俞国强", post: "站(队)长" });
    teacher = await personAs(db, unitId, { name: "陈志远", roles: ["trainee", "instructor"] });
    left = await personAs(db, unitId, { name: "离岗者", status: "left" });
    hazard1 = await course(db, "隐患排查工作手册", "hazard");
    hazard2 = await course(db, "电动自行车隐患", "hazard");
    floodCourse = await course(db, "防汛防台工作手册", "flood");
    draftCourse = await course(db, "草稿课程", "rescue", "draft");
  });

  it("links an internal instructor to a person by 工号; name and unit come from the person", async () => {
    const db = get().db;
    const id = await createInstructor(db, internal(trainee.employeeNo, { specialties: ["hazard", "drill"], courseIds: [hazard1] }));
    const detail = (await getInstructor(db, id))!;
    expect(detail).toMatchObject({
      kind: "internal",
      name: "俞国强",
      unitId: station.id,
      unitName: "龙坞应消站",
      organization: null,
      level: "中级教员",
      ratingX100: null,
      ratingCount: 0,
      active: true,
      person: { id: trainee.id, employeeNo: trainee.employeeNo, status: "active", hasInstructorRole: false },
    });
    expect(detail.specialties.map((s) => s.name)).toEqual(["隐患排查", "实战演练"]);
    expect(detail.courses.map((c) => c.id)).toEqual([hazard1]);
    expect((await instructorOfPerson(db, trainee.id))?.id).toBe(id);

    const withRole = await createInstructor(db, internal(teacher.employeeNo, { level: "高级教员" }));
    expect((await getInstructor(db, withRole))?.person?.hasInstructorRole).toBe(true);
  });

  it("refuses an unknown 工号, a person who left, and a person already in the pool", async () => {
    const db = get().db;
    expect(await fieldErrorsOf(createInstructor(db, internal("NOBODY1")))).toEqual({ employeeNo: "未找到工号为「NOBODY1」的人员，请先在人员管理中建档" });
    expect((await fieldErrorsOf(createInstructor(db, internal(left.employeeNo)))).employeeNo).toMatch(/已离岗/);
    expect((await fieldErrorsOf(createInstructor(db, internal(trainee.employeeNo)))).employeeNo).toBe(`俞国强（${trainee.employeeNo}）已在师资库中`);
  });

  it("takes external experts; only existing categories and published courses", async () => {
    const db = get().db;
    const errors = await fieldErrorsOf(createInstructor(db, external("王建国", "浙江省应急管理科学研究院", { specialties: ["nope"], courseIds: [draftCourse] })));
    expect(errors).toEqual({ specialties: "专长类别「nope」不存在", courseIds: "只能选择已发布的课程" });
    const id = await createInstructor(
      db,
      external("王建国", "浙江省应急管理科学研究院", { title: "研究员", mobile: "13905710001", specialties: ["hazard", "enforcement"], courseIds: [hazard1, hazard2] }),
    );
    expect(await getInstructor(db, id)).toMatchObject({
      kind: "external",
      name: "王建国",
      organization: "浙江省应急管理科学研究院",
      unitName: null,
      person: null,
      title: "研究员",
      mobile: "13905710001",
    });
    await createInstructor(db, external("孙丽君", "杭州市气象局", { specialties: ["flood"], courseIds: [floodCourse] }));
  });

  it("edits an instructor, keeping a course that was archived since, and can switch kind", async () => {
    const db = get().db;
    const id = await createInstructor(db, external("钱卫平", "杭州市消防救援支队", { specialties: ["rescue"], courseIds: [hazard2] }));
    await setCourseStatus(db, hazard2, "archived");
    try {
      const options = await instructorFormOptions(db, [hazard2]);
      expect(options.courses.find((c) => c.id === hazard2)).toMatchObject({ published: false });
      expect((await instructorFormOptions(db)).courses.map((c) => c.id)).not.toContain(hazard2);
      await updateInstructor(db, id, external("钱卫平", "杭州市消防救援支队", { level: "高级教员", specialties: ["rescue", "drill"], courseIds: [hazard2, floodCourse] }));
      let detail = (await getInstructor(db, id))!;
      expect(detail.level).toBe("高级教员");
      expect(detail.courses.map((c) => c.id).sort((a, b) => a - b)).toEqual([hazard2, floodCourse].sort((a, b) => a - b));
      // An archived course cannot be newly added to someone else.
      const other = await createInstructor(db, external("冯志强", "杭州市急救中心"));
      expect((await fieldErrorsOf(updateInstructor(db, other, external("冯志强", "杭州市急救中心", { courseIds: [hazard2] })))).courseIds).toBe("只能选择已发布的课程");

      const someone = await personAs(db, unitId, { name: "转为内部", employeeNo: "E900001" });
      await updateInstructor(db, id, internal("E900001"));
      detail = (await getInstructor(db, id))!;
      expect(detail).toMatchObject({ kind: "internal", name: "转为内部", organization: null, person: { id: someone.id }, specialties: [], courses: [] });
      // Linking the same person to a second entry is refused on update too.
      expect((await fieldErrorsOf(updateInstructor(db, other, internal("E900001")))).employeeNo).toMatch(/已在师资库中/);
    } finally {
      await setCourseStatus(db, hazard2, "published");
    }
  });

  it("searches by name (the person's for internal ones), organization and unit; filters; paginates", async () => {
    const db = get().db;
    const names = async (query: string, pageSize = 50, page = 1) =>
      (await listInstructors(db, parseInstructorFilters(new URLSearchParams(query)), page, pageSize)).rows.map((r) => r.name);
    expect(await names("q=俞国")).toEqual(["俞国强"]);
    expect(await names("q=应急管理科学")).toEqual(["王建国"]);
    expect(await names("q=龙坞")).toEqual(["俞国强"]);
    expect(await names("q=100%25")).toEqual([]);
    expect(await names("specialty=flood")).toEqual(["孙丽君"]);
    expect(await names("specialty=hazard&kind=internal")).toEqual(["俞国强"]);
    expect(await names("level=高级教员&kind=internal")).toEqual(["陈志远"]);
    const all = await listInstructors(db, parseInstructorFilters(new URLSearchParams()), 1, 50);
    expect(all.total).toBe(6);
    const page2 = await listInstructors(db, parseInstructorFilters(new URLSearchParams()), 2, 4);
    expect(page2).toMatchObject({ total: 6, page: 2, pageCount: 2 });
    expect(page2.rows).toHaveLength(2);
    const first = all.rows.find((r) => r.name === "王建国")!;
    expect(first).toMatchObject({ kind: "external", affiliation: "浙江省应急管理科学研究院", specialties: ["隐患排查", "执法办案"] });
    expect(all.rows.find((r) => r.name === "俞国强")?.affiliation).toBe("龙坞应消站");

    await setInstructorActive(db, first.id, false);
    expect(await names("q=王建国")).toEqual([]);
    expect(await names("q=王建国&status=inactive")).toEqual(["王建国"]);
    expect(await names("q=王建国&status=all")).toEqual(["王建国"]);
    expect((await instructorChoices(db, { specialty: "hazard" })).map((c) => c.name)).toEqual(["俞国强"]);
    expect((await instructorChoices(db, { courseId: floodCourse })).map((c) => c.name)).toEqual(["孙丽君"]);
    await setInstructorActive(db, first.id, true);
  });

  it("keeps the average rating exact in integer arithmetic, also under concurrent ratings", async () => {
    const db = get().db;
    const id = await createInstructor(db, external("郑雅琴", "杭州市红十字会"));
    expect(await recordRating(db, id, 4)).toEqual({ ratingX100: 400, count: 1 });
    expect(await recordRating(db, id, 5)).toEqual({ ratingX100: 450, count: 2 });
    expect(await recordRating(db, id, 4)).toEqual({ ratingX100: 433, count: 3 });
    await Promise.all(Array.from({ length: 9 }, () => recordRating(db, id, 5)));
    const detail = (await getInstructor(db, id))!;
    expect(detail.ratingCount).toBe(12);
    // (4 + 5 + 4 + 9 × 5) / 12 = 4.833…; the stored average is within a hundredth or two.
    expect(Math.abs(detail.ratingX100! - 483)).toBeLessThanOrEqual(2);
    await expect(recordRating(db, id, 6)).rejects.toThrow(RangeError);
    await setInstructorActive(db, id, false);
    await expect(recordRating(db, id, 5)).rejects.toBeInstanceOf(InstructorRuleError);
    expect((await getInstructor(db, id))?.ratingCount).toBe(12);
  });

  it("accepts what the form schema produces", async () => {
    const db = get().db;
    const input = instructorFormSchema.parse({ kind: "external", name: "何文静", organization: "浙江传媒学院", level: "特聘专家", specialties: ["publicity"], courseIds: [String(floodCourse)] });
    const id = await createInstructor(db, input);
    expect((await getInstructor(db, id))?.courses.map((c) => c.title)).toEqual(["防汛防台工作手册"]);
  });
});

forEachDialect("demo instructor pool seed", (get) => {
  beforeAll(async () => {
    const db = get().db;
    await ensureBuiltinCategories(db);
    const city = await makeUnit(db, null, "city", "演示市");
    await personAs(db, city.id, { name: "陈志远", employeeNo: "instructor", post: "机关干部", roles: ["trainee", "instructor"] });
    await personAs(db, city.id, { name: "沈慧敏", employeeNo: "hr", post: "机关干部" });
    for (let i = 1; i <= 7; i++) await personAs(db, city.id, { name: `干部${i}`, employeeNo: `E00000${i}`, post: "机关干部" });
    for (let i = 1; i <= 7; i++) await personAs(db, city.id, { name: `站长${i}`, employeeNo: `E00010${i}`, post: "站(队)长" });
    for (const category of ["hazard", "enforcement", "flood", "publicity", "drill", "rescue"]) await course(db, `${category} 手册`, category);
    await course(db, "未发布的隐患课程", "hazard", "draft");
  });

  it("seeds about two dozen instructors once, linked to the published courses of their specialties", async () => {
    const db = get().db;
    expect(await seedDemoInstructors(db)).toBe(24);
    const count = async (table: "instructors" | "instructor_specialties" | "instructor_courses") =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = { instructors: await count("instructors"), specialties: await count("instructor_specialties"), courses: await count("instructor_courses") };
    expect(before.instructors).toBe(24);
    expect(await seedDemoInstructors(db)).toBe(0);
    expect({ instructors: await count("instructors"), specialties: await count("instructor_specialties"), courses: await count("instructor_courses") }).toEqual(before);

    const rows = await db.selectFrom("instructors as i").leftJoin("persons as p", "p.id", "i.person_id").select(["i.id", "i.kind", "i.level", "p.employee_no"]).execute();
    expect(rows.filter((r) => r.kind === "external")).toHaveLength(11);
    const linked = rows.filter((r) => r.kind === "internal").map((r) => r.employee_no);
    expect(linked).toHaveLength(13);
    expect(linked).toContain("instructor");
    expect(linked).not.toContain("hr");
    expect(linked).not.toContain("E000007"); // 6 cadres and 6 chiefs, in 工号 order
    expect(linked).not.toContain("E000107");

    const demo = rows.find((r) => r.employee_no === "instructor")!;
    const detail = (await getInstructor(db, demo.id))!;
    expect(detail.level).toBe("高级教员");
    expect(detail.specialties.map((s) => s.code)).toEqual(["hazard", "rescue"]);
    expect(detail.courses.map((c) => c.title).sort()).toEqual(["hazard 手册", "rescue 手册"]);
    expect(detail.person?.hasInstructorRole).toBe(true);

    for (const row of rows) {
      const one = (await getInstructor(db, row.id))!;
      const specialties = new Set(one.specialties.map((s) => s.code));
      expect(one.specialties.length).toBeGreaterThan(0);
      expect(one.courses.length).toBe(specialties.size); // one published course per category here
      for (const c of one.courses) {
        expect(specialties.has(c.category)).toBe(true);
        expect(c.status).toBe("published");
      }
    }
    const rated = await db.selectFrom("instructors").select(["rating_x100", "rating_count"]).where("rating_count", ">", 0).execute();
    expect(rated.length).toBeGreaterThan(3);
    for (const r of rated) expect(r.rating_x100).toBeGreaterThanOrEqual(100);
  });
});

