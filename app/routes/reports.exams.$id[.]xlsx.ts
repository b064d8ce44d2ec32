// GET /reports/exams/:id.xlsx?<report filters>: the exam report (people and groups at the chosen
// level) as an Excel workbook, with the same scope and filters as the page.
import ExcelJS from "exceljs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildExamReport, examForReport, GROUP_LEVEL_LABELS, parseExamReportParams } from "~/modules/exams/reports.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant, todayInShanghai } from "~/utils/time";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const score = (x100: number | null) => (x100 === null ? null : x100 / 100);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "report:exam");
  const { id } = getParams(args.params, idParam);
  const exam = await examForReport(args.context.db, id);
  if (!exam) notFound();
  const params = parseExamReportParams(new URL(args.request.url).searchParams);
  const report = await buildExamReport(args.context.db, user, exam, params);

  const book = new ExcelJS.Workbook();
  const people = book.addWorksheet("人员成绩");
  people.addRow(["姓名", "工号", "考试时所在单位", "答卷数", "成绩", "结果", "交卷时间"]);
  for (const p of report.people) {
    people.addRow([
      p.name,
      p.employeeNo,
      p.unitName,
      p.attempts,
      score(p.scoreX100),
      p.passed === null ? "待评分" : p.passed ? "合格" : "不合格",
      p.finishedAt === null ? "" : formatInstant(p.finishedAt),
    ]);
  }
  const groups = book.addWorksheet(`按${GROUP_LEVEL_LABELS[params.level]}汇总`);
  groups.addRow(["单位", "应考人数", "参考人数", "参考率(%)", "平均分", "合格人数", "合格率(%)"]);
  for (const g of report.groups) {
    groups.addRow([g.unitName, g.audience, g.participants, percent(g.participation), score(g.averageX100), g.passedCount, percent(g.passRate)]);
  }
  for (const sheet of [people, groups]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    sheet.columns.forEach((column) => (column.width = 16));
  }
  const buffer = await book.xlsx.writeBuffer();
  const fileName = `考试成绩-${exam.title}-${todayInShanghai()}.xlsx`;
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="exam-report-${exam.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
