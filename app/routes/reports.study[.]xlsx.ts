// GET /reports/study.xlsx?<report filters>: the study report, both the unit summary and the
// per-person list, as an Excel workbook with the same scope as the page.
import ExcelJS from "exceljs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { LEVEL_LABELS } from "~/modules/study/report";
import { buildStudyReport, parseReportParams } from "~/modules/study/report-view.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { todayInShanghai } from "~/utils/time";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "report:study");
  const params = parseReportParams(new URL(args.request.url).searchParams);
  const report = await buildStudyReport(args.context.db, user, params);
  const course = params.course !== undefined;

  const book = new ExcelJS.Workbook();
  const units = book.addWorksheet(`按${LEVEL_LABELS[params.level]}汇总`);
  units.addRow(["单位", "人数", "人均学时", "学时达标人数", "达标率(%)", ...(course ? ["完成所选课程人数", "完成率(%)"] : [])]);
  for (const u of report.units) {
    units.addRow([u.unitName, u.people, Number(u.average), u.met, u.metPercent, ...(course ? [u.completedCourse, u.completedCoursePercent] : [])]);
  }
  const people = book.addWorksheet("人员明细");
  people.addRow(["姓名", "工号", "单位", "培训层级", "本年学时", "要求学时", "完成课程数", "是否达标", ...(course ? ["所选课程"] : [])]);
  for (const p of report.people) {
    people.addRow([
      p.name,
      p.employeeNo,
      p.unitName,
      p.tierName,
      Number(p.hours),
      Number(p.required),
      p.coursesCompleted,
      p.met ? "达标" : "未达标",
      ...(course ? [p.completedCourse ? "已完成" : "未完成"] : []),
    ]);
  }
  for (const sheet of [units, people]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    sheet.columns.forEach((column) => (column.width = 16));
  }
  const buffer = await book.xlsx.writeBuffer();
  const fileName = `学习统计-${params.year}-${todayInShanghai()}.xlsx`;
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="study-report.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
