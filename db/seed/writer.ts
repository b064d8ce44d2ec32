// Bulk writers shared by the demo and bench seeds: multi-row inserts in chunks, on both engines.
import { sql } from "kysely";
import type { Db } from "../client";
import type { Gender, Role } from "../schema";
import { TRAINING_TIERS } from "./city-data";
import type { UnitPlan } from "./org-plan";

/** Rows per INSERT: ~5,500 parameters for persons, well under SQLite's and MySQL's limits. */
export const CHUNK_SIZE = 500;

export function chunked<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Adds the four training tiers that are not there yet (another migration or seed may own some). */
export async function ensureTiers(db: Db): Promise<void> {
  const existing = new Set((await db.selectFrom("training_tiers").select("code").execute()).map((t) => t.code));
  const missing = TRAINING_TIERS.filter((t) => !existing.has(t.code));
  if (missing.length > 0) await db.insertInto("training_tiers").values(missing.map((t) => ({ ...t }))).execute();
}

interface PlacedUnit {
  id: number;
  path: string;
  depth: number;
}

/**
 * Inserts the tree level by level and returns code → id. Ids of a multi-row insert are read back
 * by the unique code: `insertId` of a multi-row insert is the last id on SQLite but the first on
 * MySQL, and MySQL does not promise consecutive ids, so it cannot be trusted for a whole batch.
 */
export async function insertUnits(db: Db, levels: readonly UnitPlan[][], now: number): Promise<Map<string, number>> {
  const placed = new Map<string, PlacedUnit>();
  for (const level of levels) {
    for (const chunk of chunked(level)) {
      const parentOf = (u: UnitPlan) => (u.parentCode === null ? null : placed.get(u.parentCode)!);
      await db
        .insertInto("org_units")
        .values(
          chunk.map((u) => ({
            parent_id: parentOf(u)?.id ?? null,
            type: u.type,
            name: u.name,
            code: u.code,
            // The real path needs the new id; a unique placeholder until the update below.
            path: `/pending-${u.code}/`,
            depth: (parentOf(u)?.depth ?? -1) + 1,
            sort_order: u.sortOrder,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      const rows = await db
        .selectFrom("org_units")
        .select(["id", "code"])
        .where("code", "in", chunk.map((u) => u.code))
        .execute();
      const idOf = new Map(rows.map((r) => [r.code, r.id]));
      const updates = chunk.map((u) => {
        const id = idOf.get(u.code)!;
        const parent = parentOf(u);
        const unit = { id, path: `${parent?.path ?? "/"}${id}/`, depth: (parent?.depth ?? -1) + 1 };
        placed.set(u.code, unit);
        return unit;
      });
      await setPaths(db, updates);
    }
  }
  return new Map([...placed].map(([code, unit]) => [code, unit.id]));
}

/** One UPDATE per chunk (CASE on id) instead of one round trip per unit. */
async function setPaths(db: Db, units: readonly PlacedUnit[]): Promise<void> {
  const cases = sql.join(
    units.map((u) => sql`when ${u.id} then ${u.path}`),
    sql` `,
  );
  await db
    .updateTable("org_units")
    .set({ path: sql<string>`case id ${cases} end` })
    .where("id", "in", units.map((u) => u.id))
    .execute();
}

export interface PersonRow {
  employeeNo: string;
  name: string;
  mobile: string | null;
  gender: Gender;
  birthDate: string;
  post: string;
  tier: string;
  rank: string | null;
  orgUnitId: number;
  /** Roles besides `trainee`, which every seeded person gets city-wide. */
  extraRoles: Array<{ role: Role; scopeOrgUnitId: number | null }>;
}

/**
 * Inserts people with everything a login needs: the person, one open org-history row, an account
 * (all sharing one precomputed hash, see below) and their roles. Call inside a transaction.
 */
export async function insertPeople(
  db: Db,
  people: readonly PersonRow[],
  account: { passwordHash: string; now: number },
): Promise<void> {
  const { now, passwordHash } = account;
  for (const chunk of chunked(people)) {
    await db
      .insertInto("persons")
      .values(
        chunk.map((p) => ({
          employee_no: p.employeeNo,
          name: p.name,
          mobile: p.mobile,
          gender: p.gender,
          birth_date: p.birthDate,
          post: p.post,
          tier: p.tier,
          rank: p.rank,
          org_unit_id: p.orgUnitId,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const rows = await db
      .selectFrom("persons")
      .select(["id", "employee_no"])
      .where("employee_no", "in", chunk.map((p) => p.employeeNo))
      .execute();
    // MySQL compares with a case-insensitive collation; match the same way here.
    const idOf = new Map(rows.map((r) => [r.employee_no.toLowerCase(), r.id]));
    const placed = chunk.map((p) => ({ person: p, id: idOf.get(p.employeeNo.toLowerCase())! }));

    await db
      .insertInto("person_org_history")
      .values(placed.map(({ person, id }) => ({ person_id: id, org_unit_id: person.orgUnitId, valid_from: now, valid_to: null })))
      .execute();
    // argon2 hashes embed their salt, so one hash of the shared demo password verifies for all;
    // hashing each account separately would cost ~30 ms × thousands of people.
    await db
      .insertInto("accounts")
      .values(
        placed.map(({ id }) => ({
          person_id: id,
          password_hash: passwordHash,
          must_change_password: 0,
          password_changed_at: now,
          created_at: now,
        })),
      )
      .execute();
    const roles = placed.flatMap(({ person, id }) => [
      { person_id: id, role: "trainee" as Role, scope_org_unit_id: null, created_at: now },
      ...person.extraRoles.map((r) => ({ person_id: id, role: r.role, scope_org_unit_id: r.scopeOrgUnitId, created_at: now })),
    ]);
    for (const part of chunked(roles)) await db.insertInto("role_assignments").values(part).execute();
  }
}
