// GET /banks/template.xlsx: the question import template, listing the training tiers in use now.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listTiers } from "~/modules/people/options.server";
import { buildQuestionTemplate, XLSX_CONTENT_TYPE } from "~/modules/questions/formats/excel-write.server";
import { requirePermission, requireUser } from "~/utils/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const tiers = await listTiers(args.context.db);
  const body = await buildQuestionTemplate(tiers.map((t) => ({ code: t.code, name: t.name })));
  return new Response(body, {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="question-template.xlsx"; filename*=UTF-8''${encodeURIComponent("试题导入模板.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
