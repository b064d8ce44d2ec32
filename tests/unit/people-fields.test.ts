import { describe, expect, it } from "vitest";
import { maskMobile, mobileFor } from "~/modules/people/display";
import {
  employeeNoKey,
  employeeNoVariants,
  checkBirthDate,
  checkEmployeeNo,
  checkGender,
  checkMobile,
  checkName,
  checkPost,
  checkRank,
  normalizeName,
  normalizeText,
  parseDateText,
} from "~/modules/people/fields";
import { principal } from "../fixtures/people/org";

const TODAY = "2026-11-29";

describe("normalisation", () => {
  it("folds full-width characters and the ideographic space, trims and collapses spaces", () => {
    expect(normalizeText("　Ａ００１　 ")).toBe("A001");
    expect(normalizeText(" a \t b ")).toBe("a b");
    expect(normalizeText("\u200bx\ufeff")).toBe("x");
  });

  it("drops alignment spaces inside Chinese names but keeps them in other names", () => {
    expect(normalizeName("王　芳")).toBe("王芳");
    expect(normalizeName(" 欧阳  娜娜 ")).toBe("欧阳娜娜");
    expect(normalizeName("John  Smith")).toBe("John Smith");
  });
});

describe("field checks", () => {
  it("requires a name of at most 50 characters", () => {
    expect(checkName("  ")).toEqual({ ok: false, message: "请填写姓名" });
    expect(checkName("张三")).toEqual({ ok: true, value: "张三" });
    expect(checkName("张".repeat(51)).ok).toBe(false);
  });

  it("normalises 工号 without spaces, keeps letter case, and rejects other characters", () => {
    expect(checkEmployeeNo(" ｅ００１ ")).toEqual({ ok: true, value: "e001" });
    expect(checkEmployeeNo("a 12-3_X")).toEqual({ ok: true, value: "a12-3_X" });
    expect(checkEmployeeNo("admin")).toEqual({ ok: true, value: "admin" });
    expect(checkEmployeeNo("")).toEqual({ ok: false, message: "请填写工号" });
    expect(checkEmployeeNo("工号1").ok).toBe(false);
    expect(checkEmployeeNo("X".repeat(33)).ok).toBe(false);
  });

  it("accepts mainland mobiles with separators, full-width digits or +86, and blank", () => {
    expect(checkMobile("138 0013 8000")).toEqual({ ok: true, value: "13800138000" });
    expect(checkMobile("１３８００１３８０００")).toEqual({ ok: true, value: "13800138000" });
    expect(checkMobile("+86 138-0013-8000")).toEqual({ ok: true, value: "13800138000" });
    expect(checkMobile("")).toEqual({ ok: true, value: null });
    for (const bad of ["1380013800", "23800138000", "12800138000", "138001380001", "abc"]) {
      expect(checkMobile(bad).ok, bad).toBe(false);
    }
  });

  it("compares 工号 case-blind, as MySQL does", () => {
    expect(employeeNoKey("Ab1")).toBe("AB1");
    expect(employeeNoVariants("Ab1")).toEqual(["Ab1", "AB1", "ab1"]);
    expect(employeeNoVariants("123")).toEqual(["123"]);
  });

  it("reads gender as 男/女 or male/female", () => {
    expect(checkGender("男")).toEqual({ ok: true, value: "male" });
    expect(checkGender(" 女 ")).toEqual({ ok: true, value: "female" });
    expect(checkGender("Female")).toEqual({ ok: true, value: "female" });
    expect(checkGender("")).toEqual({ ok: true, value: null });
    expect(checkGender("未知")).toEqual({ ok: false, message: "性别「未知」无效，只能填 男 或 女" });
  });

  it("knows the posts, with full-width brackets and 站长/队长 as spellings of 站(队)长", () => {
    expect(checkPost("站（队）长")).toEqual({ ok: true, value: "站(队)长" });
    expect(checkPost("队长")).toEqual({ ok: true, value: "站(队)长" });
    expect(checkPost("网格员")).toEqual({ ok: true, value: "网格员" });
    expect(checkPost("")).toEqual({ ok: false, message: "请填写岗位" });
    const unknown = checkPost("司机");
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.message).toContain("岗位「司机」不存在");
  });

  it("limits rank to 32 characters and allows it blank", () => {
    expect(checkRank("")).toEqual({ ok: true, value: null });
    expect(checkRank(" 一级主任科员 ")).toEqual({ ok: true, value: "一级主任科员" });
    expect(checkRank("级".repeat(33)).ok).toBe(false);
  });
});

describe("dates", () => {
  it("parses the accepted text formats", () => {
    expect(parseDateText("1990-05-01")).toBe("1990-05-01");
    expect(parseDateText("1990/5/1")).toBe("1990-05-01");
    expect(parseDateText("1990.5.1")).toBe("1990-05-01");
    expect(parseDateText("1990年5月1日")).toBe("1990-05-01");
    expect(parseDateText("19900501")).toBe("1990-05-01");
    expect(parseDateText("１９９０－０５－０１")).toBe("1990-05-01");
  });

  it("rejects impossible dates and mixed separators", () => {
    for (const bad of ["1990-02-30", "1990-13-01", "1990-5/1", "90-5-1", "1899-12-31", "生日", "2023-02-29"]) {
      expect(parseDateText(bad), bad).toBeNull();
    }
    expect(parseDateText("2024-02-29")).toBe("2024-02-29");
  });

  it("checks birth dates: blank allowed, bad text and future dates refused", () => {
    expect(checkBirthDate("", TODAY)).toEqual({ ok: true, value: null });
    expect(checkBirthDate("1990/5/1", TODAY)).toEqual({ ok: true, value: "1990-05-01" });
    expect(checkBirthDate("1990-02-30", TODAY)).toEqual({ ok: false, message: "出生日期「1990-02-30」无效，应写成 1990-05-01 或 1990/5/1" });
    expect(checkBirthDate("2027-01-01", TODAY)).toEqual({ ok: false, message: "出生日期 2027-01-01 晚于今天" });
  });
});

describe("mobile masking", () => {
  it("masks the middle four digits", () => {
    expect(maskMobile("13812341234")).toBe("138****1234");
    expect(maskMobile(null)).toBeNull();
    expect(maskMobile("12345")).toBe("*****");
  });

  it("shows the full number to hr/admin and a masked one to managers", () => {
    const path = "/1/2/3/";
    expect(mobileFor(principal(1, "admin"), path, "13812341234")).toBe("13812341234");
    expect(mobileFor(principal(1, "hr"), path, "13812341234")).toBe("13812341234");
    expect(mobileFor(principal(1, "manager", { id: 2, path: "/1/2/" }), path, "13812341234")).toBe("138****1234");
    expect(mobileFor(principal(1, "trainee"), path, "13812341234")).toBe("138****1234");
  });
});
