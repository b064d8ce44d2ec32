// Seeds the database named by DATABASE_URL (the embedded SQLite file without it):
//
//   tsx db/cli/seed.ts                 migrate, then seed the demo city if the database is empty
//   tsx db/cli/seed.ts --people 30000  also fill villages until the city has 30,000 grid workers
import { performance } from "node:perf_hooks";
import { createDb, dialectOf, ensureMysqlDatabase, type Db } from "../client";
import { migrateToLatest } from "../migrate";
import { seedCityScale } from "../seed/bench";
import { seedDemoIfEmpty } from "../seed/demo";

const USAGE = "Usage: tsx db/cli/seed.ts [--people N]   (N: grid workers the city should have, 0 to 10,000,000)";
const MAX_PEOPLE = 10_000_000;

class UsageError extends Error {}

function parseArgs(args: readonly string[]): { people: number | null } {
  let people: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const [flag, inline] = arg.split("=", 2);
    if (flag !== "--people") throw new UsageError(`Unknown argument: ${arg}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError("--people needs a number");
    if (!/^\d+$/.test(value) || Number(value) > MAX_PEOPLE) {
      throw new UsageError(`--people must be a whole number from 0 to ${MAX_PEOPLE.toLocaleString("en-US")}, got "${value}"`);
    }
    people = Number(value);
  }
  return { people };
}

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function printCounts(db: Db): Promise<void> {
  const units = await db
    .selectFrom("org_units")
    .select(["type", (eb) => eb.fn.countAll().as("n")])
    .groupBy("type")
    .orderBy("type")
    .execute();
  const tiers = await db
    .selectFrom("persons")
    .select(["tier", (eb) => eb.fn.countAll().as("n")])
    .groupBy("tier")
    .orderBy("tier")
    .execute();
  console.log(`Org units: ${units.map((u) => `${u.type} ${Number(u.n)}`).join(", ")}`);
  const total = tiers.reduce((sum, t) => sum + Number(t.n), 0);
  console.log(`Persons:   ${total} (${tiers.map((t) => `${t.tier} ${Number(t.n)}`).join(", ")})`);
}

async function main(): Promise<void> {
  const { people } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL || undefined;
  if (dialectOf(url) === "mysql") await ensureMysqlDatabase(url!);
  const { db, location, dialect } = createDb(url);
  const started = performance.now();
  try {
    console.log(`Database: ${location} (${dialect})`);
    const migrated = await migrateToLatest(db);
    console.log(`Migrations applied: ${migrated.results?.length ?? 0}`);

    let step = performance.now();
    const credentials = await seedDemoIfEmpty(db);
    if (credentials) {
      console.log(`Demo city seeded in ${seconds(step)}. Demo logins:`);
      for (const c of credentials) console.log(`  ${c.employeeNo.padEnd(11)} ${c.password}  ${c.role} · ${c.label}`);
    } else {
      console.log("Demo city: database already has org units, skipped.");
    }

    if (people !== null) {
      step = performance.now();
      const result = await seedCityScale(db, { people });
      console.log(`City scale: added ${result.added} grid workers (grid total ${result.gridTotal}) in ${seconds(step)}.`);
    }
    await printCounts(db);
    console.log(`Done in ${seconds(started)}.`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error("Seeding failed:", error);
  process.exit(1);
});
