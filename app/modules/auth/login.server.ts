import type { Db } from "#db/client";
import { toFlag } from "#db/sql-helpers";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./password.server";
import { QueueFullError } from "./semaphore";
import { clearLoginFailures, loginBlockedUntil, recordLoginFailure } from "./throttle.server";

export type LoginResult =
  | { ok: true; personId: number; mustChangePassword: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled" | "busy"; retryAfterMs: number };

/** Finds an active person with an account by 工号 or mobile. */
async function findAccount(db: Db, identifier: string) {
  const byField = identifier.match(/^1\d{10}$/) ? "p.mobile" : "p.employee_no";
  return db
    .selectFrom("persons as p")
    .innerJoin("accounts as a", "a.person_id", "p.id")
    .select(["p.id", "a.password_hash", "a.must_change_password"])
    .where(byField, "=", identifier)
    .where("p.status", "=", "active")
    .executeTakeFirst();
}

/**
 * Checks a login. Unknown account and wrong password give the same answer after the same work;
 * throttled attempts are refused before any hashing so guessing costs the attacker time, not us.
 */
export async function attemptLogin(
  db: Db,
  input: { identifier: string; password: string; clientAddress: string },
  now = Date.now(),
): Promise<LoginResult> {
  const identifier = input.identifier.trim();
  const blockedUntil = await loginBlockedUntil(db, identifier, input.clientAddress, now);
  if (blockedUntil) return { ok: false, reason: "throttled", retryAfterMs: blockedUntil - now };
  try {
    const account = await findAccount(db, identifier);
    const valid = account
      ? await verifyPassword(account.password_hash, input.password)
      : await verifyAgainstDecoy(input.password);
    if (!account || !valid) {
      await recordLoginFailure(db, identifier, input.clientAddress, now);
      return { ok: false, reason: "invalid" };
    }
    await clearLoginFailures(db, identifier, input.clientAddress);
    return { ok: true, personId: account.id, mustChangePassword: account.must_change_password === 1 };
  } catch (error) {
    if (error instanceof QueueFullError) return { ok: false, reason: "busy", retryAfterMs: 2_000 };
    throw error;
  }
}

/** Sets a new password the person chose; clears the must-change flag. */
export async function changePassword(db: Db, personId: number, newPassword: string, now = Date.now()): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await db
    .updateTable("accounts")
    .set({ password_hash: passwordHash, must_change_password: toFlag(false), password_changed_at: now })
    .where("person_id", "=", personId)
    .execute();
}

/** Creates or resets an account with an initial password the person must change at first login. */
export async function setInitialPassword(db: Db, personId: number, passwordHash: string, now = Date.now()): Promise<void> {
  const existing = await db.selectFrom("accounts").select("person_id").where("person_id", "=", personId).executeTakeFirst();
  if (existing) {
    await db
      .updateTable("accounts")
      .set({ password_hash: passwordHash, must_change_password: toFlag(true), password_changed_at: now })
      .where("person_id", "=", personId)
      .execute();
  } else {
    await db
      .insertInto("accounts")
      .values({ person_id: personId, password_hash: passwordHash, must_change_password: toFlag(true), password_changed_at: null, created_at: now })
      .execute();
  }
}

export async function currentPasswordMatches(db: Db, personId: number, password: string): Promise<boolean> {
  const row = await db.selectFrom("accounts").select("password_hash").where("person_id", "=", personId).executeTakeFirst();
  return row ? verifyPassword(row.password_hash, password) : false;
}
