// Study report aggregation: plain functions over per-person rows, so they are unit-tested.
import { idsOfPath } from "~/modules/org/org-types";

export interface PersonStudyRow {
  personId: number;
  name: string;
  employeeNo: string;
  tier: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  hoursX100: number;
  coursesCompleted: number;
  /** Whether the person completed the course the report is filtered on (null: no course filter). */
  completedCourse: boolean | null;
}

export type GroupLevel = "district" | "town" | "unit";

export const LEVEL_LABELS: Record<GroupLevel, string> = { district: "区县", town: "乡镇(街道)", unit: "所在单位" };

const LEVEL_DEPTH: Record<Exclude<GroupLevel, "unit">, number> = { district: 1, town: 2 };

/** The unit a person is counted under: their ancestor at the level's depth, or their own unit when they sit higher. */
export function groupUnitId(unitPath: string, level: GroupLevel): number {
  const ids = idsOfPath(unitPath);
  if (level === "unit") return ids[ids.length - 1];
  const depth = LEVEL_DEPTH[level];
  return ids[Math.min(depth, ids.length - 1)];
}

export function meetsRequirement(row: Pick<PersonStudyRow, "hoursX100" | "tier">, requirements: ReadonlyMap<string, number>): boolean {
  return row.hoursX100 >= (requirements.get(row.tier) ?? 0);
}

export interface UnitStudyGroup {
  unitId: number;
  people: number;
  totalHoursX100: number;
  /** Average per person, × 100, rounded down. */
  averageHoursX100: number;
  met: number;
  /** Share meeting their tier's requirement, in whole percent (rounded down). */
  metPercent: number;
  completedCourse: number | null;
  completedCoursePercent: number | null;
}

export function aggregateByUnit(rows: readonly PersonStudyRow[], level: GroupLevel, requirements: ReadonlyMap<string, number>): UnitStudyGroup[] {
  const groups = new Map<number, { people: number; total: number; met: number; completed: number; filtered: boolean }>();
  for (const row of rows) {
    const id = groupUnitId(row.unitPath, level);
    const g = groups.get(id) ?? { people: 0, total: 0, met: 0, completed: 0, filtered: false };
    g.people++;
    g.total += row.hoursX100;
    if (meetsRequirement(row, requirements)) g.met++;
    if (row.completedCourse !== null) {
      g.filtered = true;
      if (row.completedCourse) g.completed++;
    }
    groups.set(id, g);
  }
  return [...groups].map(([unitId, g]) => ({
    unitId,
    people: g.people,
    totalHoursX100: g.total,
    averageHoursX100: Math.floor(g.total / g.people),
    met: g.met,
    metPercent: Math.floor((g.met * 100) / g.people),
    completedCourse: g.filtered ? g.completed : null,
    completedCoursePercent: g.filtered ? Math.floor((g.completed * 100) / g.people) : null,
  }));
}
