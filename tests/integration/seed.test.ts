import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { passwordProblem } from "~/modules/auth/password-policy";
import type { Db } from "#db/client";
import { BENCH_PASSWORD, countGridPersons, seedCityScale } from "#db/seed/bench";
import { DEMO_PASSWORD, demoCredentials, seedDemoIfEmpty } from "#db/seed/demo";
import { mobileOfSerial } from "#db/seed/fake-person";
import { planCity } from "#db/seed/org-plan";
import { forEachDialect } from "../support/test-db";

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ["org_units", "persons", "person_org_history", "accounts", "role_assignments", "training_tiers"] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function personByEmployeeNo(db: Db, employeeNo: string) {
  return db
    .selectFrom("persons")
    .innerJoin("org_units", "org_units.id", "persons.org_unit_id")
    .select(["persons.id", "persons.tier", "persons.post", "org_units.path", "org_units.type"])
    .where("persons.employee_no", "=", employeeNo)
    .executeTakeFirstOrThrow();
}

async function rolesOf(db: Db, personId: number) {
  return db
    .selectFrom("role_assignments")
    .leftJoin("org_units", "org_units.id", "role_assignments.scope_org_unit_id")
    .select(["role_assignments.role", "org_units.type as scopeType", "org_units.name as scopeName", "org_units.path as scopePath"])
    .where("role_assignments.person_id", "=", personId)
    .orderBy("role_assignments.role")
    .execute();
}

describe("seed data (pure)", () => {
  it("uses passwords the policy accepts", () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
    expect(passwordProblem(BENCH_PASSWORD)).toBeNull();
  });

  it("plans ~190 towns with unique codes and the demo station in 转塘街道", () => {
    const city = planCity();
    expect(city.towns.length).toBeGreaterThanOrEqual(180);
    const codes = city.levels.flat().map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9-]+$/);
    expect(city.demoStation.name).toBe("转塘街道应急消防管理站");
  });

  it("generates distinct, well-formed mobile numbers", () => {
    const mobiles = Array.from({ length: 20_000 }, (_, i) => mobileOfSerial(i + 1));
    expect(new Set(mobiles).size).toBe(mobiles.length);
    for (const mobile of mobiles.slice(0, 200)) expect(mobile).toMatch(/^1[35789]\d{9}$/);
  });
});

forEachDialect("demo city seed", (get) => {
  it("seeds an empty database and returns the demo logins", async () => {
    const credentials = await seedDemoIfEmpty(get().db);
    expect(credentials).toEqual(demoCredentials());
    expect(credentials!.map((c) => c.employeeNo)).toEqual(["admin", "hr", "instructor", "manager", "trainee", "district"]);
  }, 60_000);

  it("builds the tree: 1 city, 13 districts, 95 stations, 26 fire teams", async () => {
    const rows = await get()
      .db.selectFrom("org_units")
      .select(["type", (eb) => eb.fn.countAll().as("n")])
      .groupBy("type")
      .execute();
    const byType = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    expect(byType.city).toBe(1);
    expect(byType.district).toBe(13);
    expect(byType.station).toBe(95);
    expect(byType.fire_team).toBe(26);
    expect(byType.town).toBeGreaterThanOrEqual(180);
    expect(byType.village).toBeGreaterThanOrEqual(700);
  });

  it("stores each unit's path as its parent's path + id, and depth = parent depth + 1", async () => {
    const units = await get().db.selectFrom("org_units").select(["id", "parent_id", "path", "depth"]).execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const unit of units) {
      const parent = unit.parent_id === null ? undefined : byId.get(unit.parent_id);
      expect(unit.path).toBe(`${parent?.path ?? "/"}${unit.id}/`);
      expect(unit.depth).toBe(parent ? parent.depth + 1 : 0);
    }
  });

  it("gives the demo accounts their roles and scopes", async () => {
    const { db } = get();
    const roles = async (employeeNo: string) => rolesOf(db, (await personByEmployeeNo(db, employeeNo)).id);
    expect((await roles("admin")).map((r) => [r.role, r.scopeType])).toEqual([["admin", null], ["trainee", null]]);
    expect((await roles("hr")).map((r) => [r.role, r.scopeType])).toEqual([["hr", null], ["trainee", null]]);
    expect((await roles("instructor")).map((r) => [r.role, r.scopeType])).toEqual([["instructor", null], ["trainee", null]]);
    expect((await roles("trainee")).map((r) => [r.role, r.scopeType])).toEqual([["trainee", null]]);

    const [townScope] = (await roles("manager")).filter((r) => r.role === "manager");
    expect(townScope).toMatchObject({ scopeType: "town", scopeName: "转塘街道" });
    const [districtScope] = (await roles("district")).filter((r) => r.role === "manager");
    expect(districtScope).toMatchObject({ scopeType: "district", scopeName: "西湖区" });

    // The station chief sits in the station and oversees its town; the trainee is in a village
    // of that town, so inside the chief's scope.
    const manager = await personByEmployeeNo(db, "manager");
    expect(manager).toMatchObject({ tier: "chief", type: "station" });
    expect(manager.path.startsWith(townScope.scopePath!)).toBe(true);
    const trainee = await personByEmployeeNo(db, "trainee");
    expect(trainee).toMatchObject({ tier: "grid", type: "village" });
    expect(trainee.path.startsWith(townScope.scopePath!)).toBe(true);
    expect(trainee.path.startsWith(districtScope.scopePath!)).toBe(true);
  });

  it("gives every person exactly one open history row, an account and the trainee role", async () => {
    const { db } = get();
    const counts = await rowCounts(db);
    expect(counts.persons).toBeGreaterThan(3000);
    expect(counts.persons).toBeLessThan(4000);
    const open = await db
      .selectFrom("persons")
      .leftJoin("person_org_history as h", (join) => join.onRef("h.person_id", "=", "persons.id").on("h.valid_to", "is", null))
      .select(["persons.id", (eb) => eb.fn.count("h.id").as("n")])
      .groupBy("persons.id")
      .having((eb) => eb.fn.count("h.id"), "<>", 1)
      .execute();
    expect(open).toEqual([]);
    expect(counts.person_org_history).toBe(counts.persons);
    expect(counts.accounts).toBe(counts.persons);
    const trainees = await db
      .selectFrom("role_assignments")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("role", "=", "trainee")
      .where("scope_org_unit_id", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(trainees.n)).toBe(counts.persons);
  });

  it("stores a hash that verifies the demo password", async () => {
    const { db } = get();
    const admin = await personByEmployeeNo(db, "admin");
    const account = await db.selectFrom("accounts").selectAll().where("person_id", "=", admin.id).executeTakeFirstOrThrow();
    expect(account.must_change_password).toBe(0);
    expect(account.password_hash.startsWith("$argon2id$")).toBe(true);
    expect(await verify(account.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verify(account.password_hash, "wrong-password")).toBe(false);
  });

  it("returns null and adds nothing when called again", async () => {
    const { db } = get();
    const before = await rowCounts(db);
    expect(await seedDemoIfEmpty(db)).toBeNull();
    expect(await rowCounts(db)).toEqual(before);
  });

  it("tops grid workers up to the requested total, idempotently", async () => {
    const { db } = get();
    // The target counts ALL grid-tier persons: the demo's own grid workers plus bench ones.
    const demoGrid = await countGridPersons(db);
    const target = demoGrid + 500;
    expect(await seedCityScale(db, { people: target })).toEqual({ added: 500, gridTotal: target });
    const before = await rowCounts(db);
    expect(await seedCityScale(db, { people: target })).toEqual({ added: 0, gridTotal: target });
    expect(await rowCounts(db)).toEqual(before);
    expect(await countGridPersons(db)).toBe(target);

    const bench = await db
      .selectFrom("persons")
      .innerJoin("org_units", "org_units.id", "persons.org_unit_id")
      .select(["persons.employee_no", "org_units.type"])
      .where("persons.employee_no", "like", "G%")
      .orderBy("persons.employee_no")
      .execute();
    expect(bench).toHaveLength(500);
    expect(bench[0].employee_no).toBe("G0000001");
    expect(bench[499].employee_no).toBe("G0000500");
    expect(new Set(bench.map((p) => p.type))).toEqual(new Set(["village"]));
  }, 60_000);
});
