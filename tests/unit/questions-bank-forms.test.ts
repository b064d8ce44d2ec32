import { describe, expect, it } from "vitest";
import { bulkSchema, bulkValues, memberSchema, newBankSchema, pointPathSchema } from "~/modules/questions/bank-schema";

const firstError = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  result.success ? null : [String(result.error!.issues[0]!.path[0]), result.error!.issues[0]!.message];

describe("newBankSchema", () => {
  it("lower-cases and trims the key", () => {
    expect(newBankSchema.parse({ bankKey: "  Fire-Law-2026 ", title: " 消防法题库 ", category: "enforcement" })).toEqual({
      bankKey: "fire-law-2026",
      title: "消防法题库",
      category: "enforcement",
      description: "",
    });
  });

  it.each([
    ["", "请填写题库代码"],
    ["a", "题库代码至少 2 位"],
    ["x".repeat(64), "题库代码最多 63 位"],
    ["消防", "题库代码只能用小写字母、数字和连字符（-），如 fire-law-2026"],
    ["fire_law", "题库代码只能用小写字母、数字和连字符（-），如 fire-law-2026"],
    ["-fire", "题库代码不能以连字符开头或结尾"],
    ["fire-", "题库代码不能以连字符开头或结尾"],
  ])("key %j → %s", (bankKey, message) => {
    expect(firstError(newBankSchema.safeParse({ bankKey, title: "题库", category: "hazard" }))).toEqual(["bankKey", message]);
  });

  it("needs a title and a category", () => {
    expect(firstError(newBankSchema.safeParse({ bankKey: "ok", title: "  ", category: "hazard" }))).toEqual(["title", "请填写题库名称"]);
    expect(firstError(newBankSchema.safeParse({ bankKey: "ok", title: "题库", category: "" }))).toEqual(["category", "请选择分类"]);
  });
});

describe("member and knowledge point forms", () => {
  it("need a 工号 and a role, and a point path", () => {
    expect(firstError(memberSchema.safeParse({ employeeNo: " ", role: "owner" }))).toEqual(["employeeNo", "请输入工号"]);
    expect(firstError(memberSchema.safeParse({ employeeNo: "A1", role: "boss" }))).toEqual(["role", "请选择角色"]);
    expect(firstError(pointPathSchema.safeParse({ path: "" }))).toEqual(["path", "请填写知识点"]);
  });
});

describe("bulkSchema", () => {
  const form = (entries: Array<[string, string]>) => {
    const data = new FormData();
    for (const [k, v] of entries) data.append(k, v);
    return bulkSchema.safeParse(bulkValues(data));
  };

  it("reads repeated ids and the scope", () => {
    const result = form([["intent", "retire"], ["ids", "3"], ["ids", "5"]]);
    expect(result.success && result.data).toEqual({ intent: "retire", scope: "checked", ids: [3, 5], tag: "" });
    const all = form([["intent", "publish"], ["scope", "all"]]);
    expect(all.success && all.data.scope).toBe("all");
  });

  it("explains what is missing for each action", () => {
    expect(firstError(form([["intent", "retire"]]))).toEqual(["ids", "请先勾选试题，或选择“全部符合筛选条件的试题”"]);
    expect(firstError(form([["intent", "move"], ["ids", "1"]]))).toEqual(["toBankId", "请选择目标题库"]);
    expect(firstError(form([["intent", "tag"], ["ids", "1"], ["tag", " "]]))).toEqual(["tag", "请输入标签"]);
    expect(firstError(form([["intent", "untag"], ["ids", "1"], ["tag", "标".repeat(51)]]))).toEqual(["tag", "标签最多 50 字"]);
    expect(firstError(form([["intent", "delete"], ["ids", "1"]]))).toEqual(["intent", "未知的操作"]);
  });
});
