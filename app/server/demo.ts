import path from "node:path";
import type { Db } from "#db/client";
import { seedDemoExams } from "#db/seed/exams";
import { seedDemoInstructors } from "#db/seed/instructors";
import { demoCredentials, seedDemoIfEmpty, type DemoCredential } from "#db/seed/demo";
import { importContent } from "~/modules/content/import.server";
import { formatImportReport } from "~/modules/content/report";
import { readContent } from "~/modules/content/sources.server";

/**
 * On an empty database: seeds the demo city, imports content/ (the syllabus, the six handbooks
 * and the starter question banks), the demo instructor pool and the demo exams; each step is
 * skipped once done. Returns the demo accounts to print.
 */
export async function prepareDemo(db: Db): Promise<DemoCredential[]> {
  const started = Date.now();
  const seeded = await seedDemoIfEmpty(db);
  if (seeded) console.log(`demo city seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Also after a start that was cut short between the seed and the import.
  const course = await db.selectFrom("courses").select("id").limit(1).executeTakeFirst();
  const bank = await db.selectFrom("question_banks").select("id").limit(1).executeTakeFirst();
  if (!course || !bank) {
    const report = await importContent(db, readContent(path.resolve("content")));
    console.log(formatImportReport(report)[0]);
  }
  await seedDemoInstructors(db);
  await seedDemoExams(db);
  return seeded ?? demoCredentials();
}

export function announceDemo(credentials: DemoCredential[]): void {
  console.log("\n演示模式 demo mode — accounts (login with 工号 + password):");
  for (const c of credentials) console.log(`  ${c.label.padEnd(10, "　")} ${c.employeeNo.padEnd(12)} ${c.password}`);
  console.log("");
}
