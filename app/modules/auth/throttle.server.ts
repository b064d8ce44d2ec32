import type { Db } from "#db/client";
import {
  THROTTLE_FORGET_MS,
  THROTTLE_RULES,
  delayAfterFailures,
  throttleKey,
  type ThrottleKind,
} from "./throttle";

const KINDS = Object.keys(THROTTLE_RULES) as ThrottleKind[];

function keysFor(account: string, address: string) {
  return KINDS.map((kind) => ({ kind, key: throttleKey(kind, account, address) }));
}

/** The instant until which this login is blocked, or 0 when it may proceed. */
export async function loginBlockedUntil(db: Db, account: string, address: string, now: number): Promise<number> {
  const keys = keysFor(account, address).map((k) => k.key);
  const rows = await db.selectFrom("login_throttle").select(["blocked_until"]).where("key", "in", keys).execute();
  const until = Math.max(0, ...rows.map((r) => r.blocked_until));
  return until > now ? until : 0;
}

/** Counts a failed login against every key and sets each key's block from its own schedule. */
export async function recordLoginFailure(db: Db, account: string, address: string, now: number): Promise<void> {
  for (const { kind, key } of keysFor(account, address)) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
      const stale = !row || now - row.last_failure_at > THROTTLE_FORGET_MS;
      const failures = stale ? 1 : row.failures + 1;
      const blockedUntil = now + delayAfterFailures(failures, THROTTLE_RULES[kind]);
      if (row) {
        await trx
          .updateTable("login_throttle")
          .set({ failures, last_failure_at: now, blocked_until: blockedUntil })
          .where("key", "=", key)
          .execute();
      } else {
        await trx
          .insertInto("login_throttle")
          .values({ key, failures, last_failure_at: now, blocked_until: blockedUntil })
          .execute()
          .catch(async () => {
            // Another process inserted the key first: count this failure on its row.
            await trx
              .updateTable("login_throttle")
              .set((eb) => ({ failures: eb("failures", "+", 1), last_failure_at: now }))
              .where("key", "=", key)
              .execute();
          });
      }
    });
  }
}

/**
 * A successful login clears the counters of this account from this address and of the account
 * overall; the address counter stays, so one good password does not reset guessing from there.
 */
export async function clearLoginFailures(db: Db, account: string, address: string): Promise<void> {
  const keys = keysFor(account, address)
    .filter((k) => k.kind !== "address")
    .map((k) => k.key);
  await db.deleteFrom("login_throttle").where("key", "in", keys).execute();
}
