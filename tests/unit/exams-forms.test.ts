import { describe, expect, it } from "vitest";
import { accommodationSchema, audienceSchema, examFormSchema, parseLocalDateTime, splitEmployeeNos, toLocalDateTime } from "~/modules/exams/exam-schema";
import { addQuestionsSchema, formatPoints, newPaperSchema, parseScores, pointsX100, ruleSchema } from "~/modules/exams/paper-schema";

const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("paper forms", () => {
  it("reads points with up to two decimals as × 100 and refuses anything else in Chinese", () => {
    expect(pointsX100().parse("2")).toBe(200);
    expect(pointsX100().parse(" 1.5 ")).toBe(150);
    expect(pointsX100().parse("0.25")).toBe(25);
    for (const bad of ["", "abc", "1.234", "-1", "0", "1e3"]) expect(pointsX100().safeParse(bad).success).toBe(false);
    expect(pointsX100("每题分值").safeParse("1.234").error?.issues[0]?.message).toBe("每题分值须为数字，最多两位小数");
    expect([formatPoints(250), formatPoints(200), formatPoints(25), formatPoints(1005)]).toEqual(["2.5", "2", "0.25", "10.05"]);
  });

  it("needs a title and a mode for a new paper", () => {
    expect(issues(newPaperSchema.safeParse({ title: " ", multipleScoring: "partial", fillScoring: "all" }))).toEqual({ title: "请填写试卷名称", mode: "请选择组卷方式" });
    expect(newPaperSchema.parse({ title: "卷", mode: "drawn", multipleScoring: "all", fillScoring: "per_blank" })).toMatchObject({ description: "" });
  });

  it("validates a drawing rule: optional point, tag and difficulty; count and score", () => {
    expect(ruleSchema.parse({ bankId: "3", knowledgePointId: "", tag: " ", type: "single", difficulty: "", count: "10", score: "2" })).toEqual({
      bankId: 3,
      knowledgePointId: null,
      tag: null,
      type: "single",
      difficulty: null,
      count: 10,
      score: 200,
    });
    expect(issues(ruleSchema.safeParse({ bankId: "", type: "single", count: "0", score: "x", difficulty: "9" }))).toMatchObject({
      bankId: "请选择题库",
      count: "题数至少为 1",
      score: "每题分值须为数字，最多两位小数",
      difficulty: "难度为 1–5",
    });
  });

  it("needs at least one ticked question to add; reports bad scores by row", () => {
    expect(issues(addQuestionsSchema.safeParse({ questionIds: [], score: "2" }))).toEqual({ questionIds: "请先勾选要加入的试题" });
    const form = new FormData();
    for (const [id, score] of [["4", "2"], ["5", "abc"]]) {
      form.append("questionId", id!);
      form.append("score", score!);
    }
    expect(parseScores(form)).toEqual({ ok: false, errors: { "score.1": "分值须为数字，最多两位小数" } });
    form.delete("score");
    form.append("score", "2");
    form.append("score", "3");
    expect(parseScores(form)).toMatchObject({ ok: true });
  });
});

describe("exam forms", () => {
  const base = {
    title: "执法证考试",
    kind: "certificate",
    certificateType: "enforcement",
    certificateValidMonths: "36",
    paperId: "1",
    opensAt: "2026-12-01T09:00",
    closesAt: "2026-12-31T18:00",
    durationMinutes: "60",
    maxAttempts: "2",
    counting: "highest",
    pass: "60",
    shuffleQuestions: "1",
    scoreVisibility: "after_submit",
    reviewVisibility: "after_close",
  };

  it("reads datetime-local as Beijing time and back", () => {
    expect(parseLocalDateTime("2026-12-01T09:00")).toBe(Date.UTC(2026, 11, 1, 1, 0));
    expect(toLocalDateTime(Date.UTC(2026, 11, 1, 1, 0))).toBe("2026-12-01T09:00");
    expect(parseLocalDateTime("2026-02-31T09:00")).toBeNull();
    expect(parseLocalDateTime("明天")).toBeNull();
  });

  it("parses a valid certificate exam", () => {
    expect(examFormSchema.parse(base)).toMatchObject({
      opensAt: Date.UTC(2026, 11, 1, 1, 0),
      closesAt: Date.UTC(2026, 11, 31, 10, 0),
      pass: 6000,
      shuffleQuestions: true,
      shuffleOptions: false,
      courseId: null,
      certificateValidMonths: 36,
    });
  });

  it("puts each cross-field error next to its field", () => {
    expect(issues(examFormSchema.safeParse({ ...base, closesAt: "2026-11-30T09:00" }))).toEqual({ closesAt: "结束时间须晚于开始时间" });
    expect(issues(examFormSchema.safeParse({ ...base, certificateType: "", certificateValidMonths: "" }))).toEqual({
      certificateType: "证书考试须选择证书类型",
      certificateValidMonths: "请填写证书有效期（月）",
    });
    expect(issues(examFormSchema.safeParse({ ...base, kind: "final" }))).toEqual({ courseId: "结业考试须选择所属课程" });
    expect(issues(examFormSchema.safeParse({ ...base, scoreVisibility: "never", reviewVisibility: "after_submit" }))).toEqual({ reviewVisibility: "答题解析不能早于成绩公开" });
    expect(issues(examFormSchema.safeParse({ ...base, title: "", opensAt: "x", durationMinutes: "0", paperId: "" }))).toMatchObject({
      title: "请填写考试名称",
      opensAt: "开始时间格式不正确",
      durationMinutes: "考试时长最少 1",
      paperId: "请选择试卷",
    });
  });

  it("splits 工号 lists and needs at least one accommodation", () => {
    expect(splitEmployeeNos("A1\nA2，A3 A1、A4;")).toEqual(["A1", "A2", "A3", "A4"]);
    expect(audienceSchema.parse({ tiers: ["grid"], unitIds: ["3"], employeeNos: "x1, x2" })).toEqual({ tiers: ["grid"], unitIds: [3], employeeNos: ["x1", "x2"] });
    expect(issues(accommodationSchema.safeParse({ employeeNo: "x1", extraMinutes: "0", extraAttempts: "0" }))).toEqual({
      extraMinutes: "请至少填写一项照顾安排（延长时间、增加次数或个人时间窗）",
    });
    expect(accommodationSchema.parse({ employeeNo: "x1", extraMinutes: "15", extraAttempts: "0", opensAt: "", closesAt: "", note: "值班" })).toEqual({
      employeeNo: "x1",
      extraMinutes: 15,
      extraAttempts: 0,
      opensAt: null,
      closesAt: null,
      note: "值班",
    });
    expect(issues(accommodationSchema.safeParse({ employeeNo: "", extraMinutes: "5", extraAttempts: "0" }))).toEqual({ employeeNo: "请输入工号" });
  });
});
