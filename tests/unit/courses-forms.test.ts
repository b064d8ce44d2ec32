import { describe, expect, it } from "vitest";
import { courseFormSchema, NEW_CATEGORY, parseCourseListFilters } from "~/modules/courses/course-schema";
import { checkQuestionValues, parseCheckQuestionFields, parseLessonForm, type LessonFormValues } from "~/modules/courses/lesson-schema";

const doc = (text: string) => JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

function lessonValues(overrides: Partial<LessonFormValues> = {}): LessonFormValues {
  return { title: "电动自行车火灾隐患", minutes: "30", body: doc("严禁飞线充电。"), note: "", ...checkQuestionValues(null), ...overrides };
}

function withOptions(options: string[], answer: string, question = "哪种做法正确？") {
  return lessonValues({ checkQuestion: question, checkOptions: [...options, ...Array(8 - options.length).fill("")], checkAnswer: answer });
}

describe("parseLessonForm", () => {
  it("accepts a lesson without a check question", () => {
    const result = parseLessonForm(lessonValues({ note: " 首版 " }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.lesson).toMatchObject({ title: "电动自行车火灾隐患", minutes: 30, checkQuestion: null, note: "首版" });
      expect(JSON.parse(result.lesson.body)).toEqual(JSON.parse(doc("严禁飞线充电。")));
    }
  });

  it.each([
    ["0", "预计学习时长至少 1 分钟"],
    ["601", "预计学习时长最多 600 分钟"],
    ["1.5", "预计学习时长须为 1–600 分钟的整数"],
    ["abc", "预计学习时长须为 1–600 分钟的整数"],
  ])("refuses %s minutes", (minutes, message) => {
    const result = parseLessonForm(lessonValues({ minutes }));
    expect(result).toMatchObject({ ok: false, errors: { minutes: message } });
  });

  it("takes 1 and 600 minutes", () => {
    expect(parseLessonForm(lessonValues({ minutes: "1" })).ok).toBe(true);
    expect(parseLessonForm(lessonValues({ minutes: "600" })).ok).toBe(true);
  });

  it("refuses a body that is not a valid document, and an empty one", () => {
    const script = JSON.stringify({ type: "doc", content: [{ type: "script", text: "alert(1)" }] });
    expect(parseLessonForm(lessonValues({ body: script }))).toMatchObject({ ok: false, errors: { body: expect.any(String) }, doc: null });
    expect(parseLessonForm(lessonValues({ body: "{not json" }))).toMatchObject({ ok: false, errors: { body: "正文格式无效，请刷新页面后重试" } });
    const outside = JSON.stringify({ type: "doc", content: [{ type: "image", attrs: { src: "https://evil.example/x.png" } }] });
    expect(parseLessonForm(lessonValues({ body: outside })).ok).toBe(false);
    const empty = JSON.stringify({ type: "doc", content: [{ type: "paragraph" }] });
    expect(parseLessonForm(lessonValues({ body: empty }))).toMatchObject({ ok: false, errors: { body: "请填写课时正文" } });
  });

  it("accepts images under /uploads/ and gives the valid document back when another field fails", () => {
    const body = JSON.stringify({
      type: "doc",
      content: [{ type: "image", attrs: { src: "/uploads/0b7c1f4e-2a51-4f3a-9d57-1c6f3b3c9e11", alt: "灭火器" } }],
    });
    expect(parseLessonForm(lessonValues({ body })).ok).toBe(true);
    const failed = parseLessonForm(lessonValues({ body, title: "" }));
    expect(failed).toMatchObject({ ok: false, errors: { title: "请填写课时名称" } });
    if (!failed.ok) expect(failed.doc?.content[0].type).toBe("image");
  });
});

describe("parseCheckQuestionFields", () => {
  it("is null when every field is blank", () => {
    expect(parseCheckQuestionFields(lessonValues())).toEqual({ question: null, errors: {} });
  });

  it("drops empty option slots and keeps the answer on its slot", () => {
    const values = lessonValues({
      checkQuestion: "充电时应当？",
      checkOptions: ["", "楼道飞线充电", "", "到集中充电点充电", "", "", "", ""],
      checkAnswer: "3",
      checkExplanation: "集中充电点有防护。",
    });
    expect(parseCheckQuestionFields(values)).toEqual({
      question: { question: "充电时应当？", options: ["楼道飞线充电", "到集中充电点充电"], answer: 1, explanation: "集中充电点有防护。" },
      errors: {},
    });
  });

  it("needs a question, 2–8 options and a correct answer on a filled slot", () => {
    expect(parseCheckQuestionFields(withOptions(["甲", "乙"], "0", "")).errors).toEqual({ checkQuestion: "请填写检查题题干" });
    expect(parseCheckQuestionFields(withOptions(["甲"], "0")).errors).toEqual({ checkOptions: "至少 2 个选项" });
    expect(parseCheckQuestionFields(withOptions(["甲", "乙"], "")).errors).toEqual({ checkAnswer: "请选择正确答案" });
    expect(parseCheckQuestionFields(withOptions(["甲", "乙"], "5")).errors).toEqual({ checkAnswer: "正确答案选项 F 为空，请重新选择" });
    expect(parseCheckQuestionFields(withOptions(["甲", "乙"], "9")).errors).toEqual({ checkAnswer: "请选择正确答案" });
    const eight = parseCheckQuestionFields(withOptions(["1", "2", "3", "4", "5", "6", "7", "8"], "7"));
    expect(eight.question?.answer).toBe(7);
  });

  it("round-trips a stored question through the form fields", () => {
    const stored = { question: "报警电话？", options: ["110", "119", "120"], answer: 1, explanation: "" };
    expect(parseCheckQuestionFields(lessonValues(checkQuestionValues(stored))).question).toEqual(stored);
  });
});

describe("courseFormSchema", () => {
  const base = { title: "防汛防台", summary: "", category: "flood", newCategoryName: "", newCategoryCode: "", audienceTiers: [] };

  it("accepts an existing category", () => {
    expect(courseFormSchema.safeParse(base).success).toBe(true);
  });

  it("needs a title and a category", () => {
    const result = courseFormSchema.safeParse({ ...base, title: " ", category: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["category", "title"]);
  });

  it("needs name and code for a new category", () => {
    const result = courseFormSchema.safeParse({ ...base, category: NEW_CATEGORY, newCategoryName: "", newCategoryCode: "防火" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["newCategoryCode", "newCategoryName"]);
    expect(courseFormSchema.safeParse({ ...base, category: NEW_CATEGORY, newCategoryName: "森林防火", newCategoryCode: "forest-fire" }).success).toBe(true);
  });
});

describe("parseCourseListFilters", () => {
  it("keeps valid filters and drops the rest", () => {
    expect(parseCourseListFilters(new URLSearchParams("status=published&category=flood&q=%20汛%20&mine=1"))).toEqual({
      status: "published",
      category: "flood",
      q: "汛",
      mine: "1",
    });
    expect(parseCourseListFilters(new URLSearchParams("status=deleted&mine=yes&q="))).toEqual({});
  });
});
