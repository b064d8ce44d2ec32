import { describe, expect, it } from "vitest";
import { issuesByField } from "~/modules/people/form-data";
import {
  assignRoleSchema,
  createPersonSchema,
  parsePeopleFilters,
  personFormSchema,
  personIntentSchema,
} from "~/modules/people/schemas";

const valid = {
  name: " 张　三 ",
  employeeNo: "e001",
  mobile: "138 0013 8000",
  gender: "male",
  birthDate: "1990-05-01",
  post: "网格员",
  tier: "grid",
  rank: "",
  orgUnitId: "7",
};

describe("person form schema", () => {
  it("normalises a valid submission", () => {
    const parsed = personFormSchema.parse(valid);
    expect(parsed).toEqual({
      name: "张三",
      employeeNo: "e001",
      mobile: "13800138000",
      gender: "male",
      birthDate: "1990-05-01",
      post: "网格员",
      tier: "grid",
      rank: null,
      orgUnitId: 7,
    });
  });

  it("puts a Chinese message on every bad field", () => {
    const result = personFormSchema.safeParse({ name: "", employeeNo: "", mobile: "123", gender: "x", birthDate: "1990-02-30", post: "", tier: "", orgUnitId: "" });
    expect(result.success).toBe(false);
    const errors = issuesByField(result.error!);
    expect(errors).toMatchObject({
      name: "请填写姓名",
      employeeNo: "请填写工号",
      post: "请填写岗位",
      tier: "请选择培训层级",
      orgUnitId: "请选择单位",
    });
    expect(errors.mobile).toContain("11 位");
    expect(errors.gender).toContain("男 或 女");
    expect(errors.birthDate).toContain("无效");
  });

  it("checks a typed initial password against the policy and the person's own 工号", () => {
    expect(createPersonSchema.parse({ ...valid, initialPassword: "" }).initialPassword).toBeNull();
    const weak = createPersonSchema.safeParse({ ...valid, initialPassword: "12345678" });
    expect(issuesByField(weak.error!).initialPassword).toBeTruthy();
    const ownNo = createPersonSchema.safeParse({ ...valid, employeeNo: "E12345", initialPassword: "xE12345yz" });
    expect(issuesByField(ownNo.error!).initialPassword).toBe("密码不能包含工号或手机号");
    expect(createPersonSchema.parse({ ...valid, initialPassword: "Kp7-wq2Lm9" }).initialPassword).toBe("Kp7-wq2Lm9");
  });
});

describe("intent and role schemas", () => {
  it("accepts only known intents", () => {
    expect(personIntentSchema.safeParse({ intent: "deactivate" }).success).toBe(true);
    expect(personIntentSchema.safeParse({ intent: "drop" }).success).toBe(false);
  });

  it("requires a scope unit for the manager role and drops it for others", () => {
    expect(issuesByField(assignRoleSchema.safeParse({ role: "manager", scopeOrgUnitId: "" }).error!).scopeOrgUnitId).toBe(
      "单位管理员须选择管理范围（单位）",
    );
    expect(assignRoleSchema.parse({ role: "manager", scopeOrgUnitId: "4" })).toEqual({ role: "manager", scopeOrgUnitId: 4 });
    expect(assignRoleSchema.parse({ role: "hr", scopeOrgUnitId: "4" })).toEqual({ role: "hr", scopeOrgUnitId: null });
    expect(assignRoleSchema.safeParse({ role: "root" }).success).toBe(false);
  });
});

describe("list filters", () => {
  it("ignores malformed values and defaults to active people", () => {
    const filters = parsePeopleFilters(new URLSearchParams("q=%20张%20&unit=abc&post=司机&tier=&status=weird&page=2"));
    expect(filters).toEqual({ q: "张", unit: undefined, post: undefined, tier: undefined, status: "active" });
  });

  it("keeps valid values", () => {
    const filters = parsePeopleFilters(new URLSearchParams("q=E001&unit=12&post=网格员&tier=grid&status=all"));
    expect(filters).toEqual({ q: "E001", unit: 12, post: "网格员", tier: "grid", status: "all" });
  });
});
