// Syllabus summaries as the pages show them: instants in Beijing time, 学时 as decimals. Pure.
import { formatHours } from "~/modules/study/hours";
import { formatInstant } from "~/utils/time";
import type { TierPlanView, VersionSummary } from "./admin.server";
import type { TierRow, VersionRow } from "./version-view";

export function versionRow(v: VersionSummary): VersionRow {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    inForce: v.inForce,
    createdAt: formatInstant(v.createdAt),
    publishedAt: v.publishedAt === null ? null : formatInstant(v.publishedAt),
    publishedByName: v.publishedByName,
  };
}

export function tierRow(t: TierPlanView): TierRow {
  return { code: t.code, name: t.name, requiredHours: formatHours(t.requiredHoursX100), required: t.required, elective: t.elective };
}
