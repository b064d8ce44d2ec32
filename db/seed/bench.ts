// City-scale load data: fills the demo city's villages with grid workers (村社网格员) until the
// city has `people` of them, for load tests and list/report performance checks.
import { hashPassword } from "~/modules/auth/password.server";
import type { Db } from "../client";
import { seedDemoIfEmpty } from "./demo";
import { mobileOfSerial } from "./fake-person";
import { gridWorker, realise } from "./people-plan";
import { createRng } from "./random";
import { chunked, insertPeople, type PersonRow } from "./writer";

export const BENCH_PASSWORD = "Bench@2026yj";

/** Bench people are G0000001, G0000002, …; the pattern matches exactly those numbers. */
const BENCH_PREFIX = "G";
const BENCH_DIGITS = 7;
/** Bench mobiles use serials far above the demo's (a few thousand), so the two never collide. */
const BENCH_MOBILE_SERIAL_BASE = 50_000_000;
/** People per transaction: big enough for speed, small enough to keep locks short on MySQL. */
const PEOPLE_PER_TRANSACTION = 5_000;

export interface ScaleSummary {
  /** Grid workers added by this call. */
  added: number;
  /** Persons with tier `grid` afterwards: the demo's grid workers plus every bench person. */
  gridTotal: number;
}

/**
 * Adds grid workers until the city has `people` persons of tier `grid` (the demo's own grid
 * workers count), seeding the demo city first when the database is empty. Idempotent: a re-run
 * with the same count finds the target met and adds nothing.
 */
export async function seedCityScale(db: Db, options: { people: number; now?: number }): Promise<ScaleSummary> {
  const { people } = options;
  if (!Number.isInteger(people) || people < 0) throw new Error(`people must be a non-negative integer, got ${people}`);
  const now = options.now ?? Date.now();
  await seedDemoIfEmpty(db);

  const gridBefore = await countGridPersons(db);
  const missing = people - gridBefore;
  if (missing <= 0) return { added: 0, gridTotal: gridBefore };

  const villages = await db
    .selectFrom("org_units")
    .select("id")
    .where("type", "=", "village")
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  if (villages.length === 0) throw new Error("no active villages to place grid workers in");

  const firstSerial = (await lastBenchSerial(db)) + 1;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  for (let offset = 0; offset < missing; offset += PEOPLE_PER_TRANSACTION) {
    const count = Math.min(PEOPLE_PER_TRANSACTION, missing - offset);
    const serials = Array.from({ length: count }, (_, i) => firstSerial + offset + i);
    const rows = serials.map((serial) => benchPerson(serial, villages[(serial - 1) % villages.length].id));
    await dropTakenMobiles(db, rows);
    await db.transaction().execute((trx) => insertPeople(trx, rows, { passwordHash, now }));
  }
  return { added: missing, gridTotal: gridBefore + missing };
}

export async function countGridPersons(db: Db): Promise<number> {
  const row = await db
    .selectFrom("persons")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("tier", "=", "grid")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One bench person, the same for a given serial however the run is batched. */
function benchPerson(serial: number, villageId: number): PersonRow {
  const employeeNo = BENCH_PREFIX + String(serial).padStart(BENCH_DIGITS, "0");
  const rng = createRng(0x5eed_0000 + serial);
  const person = realise(gridWorker(""), rng, employeeNo, mobileOfSerial(BENCH_MOBILE_SERIAL_BASE + serial));
  return { ...person, orgUnitId: villageId, extraRoles: [] };
}

async function lastBenchSerial(db: Db): Promise<number> {
  // Fixed-width numbers sort as strings, so max() is the highest serial.
  const row = await db
    .selectFrom("persons")
    .select((eb) => eb.fn.max("employee_no").as("last"))
    .where("employee_no", "like", BENCH_PREFIX + "_".repeat(BENCH_DIGITS))
    .executeTakeFirst();
  const serial = Number(row?.last?.slice(BENCH_PREFIX.length));
  return Number.isInteger(serial) ? serial : 0;
}

/** Mobiles are unique; a real person imported earlier may already own a generated number. */
async function dropTakenMobiles(db: Db, rows: PersonRow[]): Promise<void> {
  const taken = new Set<string>();
  for (const part of chunked(rows)) {
    const found = await db
      .selectFrom("persons")
      .select("mobile")
      .where("mobile", "in", part.map((r) => r.mobile!))
      .execute();
    for (const { mobile } of found) if (mobile) taken.add(mobile);
  }
  for (const row of rows) if (row.mobile && taken.has(row.mobile)) row.mobile = null;
}
