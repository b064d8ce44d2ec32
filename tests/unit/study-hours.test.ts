import { describe, expect, it } from "vitest";
import { creditedHoursX100, DEFAULT_HOURS_RULE, describeRule, formatHours, parseHours } from "~/modules/study/hours";

describe("creditedHoursX100 (45 minutes = 1 学时, rounded down to half a 学时)", () => {
  const cases: Array<[number, number]> = [
    [0, 0],
    [-10, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
    [22, 0],
    [22.5, 50],
    [30, 50],
    [44, 50],
    [45, 100],
    [60, 100],
    [67.5, 150],
    [89, 150],
    [90, 200],
    [135, 300],
    [450, 1000],
    [1, 0],
  ];
  for (const [minutes, expected] of cases) {
    it(`${minutes} min → ${expected / 100} 学时`, () => {
      expect(creditedHoursX100(minutes)).toBe(expected);
    });
  }

  it("never credits more than the study time covers, for every minute up to 10 hours", () => {
    for (let minutes = 0; minutes <= 600; minutes++) {
      const credited = creditedHoursX100(minutes);
      expect(credited % DEFAULT_HOURS_RULE.stepX100).toBe(0);
      expect((credited / 100) * 45).toBeLessThanOrEqual(minutes + 1e-9);
      expect(((credited + DEFAULT_HOURS_RULE.stepX100) / 100) * 45).toBeGreaterThan(minutes);
    }
  });

  it("follows a configured rule", () => {
    expect(creditedHoursX100(50, { minutesPerHour: 50, stepX100: 100 })).toBe(100);
    expect(creditedHoursX100(99, { minutesPerHour: 50, stepX100: 100 })).toBe(100);
    expect(creditedHoursX100(60, { minutesPerHour: 40, stepX100: 25 })).toBe(150);
    expect(creditedHoursX100(10, { minutesPerHour: 40, stepX100: 25 })).toBe(25);
    expect(() => creditedHoursX100(10, { minutesPerHour: 0, stepX100: 50 })).toThrow();
  });
});

describe("formatHours / parseHours", () => {
  it("formats hundredths without trailing zeros", () => {
    expect(formatHours(0)).toBe("0");
    expect(formatHours(150)).toBe("1.5");
    expect(formatHours(200)).toBe("2");
    expect(formatHours(25)).toBe("0.25");
    expect(formatHours(1205)).toBe("12.05");
  });

  it("parses what people type and refuses the rest", () => {
    expect(parseHours("1.5")).toBe(150);
    expect(parseHours(" 40 ")).toBe(4000);
    expect(parseHours("0.25")).toBe(25);
    expect(parseHours("2.")).toBeNull();
    expect(parseHours("-1")).toBeNull();
    expect(parseHours("1.234")).toBeNull();
    expect(parseHours("abc")).toBeNull();
    for (const x of [0, 50, 125, 4000, 99999]) expect(parseHours(formatHours(x))).toBe(x);
  });

  it("states the rule in Chinese", () => {
    expect(describeRule(DEFAULT_HOURS_RULE)).toBe("每学习 45 分钟计 1 学时，按 0.5 学时向下取整");
  });
});
