// GET /certificates.xlsx?<list filters>: the certificate list as an Excel workbook, with the same
// filters and the same scope as the page. A resource route: the _app layout does not render.
import ExcelJS from "exceljs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listCertificates, parseCertificateFilters } from "~/modules/exams/certificates-list.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { todayInShanghai } from "~/utils/time";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "certificate:read");
  const filters = parseCertificateFilters(new URL(args.request.url).searchParams);
  const { items } = await listCertificates(args.context.db, user, filters, "all");
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("证书");
  sheet.addRow(["证书编号", "类型", "持证人", "工号", "发证时单位", "考试", "发证日期", "有效期至", "状态", "吊销原因"]);
  for (const c of items) {
    sheet.addRow([c.number, c.typeLabel, c.holderName, c.employeeNo, c.unitName, c.examTitle, c.issuedOn, c.expiresOn, c.stateLabel, c.revokeReason ?? ""]);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.columns.forEach((column) => (column.width = 18));
  const buffer = await book.xlsx.writeBuffer();
  const fileName = `证书-${todayInShanghai()}.xlsx`;
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="certificates.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
