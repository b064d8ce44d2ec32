// GET /people/template.xlsx: the people import template with the current posts and tiers.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { unitsInScope } from "~/modules/org/list.server";
import { listTiers } from "~/modules/people/options.server";
import { buildImportTemplate, XLSX_CONTENT_TYPE } from "~/modules/people/xlsx.server";
import { requirePermission, requireUser } from "~/utils/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "person:import");
  const { db } = args.context;
  const [tiers, units] = await Promise.all([listTiers(db), unitsInScope(db, user, "person:import")]);
  // The example row names a real unit the importer may use; most people (grid workers) sit in villages.
  const example = units.find((u) => u.type === "village") ?? units.find((u) => u.id === user.orgUnitId) ?? units[0] ?? null;
  const body = await buildImportTemplate(tiers, example);
  return new Response(body, {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="people-template.xlsx"; filename*=UTF-8''${encodeURIComponent("人员导入模板.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
