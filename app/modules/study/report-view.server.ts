// The study report as the page and the Excel export both show it.
import { z } from "zod";
import type { Db } from "#db/client";
import type { Principal } from "~/modules/auth/permissions";
import { can } from "~/modules/auth/permissions";
import { getUnit, pathLabelsOf } from "~/modules/org/units.server";
import { currentYear } from "./calendar";
import { formatHours } from "./hours";
import { aggregateByUnit, meetsRequirement } from "./report";
import { personStudyRows, tierRequirements } from "./report.server";

export const reportFiltersSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).catch(() => currentYear()),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  tier: z.string().max(32).optional().catch(undefined).transform((v) => v || undefined),
  course: z.coerce.number().int().positive().optional().catch(undefined),
  view: z.enum(["unit", "person"]).catch("unit"),
  level: z.enum(["district", "town", "unit"]).catch("town"),
});

export type ReportParams = z.infer<typeof reportFiltersSchema>;

export function parseReportParams(search: URLSearchParams): ReportParams {
  return reportFiltersSchema.parse(Object.fromEntries([...search].filter(([, v]) => v !== "")));
}

/** Rows for the chosen view; a unit filter outside the principal's scope simply matches nothing. */
export async function buildStudyReport(db: Db, principal: Principal, params: ReportParams) {
  const unit = params.unit ? await getUnit(db, params.unit) : undefined;
  const unitPath = unit && can(principal, "report:study", unit.path) ? unit.path : params.unit ? "/0/" : undefined;
  const [rows, requirements, tiers] = await Promise.all([
    personStudyRows(db, principal, { year: params.year, unitPath, tier: params.tier, courseId: params.course }),
    tierRequirements(db, params.year),
    db.selectFrom("training_tiers").select(["code", "name"]).execute(),
  ]);
  const tierNames = new Map(tiers.map((t) => [t.code, t.name]));
  const people = rows.map((r) => ({
    personId: r.personId,
    name: r.name,
    employeeNo: r.employeeNo,
    unitName: r.unitName,
    tierName: tierNames.get(r.tier) ?? r.tier,
    hours: formatHours(r.hoursX100),
    required: formatHours(requirements.get(r.tier) ?? 0),
    met: meetsRequirement(r, requirements),
    coursesCompleted: r.coursesCompleted,
    completedCourse: r.completedCourse,
  }));
  const groups = aggregateByUnit(rows, params.level, requirements);
  const groupNames = await pathLabelsOf(db, groups.map((g) => g.unitId));
  return {
    people,
    units: groups
      .map((g) => ({
        ...g,
        unitName: groupNames.get(g.unitId) ?? "",
        average: formatHours(g.averageHoursX100),
        total: formatHours(g.totalHoursX100),
      }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, "zh-CN")),
    totals: {
      people: rows.length,
      met: people.filter((p) => p.met).length,
      completedCourse: params.course ? people.filter((p) => p.completedCourse).length : null,
    },
  };
}
