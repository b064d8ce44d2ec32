import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "#db/migrate";
import { migrations } from "#db/migrations";
import { forEachDialect } from "../support/test-db";

const EXPECTED_TABLES = [
  "accounts",
  "audit_log",
  "import_drafts",
  "login_throttle",
  "org_units",
  "person_org_history",
  "persons",
  "role_assignments",
  "sessions",
  "training_tiers",
];

forEachDialect("migrations", (get) => {
  it("creates every table from an empty database", async () => {
    const { db } = get();
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    for (const table of EXPECTED_TABLES) expect(tables).toContain(table);
  });

  it("is a no-op when run again", async () => {
    const result = await migrateToLatest(get().db);
    expect(result.results).toEqual([]);
  });

  it("recorded every migration in order", async () => {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(get().db);
    expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it("stores and returns Chinese text and epoch milliseconds exactly", async () => {
    const { db } = get();
    await db.insertInto("training_tiers").values({ code: "t1", name: "村社网格员" }).execute();
    const now = 1_764_400_000_123;
    await db
      .insertInto("org_units")
      .values({ type: "city", name: "杭州市应急管理局", code: "m-root", path: "/1/", depth: 0, created_at: now, updated_at: now })
      .execute();
    const unit = await db.selectFrom("org_units").selectAll().where("code", "=", "m-root").executeTakeFirstOrThrow();
    expect(unit.name).toBe("杭州市应急管理局");
    expect(unit.created_at).toBe(now);
    expect(typeof unit.created_at).toBe("number");
  });
});

describe("migration names", () => {
  it("are timestamp-prefixed and sorted", () => {
    const names = Object.keys(migrations);
    for (const name of names) expect(name).toMatch(/^\d{8}_\d{6}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
  });
});
