// Minimal org, tier and people rows for integration tests, inserted directly.
import { randomBytes } from "node:crypto";
import type { Db } from "#db/client";
import type { Role } from "#db/schema";
import { insertedId } from "#db/sql-helpers";
import { hashPassword } from "~/modules/auth/password.server";

export const TEST_PASSWORD = "Lantern#river9";
let hashOfTestPassword: Promise<string> | undefined;

export async function ensureTier(db: Db, code = "grid", name = "村社网格员"): Promise<string> {
  const existing = await db.selectFrom("training_tiers").select("code").where("code", "=", code).executeTakeFirst();
  if (!existing) await db.insertInto("training_tiers").values({ code, name }).execute();
  return code;
}

/** A unit under `parentPath` (or a new root when null), returning its id and path. */
export async function makeUnit(db: Db, parent: { id: number; path: string; depth: number } | null, type: "city" | "district" | "town" | "station" | "village", name = "测试单位") {
  const now = Date.now();
  const code = `u-${randomBytes(5).toString("hex")}`;
  const result = await db
    .insertInto("org_units")
    .values({ parent_id: parent?.id ?? null, type, name, code, path: `/tmp-${code}/`, depth: parent ? parent.depth + 1 : 0, created_at: now, updated_at: now })
    .executeTakeFirst();
  const id = insertedId(result);
  const path = `${parent?.path ?? "/"}${id}/`;
  await db.updateTable("org_units").set({ path }).where("id", "=", id).execute();
  return { id, path, depth: parent ? parent.depth + 1 : 0, code };
}

export async function makePerson(
  db: Db,
  unitId: number,
  options: { roles?: Array<{ role: Role; scope?: number | null }>; mustChange?: boolean; mobile?: string | null } = {},
) {
  const now = Date.now();
  const tier = await ensureTier(db);
  const employeeNo = `T${randomBytes(5).toString("hex")}`;
  const result = await db
    .insertInto("persons")
    .values({ employee_no: employeeNo, name: "测试人员", mobile: options.mobile ?? null, gender: "female", birth_date: "1990-01-01", post: "网格员", tier, rank: null, org_unit_id: unitId, created_at: now, updated_at: now })
    .executeTakeFirst();
  const id = insertedId(result);
  hashOfTestPassword ??= hashPassword(TEST_PASSWORD);
  await db
    .insertInto("accounts")
    .values({ person_id: id, password_hash: await hashOfTestPassword, must_change_password: options.mustChange ? 1 : 0, password_changed_at: null, created_at: now })
    .execute();
  await db.insertInto("person_org_history").values({ person_id: id, org_unit_id: unitId, valid_from: now, valid_to: null }).execute();
  for (const grant of options.roles ?? [{ role: "trainee" as Role }]) {
    await db.insertInto("role_assignments").values({ person_id: id, role: grant.role, scope_org_unit_id: grant.scope ?? null, created_at: now }).execute();
  }
  return { id, employeeNo };
}
