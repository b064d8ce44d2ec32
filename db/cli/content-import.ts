// Imports content/ (syllabus, handbooks) into the database named by DATABASE_URL:
//
//   tsx db/cli/content-import.ts [--dir content]
//
// Idempotent by stable keys; content edited in the app is reported and never overwritten.
import path from "node:path";
import { importContent } from "~/modules/content/import.server";
import { formatImportReport } from "~/modules/content/report";
import { ContentError, readContent } from "~/modules/content/sources.server";
import { createDb, dialectOf, ensureMysqlDatabase } from "../client";
import { migrateToLatest } from "../migrate";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dirFlag = args.indexOf("--dir");
  const dir = path.resolve(dirFlag >= 0 ? (args[dirFlag + 1] ?? "") : "content");
  const url = process.env.DATABASE_URL || undefined;
  if (dialectOf(url) === "mysql") await ensureMysqlDatabase(url!);
  const { db } = createDb(url);
  try {
    await migrateToLatest(db);
    const report = await importContent(db, readContent(dir));
    for (const line of formatImportReport(report)) console.log(line);
    return 0;
  } catch (error) {
    console.error(error instanceof ContentError ? `content error: ${error.message}` : error);
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main();
