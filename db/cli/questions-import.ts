// Imports a question file (Excel template, GIFT or Aiken; text in UTF-8 or GBK) into a bank of
// the database named by DATABASE_URL, with the same checks and report as the web import:
//
//   npm run questions:import -- <file> --bank <bank key> [--dry-run] [--format excel|gift|aiken]
//       [--draft] [--create-points] [--include-duplicates] [--skip-invalid]
//
// With errors nothing is written (unless --skip-invalid) and the exit code is 1; duplicates of
// questions already in the bank are skipped unless --include-duplicates.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { IMPORT_FORMATS, planFileImport, planReportLines, type ImportFormat } from "~/modules/questions/import-plan.server";
import { commitPlan } from "~/modules/questions/import.server";
import { createDb, dialectOf, ensureMysqlDatabase } from "../client";
import { migrateToLatest } from "../migrate";

const USAGE =
  "Usage: npm run questions:import -- <file> --bank <bank key> [--dry-run] [--format excel|gift|aiken] [--draft] [--create-points] [--include-duplicates] [--skip-invalid]";

function readArgs() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      bank: { type: "string" },
      format: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      draft: { type: "boolean", default: false },
      "create-points": { type: "boolean", default: false },
      "include-duplicates": { type: "boolean", default: false },
      "skip-invalid": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1 || !values.bank) throw new Error(USAGE);
  if (values.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(values.format)) throw new Error(`--format must be one of ${IMPORT_FORMATS.join(", ")}`);
  return { file: positionals[0]!, ...values, format: values.format as ImportFormat | undefined, bank: values.bank };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const file = path.resolve(args.file);
  if (!fs.existsSync(file)) {
    console.error(`文件不存在：${file}`);
    return 2;
  }
  const url = process.env.DATABASE_URL || undefined;
  if (dialectOf(url) === "mysql") await ensureMysqlDatabase(url!);
  const { db } = createDb(url);
  try {
    await migrateToLatest(db);
    const bank = await db.selectFrom("question_banks").select(["id", "title"]).where("bank_key", "=", args.bank).executeTakeFirst();
    if (!bank) {
      console.error(`题库代码 ${args.bank} 不存在`);
      return 2;
    }
    const tiers = await db.selectFrom("training_tiers").select(["code", "name"]).where("active", "=", 1).execute();
    const plan = await planFileImport(db, bank.id, path.basename(file), new Uint8Array(fs.readFileSync(file)), { format: args.format, tiers, createPoints: args["create-points"] });
    console.log(`题库：${bank.title}（${args.bank}）  文件：${path.basename(file)}`);
    for (const line of planReportLines(plan, { includeDuplicates: args["include-duplicates"] })) console.log(line);
    const hasErrors = plan.errors.length > 0;
    if (args["dry-run"]) {
      console.log("试运行：未写入任何数据");
    } else if (hasErrors && !args["skip-invalid"]) {
      console.log("有错误，未导入任何试题：修正后重试，或加 --skip-invalid 只导入无误的试题");
    } else {
      const result = await commitPlan(db, bank.id, plan, { status: args.draft ? "draft" : "published", includeDuplicates: args["include-duplicates"], actorId: null });
      console.log(`已导入 ${result.created} 题${result.skippedDuplicates > 0 ? `，跳过重复 ${result.skippedDuplicates} 题` : ""}`);
    }
    return hasErrors ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main();
