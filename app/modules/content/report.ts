import type { ImportReport } from "./import.server";

/** The import report as lines for a terminal or the start-up log. */
export function formatImportReport(report: ImportReport): string[] {
  const lines = [
    `content import: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged} unchanged, ${report.keptEdited.length} kept (edited in the app)`,
  ];
  for (const item of report.created) lines.push(`  + ${item}`);
  for (const item of report.updated) lines.push(`  ~ ${item}`);
  for (const item of report.keptEdited) lines.push(`  ! ${item}: 已在平台中修改，未覆盖`);
  return lines;
}
