// Question-bank benchmark: a bank of N questions (default 20,000) on a fresh database, then the
// list/search queries an instructor runs, and a 1,000-question Excel import (dry-run + confirm).
//
//   npm run bench:questions [-- --questions 20000 --runs 15 --db mysql]
//
// Prints medians of repeated runs (this machine is noisy: compare ratios within one run).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createDb, ensureMysqlDatabase } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { contentToDraft } from "~/modules/questions/content";
import { writeQuestionWorkbook } from "~/modules/questions/formats/excel-write.server";
import { planFileImport } from "~/modules/questions/import-plan.server";
import { commitPlan } from "~/modules/questions/import.server";
import { listPoints } from "~/modules/questions/knowledge-points.server";
import { searchQuestions } from "~/modules/questions/search.server";
import { insertQuestion } from "~/modules/questions/store.server";
import { plainToDoc } from "~/modules/richtext/plain";

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "20000" },
    runs: { type: "string", default: "15" },
    db: { type: "string", default: "sqlite" },
  },
});
const total = Number(values.questions);
const runs = Number(values.runs);

const TYPES = ["single", "multiple", "truefalse", "fill", "essay"] as const;
const POINTS = ["安全生产法/法律责任", "安全生产法/从业人员", "消防法/火灾预防", "消防法/灭火救援", "行政处罚法/简易程序", "行政处罚法/听证程序", "突发事件应对法"];
const WORDS = ["燃气", "电动自行车", "消防通道", "防汛", "台风", "山塘水库", "危化品", "有限空间", "高温", "地质灾害", "听证", "罚款", "责令改正"];

function question(i: number): QuestionContent {
  const type = TYPES[i % TYPES.length]!;
  const word = WORDS[i % WORDS.length]!;
  const base = {
    stem: plainToDoc(`第 ${i} 题：关于${word}的规定，下列说法正确的是（编号 ${i * 7919}）`),
    explanation: plainToDoc(`依据相关法规，${word}应当落实主体责任。`),
    difficulty: (i % 5) + 1,
    knowledgePoint: POINTS[i % POINTS.length],
    tiers: i % 2 ? ["grid"] : ["staff", "chief"],
  };
  switch (type) {
    case "single":
    case "multiple":
      return { ...base, type, options: ["甲", "乙", "丙", "丁"].map((t, k) => ({ text: `${t}${i}`, correct: type === "single" ? k === 0 : k < 2 })) };
    case "truefalse":
      return { ...base, type, answer: i % 3 === 0 };
    case "fill":
      return { ...base, type, stem: plainToDoc(`第 ${i} 题：${word}报警电话是____`), blanks: [["119"]] };
    case "essay":
      return { ...base, type, referenceAnswer: "要点", rubric: "每点 2 分" };
  }
}

async function time<T>(label: string, fn: () => Promise<T>, rows: string[][]) {
  const samples: number[] = [];
  let last: T | undefined;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    last = await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  rows.push([label, samples[Math.floor(samples.length / 2)]!.toFixed(1), samples[samples.length - 1]!.toFixed(1)]);
  return last!;
}

async function main() {
  const url = values.db === "mysql" ? "mysql://root@127.0.0.1:3306/bench_questions" : `file:${path.resolve("data/bench/questions.db")}`;
  if (values.db === "mysql") {
    await ensureMysqlDatabase(url);
  } else {
    // Only this benchmark's own files: the exam and fault benchmarks keep theirs beside it.
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.resolve(`data/bench/questions.db${suffix}`), { force: true });
    fs.mkdirSync(path.resolve("data/bench"), { recursive: true });
  }
  const { db } = createDb(url);
  try {
    await migrateToLatest(db);
    await ensureBuiltinCategories(db);
    const existing = await db.selectFrom("question_banks").select("id").where("bank_key", "=", "bench").executeTakeFirst();
    const bankId = existing?.id ?? (await createBank(db, null, { bankKey: "bench", title: "基准测试题库", description: "", category: "enforcement" }));
    const have = Number((await db.selectFrom("questions").select((eb) => eb.fn.countAll<number>().as("n")).where("bank_id", "=", bankId).executeTakeFirstOrThrow()).n);
    const seedStart = performance.now();
    const points = new Map<string, number>();
    for (let i = have; i < total; i += 500) {
      await db.transaction().execute(async (trx) => {
        for (let k = i; k < Math.min(i + 500, total); k++) await insertQuestion(trx, { bankId, content: question(k), status: "published", actorId: null, points }, Date.now());
      });
    }
    const seeded = (performance.now() - seedStart) / 1000;
    const rows: string[][] = [];
    const point = (await listPoints(db, bankId)).find((p) => p.path === "消防法")!;
    await time("list page 1 (no filter)", () => searchQuestions(db, bankId, {}, 1), rows);
    const lastPage = Math.max(1, Math.ceil(total / 50));
    await time(`list page ${lastPage} (the last)`, () => searchQuestions(db, bankId, {}, lastPage), rows);
    await time("type + difficulty", () => searchQuestions(db, bankId, { type: "single", difficulty: 3 }, 1), rows);
    await time("knowledge point subtree", () => searchQuestions(db, bankId, { point: point.id }, 1), rows);
    await time("tier", () => searchQuestions(db, bankId, { tier: "grid" }, 1), rows);
    await time("text search", () => searchQuestions(db, bankId, { q: "电动自行车" }, 1), rows);
    await time("knowledge-point tree with counts", () => listPoints(db, bankId), rows);

    // A 1,000-question Excel file into a second bank: dry-run, then confirm in one transaction.
    const importBank = await createBank(db, null, { bankKey: `bench-import-${Date.now()}`, title: "导入基准", description: "", category: "enforcement" });
    const workbook = new Uint8Array(await writeQuestionWorkbook(Array.from({ length: 1000 }, (_, i) => contentToDraft(question(total + i)))));
    const importRows: string[][] = [];
    const dryStart = performance.now();
    const plan = await planFileImport(db, importBank, "bench.xlsx", workbook, { createPoints: true });
    const dry = performance.now() - dryStart;
    const commitStart = performance.now();
    const result = await commitPlan(db, importBank, plan, { status: "published", includeDuplicates: false, actorId: null });
    const commit = performance.now() - commitStart;
    importRows.push(["1,000-question Excel: dry-run", dry.toFixed(0)], ["1,000-question Excel: confirm", commit.toFixed(0)]);

    console.log(`\nQuestion bank benchmark — ${values.db}, ${total.toLocaleString("en-US")} questions (seeded in ${seeded.toFixed(1)} s), ${runs} runs each\n`);
    console.log("| query | median ms | max ms |\n|---|---:|---:|");
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
    console.log(`\n| import (${result.created} created, ${plan.errors.length} errors) | ms |\n|---|---:|`);
    for (const r of importRows) console.log(`| ${r.join(" | ")} |`);
  } finally {
    await db.destroy();
  }
}

await main();
