import { describe, expect, it } from "vitest";
import { aggregateByUnit, groupUnitId, meetsRequirement, type PersonStudyRow } from "~/modules/study/report";

function row(id: number, path: string, tier: string, hoursX100: number, completedCourse: boolean | null = null): PersonStudyRow {
  const ids = path.split("/").filter(Boolean).map(Number);
  return {
    personId: id,
    name: `人员${id}`,
    employeeNo: `E${id}`,
    tier,
    unitId: ids[ids.length - 1],
    unitName: "单位",
    unitPath: path,
    hoursX100,
    coursesCompleted: 0,
    completedCourse,
  };
}

const requirements = new Map([
  ["grid", 1200],
  ["chief", 2200],
]);

describe("groupUnitId", () => {
  it("finds the ancestor at the chosen level", () => {
    expect(groupUnitId("/1/4/17/90/", "district")).toBe(4);
    expect(groupUnitId("/1/4/17/90/", "town")).toBe(17);
    expect(groupUnitId("/1/4/17/90/", "unit")).toBe(90);
  });

  it("counts people above the level under their own unit", () => {
    expect(groupUnitId("/1/", "district")).toBe(1);
    expect(groupUnitId("/1/4/", "town")).toBe(4);
  });
});

describe("meetsRequirement", () => {
  it("compares against the tier's requirement, and a tier without one is met", () => {
    expect(meetsRequirement({ tier: "grid", hoursX100: 1200 }, requirements)).toBe(true);
    expect(meetsRequirement({ tier: "grid", hoursX100: 1150 }, requirements)).toBe(false);
    expect(meetsRequirement({ tier: "cadre", hoursX100: 0 }, requirements)).toBe(true);
  });
});

describe("aggregateByUnit", () => {
  const rows = [
    row(1, "/1/4/17/90/", "grid", 1200, true),
    row(2, "/1/4/17/91/", "grid", 600, false),
    row(3, "/1/4/18/", "chief", 2500, true),
    row(4, "/1/5/30/", "grid", 0, false),
  ];

  it("sums people, 学时, requirement met and course completion per district", () => {
    const groups = aggregateByUnit(rows, "district", requirements);
    expect(groups).toEqual([
      { unitId: 4, people: 3, totalHoursX100: 4300, averageHoursX100: 1433, met: 2, metPercent: 66, completedCourse: 2, completedCoursePercent: 66 },
      { unitId: 5, people: 1, totalHoursX100: 0, averageHoursX100: 0, met: 0, metPercent: 0, completedCourse: 0, completedCoursePercent: 0 },
    ]);
  });

  it("groups by town and leaves course columns empty without a course filter", () => {
    const groups = aggregateByUnit(rows.map((r) => ({ ...r, completedCourse: null })), "town", requirements);
    expect(groups.map((g) => [g.unitId, g.people])).toEqual([
      [17, 2],
      [18, 1],
      [30, 1],
    ]);
    expect(groups.every((g) => g.completedCourse === null && g.completedCoursePercent === null)).toBe(true);
  });

  it("is empty for no rows and never divides by zero", () => {
    expect(aggregateByUnit([], "unit", requirements)).toEqual([]);
  });

  it("counts every person exactly once whatever the level", () => {
    for (const level of ["district", "town", "unit"] as const) {
      expect(aggregateByUnit(rows, level, requirements).reduce((n, g) => n + g.people, 0)).toBe(rows.length);
    }
  });
});
