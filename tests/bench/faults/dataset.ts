// The fault benchmark's own data set, built with the app's own server modules on a fresh database:
// a city, a few stations, N grid-worker takers (one argon2id hash shared by all accounts), a bank
// of 25 objective questions, a fixed 100-point paper, and exams created per scenario.
import fs from "node:fs";
import path from "node:path";
import { createDb, ensureMysqlDatabase, type Db } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { insertedId } from "#db/sql-helpers";
import { hashPassword } from "~/modules/auth/password.server";
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import { createExam, setAudience, setExamStatus, type ExamFields } from "~/modules/exams/exams.server";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { insertQuestion } from "~/modules/questions/store.server";
import { plainToDoc } from "~/modules/richtext/plain";

export const TAKER_PASSWORD = "Faults#bench2026";
export const SQLITE_FILE = "data/bench/faults.db";
export const MYSQL_URL = "mysql://root@127.0.0.1:3306/bench_faults";

export type Engine = "sqlite" | "mysql";

export interface TakerAccount {
  personId: number;
  employeeNo: string;
  tier: string;
  orgUnitId: number;
  orgPath: string;
}

export interface Dataset {
  url: string;
  engine: Engine;
  db: Db;
  authorId: number;
  paperId: number;
  takers: TakerAccount[];
}

export function databaseUrl(engine: Engine): string {
  return engine === "mysql" ? MYSQL_URL : `file:${path.resolve(SQLITE_FILE)}`;
}

/** Drops whatever an earlier run left and creates an empty, migrated database. */
async function freshDatabase(engine: Engine): Promise<{ url: string; db: Db }> {
  const url = databaseUrl(engine);
  if (engine === "sqlite") {
    fs.mkdirSync(path.dirname(path.resolve(SQLITE_FILE)), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.resolve(SQLITE_FILE + suffix), { force: true });
  } else {
    const { createConnection } = await import("mysql2/promise");
    const conn = await createConnection({ uri: "mysql://root@127.0.0.1:3306/" });
    try {
      await conn.query("DROP DATABASE IF EXISTS bench_faults");
    } finally {
      await conn.end();
    }
    await ensureMysqlDatabase(url);
  }
  const { db } = createDb(url, { poolSize: 10 });
  await migrateToLatest(db);
  return { url, db };
}

async function insertUnit(db: Db, parent: { id: number; path: string; depth: number } | null, type: "city" | "station", name: string, code: string) {
  const now = Date.now();
  const id = insertedId(
    await db
      .insertInto("org_units")
      .values({ parent_id: parent?.id ?? null, type, name, code, path: `/tmp-${code}/`, depth: parent ? parent.depth + 1 : 0, created_at: now, updated_at: now })
      .executeTakeFirstOrThrow(),
  );
  const unitPath = `${parent?.path ?? "/"}${id}/`;
  await db.updateTable("org_units").set({ path: unitPath }).where("id", "=", id).execute();
  return { id, path: unitPath, depth: parent ? parent.depth + 1 : 0 };
}

const doc = plainToDoc;

function questions(): QuestionContent[] {
  const list: QuestionContent[] = [];
  for (let i = 1; i <= 10; i++) {
    list.push({ type: "single", stem: doc(`第${i}题：发现火情应首先拨打哪个电话？`), options: ["119", "110", "120", "122"].map((t, k) => ({ text: `${t}（${i}）`, correct: k === 0 })), tiers: ["grid"] });
  }
  for (let i = 11; i <= 16; i++) {
    list.push({ type: "multiple", stem: doc(`第${i}题：台风来临前网格员应做好哪些工作？`), options: ["转移危险区域群众", "检查加固设施", "组织群众围观", "发布预警信息"].map((t, k) => ({ text: `${t}（${i}）`, correct: k !== 2 })), tiers: ["grid"] });
  }
  for (let i = 17; i <= 21; i++) {
    list.push({ type: "truefalse", stem: doc(`第${i}题：电动自行车可以在楼道内充电。`), answer: false, tiers: ["grid"] });
  }
  for (let i = 22; i <= 25; i++) {
    list.push({ type: "fill", stem: doc(`第${i}题：火警电话是____，急救电话是____。`), blanks: [["119"], ["120"]], tiers: ["grid"] });
  }
  return list;
}

/** Builds the data set on a fresh database: about a second per hundred takers. */
export async function prepareDataset(engine: Engine, takerCount: number): Promise<Dataset> {
  const { url, db } = await freshDatabase(engine);
  await ensureBuiltinCategories(db);
  if (!(await db.selectFrom("training_tiers").select("code").where("code", "=", "grid").executeTakeFirst())) {
    await db.insertInto("training_tiers").values({ code: "grid", name: "村社网格员" }).execute();
  }
  const city = await insertUnit(db, null, "city", "应急管理局（故障测试）", "faults-city");
  const stations: Array<{ id: number; path: string; depth: number }> = [];
  for (let s = 1; s <= 4; s++) stations.push(await insertUnit(db, city, "station", `第${s}应消站`, `faults-st-${s}`));
  const passwordHash = await hashPassword(TAKER_PASSWORD);
  const now = Date.now();

  const authorId = insertedId(
    await db
      .insertInto("persons")
      .values({ employee_no: "FAULTS-T", name: "出题教员", mobile: null, gender: "male", birth_date: "1980-01-01", post: "教员", tier: "grid", rank: null, org_unit_id: city.id, created_at: now, updated_at: now })
      .executeTakeFirstOrThrow(),
  );
  await db.insertInto("role_assignments").values({ person_id: authorId, role: "instructor", scope_org_unit_id: null, created_at: now }).execute();

  const takers: TakerAccount[] = [];
  for (let start = 0; start < takerCount; start += 100) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(start + 100, takerCount); i++) {
        const unit = stations[i % stations.length]!;
        const employeeNo = `FG${String(i + 1).padStart(5, "0")}`;
        const personId = insertedId(
          await trx
            .insertInto("persons")
            .values({ employee_no: employeeNo, name: `网格员${i + 1}`, mobile: null, gender: i % 2 ? "female" : "male", birth_date: "1990-01-01", post: "网格员", tier: "grid", rank: null, org_unit_id: unit.id, created_at: now, updated_at: now })
            .executeTakeFirstOrThrow(),
        );
        await trx.insertInto("accounts").values({ person_id: personId, password_hash: passwordHash, must_change_password: 0, password_changed_at: null, created_at: now }).execute();
        await trx.insertInto("person_org_history").values({ person_id: personId, org_unit_id: unit.id, valid_from: now - 86_400_000, valid_to: null }).execute();
        await trx.insertInto("role_assignments").values({ person_id: personId, role: "trainee", scope_org_unit_id: null, created_at: now }).execute();
        takers.push({ personId, employeeNo, tier: "grid", orgUnitId: unit.id, orgPath: unit.path });
      }
    });
  }

  const bankId = await createBank(db, authorId, { bankKey: "faults-bench", title: "故障测试题库", description: "", category: "enforcement" });
  const questionIds: number[] = [];
  for (const content of questions()) questionIds.push((await insertQuestion(db, { bankId, content, status: "published", actorId: authorId })).id);
  const paperId = await createPaper(db, authorId, { title: "故障测试试卷", description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
  await setPaperQuestions(db, paperId, questionIds.map((questionId) => ({ questionId, scoreX100: 400 })));
  return { url, engine, db, authorId, paperId, takers };
}

/** A published exam for the grid tier on the data set's paper; `overrides` set window and length. */
export async function createBenchExam(data: Dataset, title: string, overrides: Partial<ExamFields> = {}): Promise<number> {
  const now = Date.now();
  const examId = await createExam(data.db, data.authorId, {
    title,
    description: "故障注入测试",
    kind: "final",
    certificateType: null,
    certificateValidMonths: null,
    courseId: null,
    requiredCourseId: null,
    paperId: data.paperId,
    opensAt: now - 60_000,
    closesAt: now + 86_400_000,
    durationMinutes: 120,
    maxAttempts: 3,
    counting: "highest",
    passX100: 6000,
    shuffleQuestions: true,
    shuffleOptions: true,
    scoreVisibility: "after_submit",
    reviewVisibility: "after_submit",
    ...overrides,
  });
  await setAudience(data.db, examId, { tiers: ["grid"], unitIds: [], personIds: [] });
  await setExamStatus(data.db, examId, "published");
  return examId;
}
