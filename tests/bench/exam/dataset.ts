// The city-scale exam data set, in its own database: the demo city filled with bench grid workers
// (one shared argon2id hash, bulk inserts), a 5,000-question bank without 简答, a 100-question
// drawn paper and one exam for tier grid. A marker row in `settings` records the sizes, so a rerun
// with the same sizes reuses everything and only resets the exam's attempts.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { createDb, ensureMysqlDatabase, type Db, type DbHandle } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { BENCH_PASSWORD, countGridPersons, seedCityScale } from "#db/seed/bench";
import { seedDemoIfEmpty } from "#db/seed/demo";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { createExam, setAudience, setExamStatus } from "~/modules/exams/exams.server";
import { createPaper, setPaperRules, type RuleInput } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { insertQuestion } from "~/modules/questions/store.server";
import { plainToDoc } from "~/modules/richtext/plain";

export { BENCH_PASSWORD };

export const MARKER_KEY = "bench.exam";
const MARKER_VERSION = 1;
const DAY = 86_400_000;

export interface DatasetSizes {
  accounts: number;
  questions: number;
}

export interface Dataset extends DatasetSizes {
  examId: number;
  paperId: number;
  bankId: number;
  /** Questions on the paper (the sum of the rule counts). */
  paperQuestions: number;
}

export function databaseUrl(dbKind: "sqlite" | "mysql"): string {
  return dbKind === "mysql" ? "mysql://root@127.0.0.1:3306/bench_exam" : `file:${path.resolve("data/bench/exam.db")}`;
}

/** Bench grid workers are G0000001, G0000002, … (db/seed/bench.ts). */
export function benchEmployeeNo(serial: number): string {
  return "G" + String(serial).padStart(7, "0");
}

/** The bank: mostly 单选/多选/判断, some 填空, no 简答 (everything is graded at submit). */
export function benchQuestion(i: number): QuestionContent {
  const words = ["燃气", "电动自行车", "消防通道", "防汛", "台风", "山塘水库", "危化品", "有限空间", "高温", "地质灾害"];
  const word = words[i % words.length]!;
  const base = {
    stem: plainToDoc(`第 ${i} 题：关于${word}的规定，下列说法正确的是（编号 ${i * 7919}）`),
    explanation: plainToDoc(`依据相关法规，${word}应当落实主体责任。`),
    difficulty: (Math.floor(i / 10) % 5) + 1,
    tiers: ["grid"],
  };
  const bucket = i % 20; // 9 single, 5 multiple, 4 true/false, 2 fill in every 20
  if (bucket < 14) {
    const type = bucket < 9 ? "single" : "multiple";
    return { ...base, type, options: ["甲", "乙", "丙", "丁"].map((t, k) => ({ text: `${t}${i}`, correct: type === "single" ? k === i % 4 : k < 2 })) };
  }
  if (bucket < 18) return { ...base, type: "truefalse", answer: i % 3 === 0 };
  return { ...base, type: "fill", stem: plainToDoc(`第 ${i} 题：${word}险情报警电话是____`), blanks: [["119", "一一九"]] };
}

/** 100 questions by type × difficulty, 100 points: 单选 40×1, 多选 20×1.5, 判断 30×0.5, 填空 10×1.5. */
export function paperRules(bankId: number): RuleInput[] {
  const perType: Array<[string, number, number]> = [
    ["single", 8, 100],
    ["multiple", 4, 150],
    ["truefalse", 6, 50],
    ["fill", 2, 150],
  ];
  return perType.flatMap(([type, perDifficulty, scoreX100]) =>
    [1, 2, 3, 4, 5].map((difficulty) => ({ bankId, knowledgePointId: null, tag: null, type, difficulty, count: perDifficulty, scoreX100 })),
  );
}

export async function openDatabase(dbKind: "sqlite" | "mysql", options: { fresh: boolean; poolSize?: number }): Promise<DbHandle> {
  const url = databaseUrl(dbKind);
  if (dbKind === "mysql") {
    if (options.fresh) {
      const { createConnection } = await import("mysql2/promise");
      const conn = await createConnection({ uri: "mysql://root@127.0.0.1:3306/" });
      await conn.query("DROP DATABASE IF EXISTS bench_exam");
      await conn.end();
    }
    await ensureMysqlDatabase(url);
  } else if (options.fresh) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.resolve(`data/bench/exam.db${suffix}`), { force: true });
  }
  const handle = createDb(url, { poolSize: options.poolSize });
  await migrateToLatest(handle.db);
  return handle;
}

async function readMarker(db: Db): Promise<(Dataset & { version: number }) | null> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", MARKER_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.value) as Dataset & { version: number };
  } catch {
    return null;
  }
}

/**
 * Reuses the data set when the marker says it has these sizes; otherwise builds what is missing
 * (a database with another size of bank needs --fresh). Logs what it did.
 */
export async function prepareDataset(db: Db, sizes: DatasetSizes, log: (line: string) => void): Promise<Dataset> {
  const marker = await readMarker(db);
  if (marker && marker.version === MARKER_VERSION && marker.accounts >= sizes.accounts && marker.questions === sizes.questions) {
    const exam = await db.selectFrom("exams").select("id").where("id", "=", marker.examId).executeTakeFirst();
    if (exam) {
      log(`data set: reusing ${marker.accounts.toLocaleString("en-US")} accounts, ${marker.questions.toLocaleString("en-US")} questions, exam #${marker.examId}`);
      return marker;
    }
  }
  if (marker && marker.questions !== sizes.questions) {
    throw new Error(`the bench database has a ${marker.questions}-question bank, not ${sizes.questions}: rerun with --fresh`);
  }
  const started = performance.now();
  await ensureBuiltinCategories(db);

  // Accounts: the demo city first (seedCityScale seeds it when empty), then bench grid workers up to
  // `accounts` of them on top of the demo's own grid workers.
  const t0 = performance.now();
  await seedDemoIfEmpty(db);
  const benchBefore = await countBenchPersons(db);
  const scale = await seedCityScale(db, { people: (await countGridPersons(db)) - benchBefore + sizes.accounts });
  log(`data set: ${scale.added.toLocaleString("en-US")} bench grid workers added (${(await countBenchPersons(db)).toLocaleString("en-US")} in all) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  let bankId = (await db.selectFrom("question_banks").select("id").where("bank_key", "=", "bench-exam").executeTakeFirst())?.id;
  bankId ??= await createBank(db, null, { bankKey: "bench-exam", title: "全市统考基准题库", description: "基准测试数据", category: "enforcement" });
  const have = Number((await db.selectFrom("questions").select((eb) => eb.fn.countAll<number>().as("n")).where("bank_id", "=", bankId).executeTakeFirstOrThrow()).n);
  const t1 = performance.now();
  const points = new Map<string, number>();
  for (let i = have; i < sizes.questions; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (let k = i; k < Math.min(i + 500, sizes.questions); k++) await insertQuestion(trx, { bankId: bankId!, content: benchQuestion(k), status: "published", actorId: null, points }, Date.now());
    });
  }
  log(`data set: ${Math.max(0, sizes.questions - have).toLocaleString("en-US")} questions added in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const now = Date.now();
  const rules = paperRules(bankId);
  const paperId = await createPaper(db, null, { title: "全市网格员统考卷（随机抽题）", description: "基准测试", mode: "drawn", multipleScoring: "partial", fillScoring: "per_blank" }, now);
  await setPaperRules(db, paperId, rules, now);
  const examId = await createExam(
    db,
    null,
    {
      title: "全市网格员应急知识统考（基准）",
      description: "基准测试用考试",
      kind: "final",
      certificateType: null,
      certificateValidMonths: null,
      courseId: null,
      requiredCourseId: null,
      paperId,
      opensAt: now - DAY,
      closesAt: now + 3650 * DAY,
      durationMinutes: 600,
      maxAttempts: 99,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: true,
      shuffleOptions: true,
      scoreVisibility: "after_submit",
      reviewVisibility: "after_close",
    },
    now,
  );
  await setAudience(db, examId, { tiers: ["grid"], unitIds: [], personIds: [] });
  await setExamStatus(db, examId, "published", now);

  const dataset: Dataset = { accounts: sizes.accounts, questions: sizes.questions, examId, paperId, bankId, paperQuestions: rules.reduce((n, r) => n + r.count, 0) };
  const value = JSON.stringify({ version: MARKER_VERSION, ...dataset });
  await db.deleteFrom("settings").where("key", "=", MARKER_KEY).execute();
  await db.insertInto("settings").values({ key: MARKER_KEY, value, updated_at: now }).execute();
  log(`data set: prepared in ${((performance.now() - started) / 1000).toFixed(1)} s (exam #${examId}, paper #${paperId})`);
  return dataset;
}

async function countBenchPersons(db: Db): Promise<number> {
  const row = await db
    .selectFrom("persons")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("employee_no", "like", "G_______")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes the bench exam's attempts (items, answers, score events, records) and all sessions. */
export async function resetExam(db: Db, examId: number): Promise<void> {
  const ids = db.selectFrom("attempts").select("id").where("exam_id", "=", examId);
  await db.deleteFrom("attempt_score_events").where("attempt_id", "in", ids).execute();
  await db.deleteFrom("attempt_answers").where("attempt_id", "in", ids).execute();
  await db.deleteFrom("attempt_items").where("attempt_id", "in", ids).execute();
  await db.deleteFrom("certificates").where("exam_id", "=", examId).execute();
  await db.deleteFrom("attempts").where("exam_id", "=", examId).execute();
  await db.deleteFrom("learning_records").where("source_type", "=", "exam").where("source_id", "=", String(examId)).execute();
  // The bench database is ours alone: every session and login throttle row is a previous run's.
  await db.deleteFrom("sessions").execute();
  await db.deleteFrom("login_throttle").execute();
  await sql`select 1`.execute(db);
}
