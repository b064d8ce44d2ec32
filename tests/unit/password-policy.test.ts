import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "~/modules/auth/common-passwords";
import { passwordProblem, PASSWORD_MAX, PASSWORD_MIN } from "~/modules/auth/password-policy";

describe("passwordProblem", () => {
  it("accepts a reasonable password", () => {
    expect(passwordProblem("Xq7#lantern-river")).toBeNull();
    expect(passwordProblem("防汛防台2026年加油")).toBeNull();
  });

  it("enforces the length bounds, counting characters not bytes", () => {
    expect(passwordProblem("Zk9!mq2x".slice(0, PASSWORD_MIN - 1))).toMatch(/至少/);
    expect(passwordProblem("Zk9!mq2")).toMatch(/至少 8 位/);
    expect(passwordProblem("应急管理局培训平")).toBeNull(); // 8 Chinese characters
    expect(passwordProblem("x".repeat(PASSWORD_MAX + 1))).toMatch(/最多/);
    expect(passwordProblem(`Ab3$${"k".repeat(60)}`)).toBeNull(); // 64 characters is allowed
    expect(PASSWORD_MAX).toBeGreaterThanOrEqual(64);
  });

  it("rejects common passwords regardless of case", () => {
    for (const pw of ["12345678", "password", "PASSWORD1", "woaini1314", "1qaz2wsx", "Aa123456", "88888888"]) {
      expect(passwordProblem(pw), pw).toMatch(/常见密码|重复|连续/);
    }
  });

  it("keeps only lower-case entries in the common list, so the lookup can lower-case input", () => {
    for (const pw of COMMON_PASSWORDS) expect(pw).toBe(pw.toLowerCase());
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(500);
  });

  it("rejects repeated characters and straight sequences", () => {
    expect(passwordProblem("zzzzzzzzz")).toMatch(/同一个字符/);
    expect(passwordProblem("abcdefghij")).toMatch(/连续/);
    expect(passwordProblem("987654321")).toMatch(/常见密码|连续/);
    expect(passwordProblem("mnopqrstu")).toMatch(/连续/);
    expect(passwordProblem("abcdefgx9")).toBeNull();
  });

  it("rejects passwords that contain the employee number or mobile", () => {
    expect(passwordProblem("E0012345xyz", { employeeNo: "E0012345" })).toMatch(/工号或手机号/);
    expect(passwordProblem("pw13912345678", { mobile: "13912345678" })).toMatch(/工号或手机号/);
    expect(passwordProblem("pw-e0012345!", { employeeNo: "E0012345" })).toMatch(/工号或手机号/);
    expect(passwordProblem("Lantern#river9", { employeeNo: "E0012345", mobile: "13912345678" })).toBeNull();
  });
});
