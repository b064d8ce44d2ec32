// Seeds the demo city (Hangzhou-shaped: 13 districts, ~190 towns, 95 stations, 26 fire teams,
// ~850 villages, ~3,400 people) and its demo logins, on an empty database.
import { hashPassword } from "~/modules/auth/password.server";
import type { Db } from "../client";
import { DEMO_PASSWORD, demoCredentials, type DemoCredential } from "./demo-accounts";
import { planCity } from "./org-plan";
import { planDemoPeople, type PlannedPerson } from "./people-plan";
import { ensureTiers, insertPeople, insertUnits, type PersonRow } from "./writer";

export { DEMO_PASSWORD, demoCredentials, type DemoCredential };

/** Grid workers per village: with ~850 villages this puts the whole city at ~3,400 people. */
export const DEFAULT_PEOPLE_PER_VILLAGE = 3;

export interface SeedDemoOptions {
  /** Grid workers (村社网格员) per village, the demo trainee included. */
  peoplePerVillage?: number;
  /** created_at / valid_from of every row; defaults to the current time. */
  now?: number;
}

export interface SeedSummary {
  units: number;
  persons: number;
}

/**
 * Inserts the whole demo city in ONE transaction (of chunked multi-row inserts): a failure or a
 * concurrent seeder leaves nothing half-written, and on SQLite one commit is also the fastest.
 */
export async function seedDemoCity(db: Db, options: SeedDemoOptions = {}): Promise<SeedSummary> {
  const now = options.now ?? Date.now();
  const peoplePerVillage = options.peoplePerVillage ?? DEFAULT_PEOPLE_PER_VILLAGE;
  if (!Number.isInteger(peoplePerVillage) || peoplePerVillage < 1) {
    // At least one, so the demo trainee has a village seat.
    throw new Error(`peoplePerVillage must be a positive integer, got ${peoplePerVillage}`);
  }
  const city = planCity();
  const planned = planDemoPeople(city, { peoplePerVillage });
  // Hash before opening the transaction: no write lock is held during the slow part.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    await ensureTiers(trx);
    const unitIds = await insertUnits(trx, city.levels, now);
    const rows = planned.map((p) => toRow(p, unitIds));
    await insertPeople(trx, rows, { passwordHash, now });
    return { units: unitIds.size, persons: rows.length };
  });
}

/**
 * Seeds the demo city when there are no org units yet and returns the demo logins; returns null
 * when the database already has data (including when another process seeded it just now).
 */
export async function seedDemoIfEmpty(db: Db, options: SeedDemoOptions = {}): Promise<DemoCredential[] | null> {
  if (!(await orgUnitsEmpty(db))) return null;
  try {
    await seedDemoCity(db, options);
  } catch (error) {
    // Two app processes starting together: the loser hits the unique unit code and rolls back.
    if (!(await orgUnitsEmpty(db))) return null;
    throw error;
  }
  return demoCredentials();
}

async function orgUnitsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom("org_units").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

function toRow(person: PlannedPerson, unitIds: ReadonlyMap<string, number>): PersonRow {
  const idOf = (code: string): number => {
    const id = unitIds.get(code);
    if (id === undefined) throw new Error(`seed plan refers to unknown unit ${code}`);
    return id;
  };
  return {
    ...person,
    orgUnitId: idOf(person.unitCode),
    extraRoles: person.extraRoles.map((r) => ({
      role: r.role,
      scopeOrgUnitId: r.scopeCode === null ? null : idOf(r.scopeCode),
    })),
  };
}
