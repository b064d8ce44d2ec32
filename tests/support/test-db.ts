// Real databases for integration tests: each test file gets a fresh SQLite file and, when MySQL is
// available, a fresh MySQL database, both migrated. Use `forEachDialect` to run a suite on both.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { createDb, ensureMysqlDatabase, type Db, type Dialect } from "#db/client";
import { migrateToLatest } from "#db/migrate";

export interface TestDb {
  db: Db;
  dialect: Dialect;
  url: string;
}

let counter = 0;

export async function openTestDb(dialect: Dialect): Promise<TestDb & { close: () => Promise<void> }> {
  const unique = `${process.pid}_${++counter}_${randomBytes(2).toString("hex")}`;
  let url: string;
  if (dialect === "sqlite") {
    const dir = path.resolve("data/test");
    fs.mkdirSync(dir, { recursive: true });
    url = `file:${path.join(dir, `${unique}.db`)}`;
  } else {
    const server = inject("mysqlServerUrl");
    if (!server) throw new Error("MySQL is not available in this run");
    url = `${server}/${inject("mysqlPrefix")}_${unique}`;
    await ensureMysqlDatabase(url);
  }
  const handle = createDb(url, { poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    db: handle.db,
    dialect,
    url,
    close: async () => {
      await handle.db.destroy();
      if (dialect === "sqlite") {
        const file = url.slice("file:".length);
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      }
    },
  };
}

export function mysqlAvailable(): boolean {
  return inject("mysqlServerUrl") !== null;
}

/**
 * Runs `suite` once per engine, each with its own freshly migrated database. The getter returns
 * the database of the running suite. Without MySQL (outside CI) that half is skipped.
 */
export function forEachDialect(name: string, suite: (get: () => TestDb) => void): void {
  for (const dialect of ["sqlite", "mysql"] as const) {
    const run = dialect === "sqlite" || mysqlAvailable() ? describe : describe.skip;
    run(`${name} [${dialect}]`, () => {
      let current: (TestDb & { close: () => Promise<void> }) | undefined;
      beforeAll(async () => {
        current = await openTestDb(dialect);
      });
      afterAll(async () => {
        await current?.close();
      });
      suite(() => {
        if (!current) throw new Error("test database not open yet");
        return current;
      });
    });
  }
}
