// GET /people/export.xlsx?<list filters>: the filtered people list as Excel, same scope and
// masking rules as the list page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/modules/people/audit.server";
import { parsePeopleFilters } from "~/modules/people/schemas";
import { exportPeopleXlsx, XLSX_CONTENT_TYPE } from "~/modules/people/xlsx.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { todayInShanghai } from "~/utils/time";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:read");
  const { db } = args.context;
  const filters = parsePeopleFilters(new URL(args.request.url).searchParams);
  // Personal data leaving the system: keep a trace of who took which list.
  await writeAudit(db, { actorId: user.id, action: "person.export", targetType: "person", targetId: null, detail: { filters } });
  const fileName = `人员名单-${todayInShanghai()}.xlsx`;
  return new Response(exportPeopleXlsx(db, user, filters), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="people.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
