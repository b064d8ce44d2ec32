// GET /banks/:id/export/download?format=excel|gift&<list filters>: the questions matching the
// filters as a file. The export page (/banks/:id/export) shows the count and what the format
// loses first; this route only answers with the file, under the same access rules.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { listTiers } from "~/modules/people/options.server";
import { bankForViewer } from "~/modules/questions/banks.server";
import { EXPORT_FORMATS, exportFile, loadForExport } from "~/modules/questions/export.server";
import { readQuestionFilters } from "~/modules/questions/search-schema";
import { matchingQuestionIds } from "~/modules/questions/search.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { badRequest, notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { todayInShanghai } from "~/utils/time";

const formatParam = z.enum(EXPORT_FORMATS);

/** Characters Windows and macOS refuse in file names, and control characters, become "_". */
function safeFileName(name: string): string {
  return [...name].map((ch) => (ch < " " || '\\/:*?"<>|'.includes(ch) ? "_" : ch)).join("").trim();
}

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const { id } = getParams(args.params, idParam);
  const { db } = args.context;
  const bank = await bankForViewer(db, user, id);
  if (!bank) notFound();
  const params = new URL(args.request.url).searchParams;
  const format = formatParam.safeParse(params.get("format"));
  if (!format.success) badRequest("请选择导出格式：Excel 或 GIFT");
  const ids = await matchingQuestionIds(db, bank.id, readQuestionFilters(params));
  if (ids.length === 0) badRequest("没有符合条件的试题");
  const [questions, tiers] = await Promise.all([loadForExport(db, bank.id, ids), listTiers(db, { includeInactive: true })]);
  const date = todayInShanghai();
  const baseName = safeFileName(`${bank.title}-${date}`);
  const file = await exportFile(questions, format.data, baseName, tiers);
  // Browsers that ignore filename* get a plain ASCII name with the same extension.
  const extension = file.fileName.slice(baseName.length);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="question-bank-${bank.id}-${date}${extension}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
