import { describe, expect, it } from "vitest";
import { contactFor, maskEmail } from "~/modules/instructors/display";
import {
  filtersToSearch,
  instructorFormSchema,
  instructorFormValues,
  instructorIntentSchema,
  parseInstructorFilters,
  ratingSchema,
} from "~/modules/instructors/schemas";
import { issuesByField } from "~/modules/people/form-data";

const internal = {
  kind: "internal",
  employeeNo: " e000123 ",
  name: "",
  organization: "",
  title: "",
  level: "中级教员",
  mobile: "",
  email: "",
  bio: "",
  specialties: ["hazard", "rescue", "hazard"],
  courseIds: ["3", "7", "3"],
};

const external = {
  ...internal,
  kind: "external",
  employeeNo: "",
  name: " 王　建国 ",
  organization: "浙江省应急管理科学研究院",
  title: "研究员",
  level: "特聘专家",
  mobile: "139 0571 0001",
  email: " WangJG@Example.org.cn ",
  bio: "  第一行\r\n第二行  ",
};

describe("instructor form schema", () => {
  it("takes an internal instructor by 工号, de-duplicating the multi-selects", () => {
    expect(instructorFormSchema.parse(internal)).toEqual({
      kind: "internal",
      employeeNo: "e000123",
      level: "中级教员",
      title: null,
      mobile: null,
      email: null,
      bio: "",
      specialties: ["hazard", "rescue"],
      courseIds: [3, 7],
    });
  });

  it("takes an external expert with name and organization, normalising contact details", () => {
    expect(instructorFormSchema.parse(external)).toEqual({
      kind: "external",
      name: "王建国",
      organization: "浙江省应急管理科学研究院",
      level: "特聘专家",
      title: "研究员",
      mobile: "13905710001",
      email: "wangjg@example.org.cn",
      bio: "第一行\n第二行",
      specialties: ["hazard", "rescue"],
      courseIds: [3, 7],
    });
  });

  it("asks an internal instructor for the 工号", () => {
    const result = instructorFormSchema.safeParse({ ...internal, employeeNo: " " });
    expect(result.success).toBe(false);
    expect(issuesByField(result.error!)).toEqual({ employeeNo: "内部教员请填写本人工号" });
    const bad = instructorFormSchema.safeParse({ ...internal, employeeNo: "张三" });
    expect(issuesByField(bad.error!).employeeNo).toMatch(/工号只能包含/);
  });

  it("asks an external expert for both name and organization at once", () => {
    const result = instructorFormSchema.safeParse({ ...external, name: "", organization: " " });
    expect(issuesByField(result.error!)).toEqual({ name: "请填写姓名", organization: "外聘专家请填写工作单位" });
  });

  it("puts a Chinese message on every bad field", () => {
    const result = instructorFormSchema.safeParse({
      ...external,
      kind: "x",
      level: "教授",
      mobile: "12345",
      email: "not-an-email",
      courseIds: ["abc"],
      bio: "长".repeat(2001),
    });
    const errors = issuesByField(result.error!);
    expect(errors.kind).toBe("请选择教员类别");
    expect(errors.level).toBe("请选择教员级别");
    expect(errors.mobile).toMatch(/手机号/);
    expect(errors.email).toBe("邮箱「not-an-email」格式不正确");
    expect(errors.courseIds).toBe("所选课程无效");
    expect(errors.bio).toBe("简介最多 2000 个字");
  });

  it("reads checkbox groups from repeated form keys", () => {
    const form = new FormData();
    form.set("kind", "internal");
    form.set("employeeNo", "E1");
    form.append("specialties", "hazard");
    form.append("specialties", "flood");
    form.append("courseIds", "4");
    form.append("courseIds", "");
    const values = instructorFormValues(form);
    expect(values).toMatchObject({ kind: "internal", employeeNo: "E1", name: "", specialties: ["hazard", "flood"], courseIds: ["4"] });
  });
});

describe("rating and intent schemas", () => {
  it("accepts a whole score from 1 to 5 only", () => {
    expect(ratingSchema.parse({ score: "4" })).toEqual({ score: 4 });
    for (const score of ["0", "6", "4.5", "", null]) {
      const result = ratingSchema.safeParse({ score });
      expect(result.success).toBe(false);
      expect(issuesByField(result.error!).score).toBe("请选择 1–5 分");
    }
  });

  it("knows the page's intents", () => {
    expect(instructorIntentSchema.safeParse({ intent: "rate" }).success).toBe(true);
    expect(instructorIntentSchema.safeParse({ intent: "drop" }).success).toBe(false);
  });
});

describe("instructor list filters", () => {
  it("keeps valid filters and ignores malformed ones", () => {
    const filters = parseInstructorFilters(new URLSearchParams("q=%20王%20&specialty=flood&level=教授&kind=external&status=bogus"));
    expect(filters).toEqual({ q: "王", specialty: "flood", level: undefined, kind: "external", status: "active" });
    expect(filtersToSearch(filters)).toBe("q=%E7%8E%8B&specialty=flood&kind=external&status=active");
  });

  it("defaults to active instructors", () => {
    expect(parseInstructorFilters(new URLSearchParams())).toEqual({ status: "active" });
  });
});

describe("contact display", () => {
  it("masks contact details for readers who do not manage the pool", () => {
    expect(maskEmail("zhang.wei@example.cn")).toBe("z***@example.cn");
    expect(maskEmail(null)).toBeNull();
    expect(contactFor(false, { mobile: "13905710001", email: "a@b.cn" })).toEqual({ mobile: "139****0001", email: "a***@b.cn" });
    expect(contactFor(true, { mobile: "13905710001", email: "a@b.cn" })).toEqual({ mobile: "13905710001", email: "a@b.cn" });
  });
});
