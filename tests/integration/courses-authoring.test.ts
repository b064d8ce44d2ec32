import { beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/modules/auth/session.server";
import {
  changeCourseStatus,
  courseForAuthor,
  createAuthoredCourse,
  listAuthoringCourses,
  updateAuthoredCourse,
} from "~/modules/courses/authoring.server";
import { NEW_CATEGORY, type CourseFormInput } from "~/modules/courses/course-schema";
import { createCourse, ensureBuiltinCategories, getCourse } from "~/modules/courses/courses.server";
import { CourseInputError, CourseRuleError } from "~/modules/courses/errors";
import { attachFile, attachmentsOf, detachFile, moveLesson, setLessonArchived } from "~/modules/courses/lesson-authoring.server";
import { createLesson, getLesson, lessonsOfCourse } from "~/modules/courses/lessons.server";
import { addOwnerByEmployeeNo, ownersOf, removeOwner } from "~/modules/courses/owners.server";
import { UploadError } from "~/modules/uploads/uploads.server";
import { action as editLessonAction } from "~/routes/_app.lessons.$id.edit";
import { ensureTier, makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect, type TestDb } from "../support/test-db";

const body = (text: string) => JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

function courseInput(overrides: Partial<CourseFormInput> = {}): CourseFormInput {
  return { title: "防汛防台基础", summary: "汛期前必学", category: "flood", newCategoryName: "", newCategoryCode: "", audienceTiers: ["grid"], ...overrides };
}

function sessionUser(id: number, roles: SessionUser["grants"][number]["role"][]): SessionUser {
  return {
    id,
    sessionId: "test",
    name: "测试人员",
    employeeNo: `T${id}`,
    orgUnitId: 1,
    orgPath: "/1/",
    tier: "grid",
    post: "网格员",
    mustChangePassword: false,
    grants: roles.map((role) => ({ role, scopeOrgUnitId: null, scopePath: null })),
  };
}

async function count(t: TestDb, table: "courses" | "course_categories" | "uploads" | "lesson_attachments") {
  const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function addLesson(t: TestDb, courseId: number, title: string, minutes = 20) {
  return createLesson(t.db, { courseId, title, minutes, body: body(title), checkQuestion: null, authorId: null });
}

forEachDialect("course authoring: courses, status, lesson order, owners, attachments", (get) => {
  let owner: { id: number; employeeNo: string };
  let colleague: { id: number; employeeNo: string };
  let trainee: { id: number; employeeNo: string };

  beforeAll(async () => {
    const { db } = get();
    await ensureBuiltinCategories(db);
    await ensureTier(db, "grid", "村社网格员");
    await ensureTier(db, "station", "应消站工作人员");
    const unit = await makeUnit(db, null, "city", "市局");
    owner = await makePerson(db, unit.id, { roles: [{ role: "trainee" }, { role: "instructor" }] });
    colleague = await makePerson(db, unit.id, { roles: [{ role: "instructor" }] });
    trainee = await makePerson(db, unit.id);
  });

  describe("create and update", () => {
    it("creates a draft owned by its creator", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput());
      const course = await getCourse(get().db, id);
      expect(course).toMatchObject({ title: "防汛防台基础", status: "draft", category: "flood", audience_tiers: "grid", created_by: owner.id });
      expect((await ownersOf(get().db, id)).map((o) => o.id)).toEqual([owner.id]);
    });

    it("creates a new category together with the course", async () => {
      const id = await createAuthoredCourse(
        get().db,
        owner.id,
        courseInput({ category: NEW_CATEGORY, newCategoryName: "森林防火", newCategoryCode: "forest-fire" }),
      );
      expect((await getCourse(get().db, id))?.category).toBe("forest-fire");
      const category = await get().db.selectFrom("course_categories").selectAll().where("code", "=", "forest-fire").executeTakeFirst();
      expect(category).toMatchObject({ name: "森林防火", builtin: 0 });
    });

    it("refuses a taken category code or name, or an unknown tier, and writes nothing", async () => {
      const [courses, categories] = [await count(get(), "courses"), await count(get(), "course_categories")];
      await expect(
        createAuthoredCourse(get().db, owner.id, courseInput({ category: NEW_CATEGORY, newCategoryName: "另一个", newCategoryCode: "flood" })),
      ).rejects.toMatchObject({ fieldErrors: { newCategoryCode: expect.stringContaining("已被「防汛防台」使用") } });
      await expect(
        createAuthoredCourse(get().db, owner.id, courseInput({ category: NEW_CATEGORY, newCategoryName: "防汛防台", newCategoryCode: "flood-2" })),
      ).rejects.toMatchObject({ fieldErrors: { newCategoryName: "分类「防汛防台」已存在，请直接选择" } });
      await expect(createAuthoredCourse(get().db, owner.id, courseInput({ audienceTiers: ["nobody"] }))).rejects.toBeInstanceOf(CourseInputError);
      await expect(createAuthoredCourse(get().db, owner.id, courseInput({ category: "no-such" }))).rejects.toMatchObject({
        fieldErrors: { category: "请选择课程分类" },
      });
      expect([await count(get(), "courses"), await count(get(), "course_categories")]).toEqual([courses, categories]);
    });

    it("updates the course fields", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput());
      await updateAuthoredCourse(get().db, id, courseInput({ title: "防汛防台进阶", summary: "", category: "rescue", audienceTiers: ["grid", "station"] }));
      expect(await getCourse(get().db, id)).toMatchObject({ title: "防汛防台进阶", summary: "", category: "rescue", audience_tiers: "grid,station" });
    });
  });

  describe("status", () => {
    it("publishes only a course with a current lesson", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "待发布" }));
      await expect(changeCourseStatus(get().db, id, "published")).rejects.toThrow(new CourseRuleError("课程至少要有一个课时才能发布，请先新增课时"));
      expect((await getCourse(get().db, id))?.status).toBe("draft");

      const lessonId = await addLesson(get(), id, "第一课");
      await setLessonArchived(get().db, id, lessonId, true);
      await expect(changeCourseStatus(get().db, id, "published")).rejects.toBeInstanceOf(CourseRuleError);

      await setLessonArchived(get().db, id, lessonId, false);
      await changeCourseStatus(get().db, id, "published", 1_800_000_000_000);
      expect(await getCourse(get().db, id)).toMatchObject({ status: "published", published_at: 1_800_000_000_000 });
    });

    it("keeps a published course from losing its last lesson", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "单课时课程" }));
      const lessonId = await addLesson(get(), id, "唯一一课");
      await changeCourseStatus(get().db, id, "published");
      await expect(setLessonArchived(get().db, id, lessonId, true)).rejects.toBeInstanceOf(CourseRuleError);
      expect((await getLesson(get().db, lessonId))?.archived).toBe(0);
    });

    it("withdraws to draft, archives, and brings an archived course back only as a draft", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "状态流转" }));
      await addLesson(get(), id, "第一课");
      await changeCourseStatus(get().db, id, "published", 1_800_000_000_000);
      await changeCourseStatus(get().db, id, "draft");
      expect(await getCourse(get().db, id)).toMatchObject({ status: "draft", published_at: 1_800_000_000_000 });
      await changeCourseStatus(get().db, id, "archived");
      await expect(changeCourseStatus(get().db, id, "published")).rejects.toBeInstanceOf(CourseRuleError);
      await changeCourseStatus(get().db, id, "draft");
      expect((await getCourse(get().db, id))?.status).toBe("draft");
    });
  });

  describe("lesson order", () => {
    it("swaps neighbours, skips archived lessons and numbers positions 1…n", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "排序" }));
      const a = await addLesson(get(), id, "甲");
      const b = await addLesson(get(), id, "乙");
      const c = await addLesson(get(), id, "丙");
      const d = await addLesson(get(), id, "丁");
      const order = async () => (await lessonsOfCourse(get().db, id)).map((l) => l.id);

      expect(await moveLesson(get().db, id, c, "up")).toBe(true);
      expect(await order()).toEqual([a, c, b, d]);
      expect(await moveLesson(get().db, id, a, "up")).toBe(false);
      expect(await moveLesson(get().db, id, d, "down")).toBe(false);

      await setLessonArchived(get().db, id, b, true);
      expect(await moveLesson(get().db, id, d, "up")).toBe(true);
      expect(await order()).toEqual([a, d, c]);
      const all = await lessonsOfCourse(get().db, id, { includeArchived: true });
      expect(all.map((l) => l.position)).toEqual([1, 2, 3, 4]);

      // A lesson of another course, or an archived one, cannot be moved here.
      await expect(moveLesson(get().db, id, b, "up")).rejects.toBeInstanceOf(CourseRuleError);
      const other = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "别的课程" }));
      const foreign = await addLesson(get(), other, "外来");
      await expect(moveLesson(get().db, id, foreign, "up")).rejects.toBeInstanceOf(CourseRuleError);

      // Restored lessons go to the end.
      await setLessonArchived(get().db, id, b, false);
      expect(await order()).toEqual([a, d, c, b]);
    });
  });

  describe("owners", () => {
    it("adds instructors by 工号, refuses others, and never removes the last owner", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "负责人" }));
      await expect(addOwnerByEmployeeNo(get().db, id, "NOPE-404")).rejects.toMatchObject({ fieldErrors: { employeeNo: "找不到工号为 NOPE-404 的人员" } });
      await expect(addOwnerByEmployeeNo(get().db, id, trainee.employeeNo)).rejects.toMatchObject({
        fieldErrors: { employeeNo: expect.stringContaining("不具有教员角色") },
      });
      await expect(addOwnerByEmployeeNo(get().db, id, owner.employeeNo)).rejects.toMatchObject({
        fieldErrors: { employeeNo: expect.stringContaining("已是本课程负责人") },
      });

      await addOwnerByEmployeeNo(get().db, id, ` ${colleague.employeeNo} `);
      expect((await ownersOf(get().db, id)).map((o) => o.id).sort((x, y) => x - y)).toEqual([owner.id, colleague.id].sort((x, y) => x - y));

      await removeOwner(get().db, id, owner.id);
      await expect(removeOwner(get().db, id, colleague.id)).rejects.toThrow(new CourseRuleError("课程至少要保留一名负责人，请先添加其他负责人"));
      await expect(removeOwner(get().db, id, trainee.id)).rejects.toBeInstanceOf(CourseRuleError);
      expect((await ownersOf(get().db, id)).map((o) => o.id)).toEqual([colleague.id]);
    });

    it("lets owners, admins and — for imported courses — any instructor edit; others read", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "权限" }));
      const as = (personId: number, ...roles: SessionUser["grants"][number]["role"][]) => sessionUser(personId, roles);
      expect((await courseForAuthor(get().db, as(owner.id, "instructor"), id))?.access).toBe("edit");
      expect((await courseForAuthor(get().db, as(colleague.id, "instructor"), id))?.access).toBe("read");
      expect((await courseForAuthor(get().db, as(trainee.id, "admin"), id))?.access).toBe("edit");
      expect((await courseForAuthor(get().db, as(trainee.id, "trainee"), id))?.access).toBe("none");
      const imported = await createCourse(get().db, { ...courseInput({ title: "导入课程" }), contentKey: `k-${Date.now()}`, createdBy: null });
      expect((await courseForAuthor(get().db, as(colleague.id, "instructor"), imported))?.access).toBe("edit");
      expect(await courseForAuthor(get().db, as(owner.id, "instructor"), 999_999)).toBeUndefined();
    });
  });

  describe("list", () => {
    it("filters by status, category, text and ownership, with lesson totals and owners", async () => {
      const id = await createAuthoredCourse(get().db, colleague.id, courseInput({ title: "列表_特殊%课程", category: "drill" }));
      await addLesson(get(), id, "一", 30);
      const archived = await addLesson(get(), id, "二", 15);
      await addLesson(get(), id, "三", 45);
      await setLessonArchived(get().db, id, archived, true);

      const found = await listAuthoringCourses(get().db, owner.id, { q: "_特殊%" }, 1);
      expect(found.total).toBe(1);
      expect(found.rows[0]).toMatchObject({ id, lessonCount: 2, minutes: 75, categoryName: "实战演练", status: "draft" });
      expect(found.rows[0].owners.map((o) => o.id)).toEqual([colleague.id]);

      expect((await listAuthoringCourses(get().db, owner.id, { q: "列表x特殊" }, 1)).total).toBe(0);
      expect((await listAuthoringCourses(get().db, owner.id, { q: "特殊", mine: "1" }, 1)).total).toBe(0);
      expect((await listAuthoringCourses(get().db, colleague.id, { q: "特殊", mine: "1" }, 1)).total).toBe(1);
      expect((await listAuthoringCourses(get().db, owner.id, { q: "特殊", status: "published" }, 1)).total).toBe(0);
      expect((await listAuthoringCourses(get().db, owner.id, { q: "特殊", category: "drill" }, 1)).total).toBe(1);
    });
  });

  describe("attachments", () => {
    it("stores and lists a PDF with its lesson, and a refused file writes neither row", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "附件" }));
      const lessonId = await addLesson(get(), id, "有附件的课");
      const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
      const stored = await attachFile(get().db, lessonId, { name: "手册.pdf", bytes: pdf }, owner.id);
      const second = await attachFile(get().db, lessonId, { name: "附录", bytes: pdf }, owner.id);
      expect((await attachmentsOf(get().db, lessonId)).map((a) => a.original_name)).toEqual(["手册.pdf", "附录.pdf"]);

      const before = [await count(get(), "uploads"), await count(get(), "lesson_attachments")];
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
      await expect(attachFile(get().db, lessonId, { name: "假的.pdf", bytes: png }, owner.id)).rejects.toBeInstanceOf(UploadError);
      expect([await count(get(), "uploads"), await count(get(), "lesson_attachments")]).toEqual(before);

      expect(await detachFile(get().db, lessonId, stored.id)).toBe(true);
      expect(await detachFile(get().db, lessonId, stored.id)).toBe(false);
      expect((await attachmentsOf(get().db, lessonId)).map((a) => a.id)).toEqual([second.id]);
    });
  });

  describe("lesson edit page", () => {
    function context(user: SessionUser): AppLoadContext {
      return { db: get().db, dialect: get().dialect, lucia: null as never, nonce: "", clientAddress: "127.0.0.1", user };
    }

    function saveRequest(lessonId: number, fields: Record<string, string>) {
      // What a browser posts for a form without encType: urlencoded, not multipart.
      const form = new URLSearchParams();
      form.append("intent", "save");
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      for (const option of ["火灾", "触电", "", "", "", "", "", ""]) form.append("checkOptions", option);
      return new Request(`http://localhost/lessons/${lessonId}/edit`, { method: "POST", body: form });
    }

    async function save(user: SessionUser, lessonId: number, fields: Record<string, string>) {
      const result = (await editLessonAction({ request: saveRequest(lessonId, fields), context: context(user), params: { id: String(lessonId) } })) as unknown as {
        data: { ok: boolean; message: string | null; errors: Record<string, string>; values: { title: string; body: string } | null; conflictRevision: number | null };
        init: { status: number } | null;
      };
      return { status: result.init?.status ?? 200, ...result.data };
    }

    it("saves with the expected revision and refuses a stale one without losing the submitted content", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "并发编辑" }));
      const lessonId = await addLesson(get(), id, "原标题");
      const me = sessionUser(owner.id, ["instructor"]);
      const fields = { title: "我的标题", minutes: "30", body: body("我的正文"), checkQuestion: "最常见的风险？", checkAnswer: "0", note: "我的修改" };

      const first = await save(me, lessonId, { ...fields, expectedRevision: "1" });
      expect(first).toMatchObject({ status: 200, ok: true, message: "已保存为第 2 版" });
      expect(await getLesson(get().db, lessonId)).toMatchObject({ title: "我的标题", revision: 2, minutes: 30 });
      expect(JSON.parse((await getLesson(get().db, lessonId))!.check_question!)).toEqual({
        question: "最常见的风险？",
        options: ["火灾", "触电"],
        answer: 0,
        explanation: "",
      });

      const stale = await save(me, lessonId, { ...fields, title: "过期的标题", expectedRevision: "1" });
      expect(stale).toMatchObject({ status: 409, ok: false, conflictRevision: 2, values: { title: "过期的标题" } });
      expect(stale.message).toMatch(/^未保存：在您编辑期间/);
      expect(JSON.parse(stale.values!.body)).toEqual(JSON.parse(body("我的正文")));
      expect((await getLesson(get().db, lessonId))?.title).toBe("我的标题");

      const invalid = await save(me, lessonId, { ...fields, body: JSON.stringify({ type: "doc", content: [{ type: "iframe" }] }), expectedRevision: "2" });
      expect(invalid).toMatchObject({ status: 400, errors: { body: expect.any(String) } });
      expect((await getLesson(get().db, lessonId))?.revision).toBe(2);
    });

    it("shows other instructors' lessons read-only and refuses their saves", async () => {
      const id = await createAuthoredCourse(get().db, owner.id, courseInput({ title: "只读" }));
      const lessonId = await addLesson(get(), id, "别人的课");
      const other = sessionUser(colleague.id, ["instructor"]);
      const result = await save(other, lessonId, { title: "篡改", minutes: "10", body: body("x"), expectedRevision: "1" });
      expect(result).toMatchObject({ status: 403, ok: false });
      expect((await getLesson(get().db, lessonId))?.title).toBe("别人的课");
      await expect(save(sessionUser(trainee.id, ["trainee"]), lessonId, { expectedRevision: "1" })).rejects.toMatchObject({ status: 404 });
    });
  });
});
