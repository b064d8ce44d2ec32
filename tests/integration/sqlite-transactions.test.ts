// SQLite-only: two connections to one file, as two web worker processes have.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "#db/client";

describe("SQLite transactions across processes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-tx-"));
  const file = path.join(dir, "app.db");
  let app: DbHandle;
  let other: SQLite.Database;

  beforeAll(async () => {
    app = createDb(`file:${file}`);
    await sql`create table counters (name text primary key, value integer not null)`.execute(app.db);
    await sql`insert into counters values ('a', 0), ('b', 0)`.execute(app.db);
    // The other process gives up at once instead of waiting, so a held lock shows as an error.
    other = new SQLite(file, { timeout: 0 });
  });

  afterAll(async () => {
    other.close();
    await app.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("holds the write lock from the start, so a commit elsewhere between its read and its write cannot fail it", async () => {
    let otherWrite: unknown = null;
    await app.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("counters" as never).select(sql<number>`value`.as("value")).where(sql`name`, "=", "a").executeTakeFirstOrThrow();
      try {
        other.prepare("update counters set value = value + 100 where name = 'b'").run();
      } catch (error) {
        otherWrite = error;
      }
      await sql`update counters set value = ${row.value + 1} where name = 'a'`.execute(trx);
    });
    expect((otherWrite as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
    const values = other.prepare("select name, value from counters order by name").all();
    expect(values).toEqual([{ name: "a", value: 1 }, { name: "b", value: 0 }]);
  });

  it("lets the other process write once the transaction has committed", () => {
    const read = () => (other.prepare("select value from counters where name = 'b'").get() as { value: number }).value;
    const before = read();
    other.prepare("update counters set value = value + 100 where name = 'b'").run();
    expect(read()).toBe(before + 100);
  });
});
