// The few places where SQLite and MySQL differ, in one file. Everything else stays in the
// common subset so the same queries run on both (and on MySQL-protocol engines such as TiDB).
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Dialect } from "./client";

/** Column type for rich text / JSON documents: MySQL TEXT stops at 64 KB. */
export function longText(dialect: Dialect): "text" | RawBuilder<unknown> {
  return dialect === "mysql" ? sql`mediumtext` : "text";
}

/** Booleans are stored as 0/1 integers on both engines. */
export const toFlag = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const fromFlag = (value: number | boolean | null | undefined): boolean => Boolean(value);

/**
 * The LIKE pattern matching a materialised org path and everything under it. Paths hold only
 * digits and slashes, so no wildcard escaping is needed (SQLite has no default LIKE escape);
 * anything else is refused rather than matched loosely.
 */
export function likePrefix(path: string): string {
  if (!/^\/(\d+\/)*$/.test(path)) throw new Error(`not an org path: ${path}`);
  return `${path}%`;
}

/** Which engine a Kysely instance talks to, read off its adapter. */
export function dialectOfDb(db: Kysely<any>): Dialect {
  const name = db.getExecutor().adapter.constructor.name;
  return name.toLowerCase().includes("mysql") ? "mysql" : "sqlite";
}

/**
 * The entry of `store` for this database, created on first use. Keyed by the database's adapter,
 * which a Kysely instance shares with its transactions: a transaction finds its database's entry,
 * and two databases in one process (the tests run SQLite and MySQL side by side) never share one.
 */
export function perDatabase<T>(store: WeakMap<object, T>, db: Kysely<any>, create: () => T): T {
  const key = db.getExecutor().adapter;
  let value = store.get(key);
  if (value === undefined) store.set(key, (value = create()));
  return value;
}

/** The id of a row just inserted, on both engines (insertId; MySQL has no RETURNING). */
export function insertedId(result: { insertId?: bigint }): number {
  if (result.insertId === undefined) throw new Error("insert returned no id");
  return Number(result.insertId);
}

/** Is this driver error a unique-key violation? (SQLite and MySQL report it differently.) */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

// Errors that say "the database is unreachable or busy right now", not "this request is wrong":
// the connection dropped or was refused (a MariaDB restart), the server is shutting down or out of
// connections, a deadlock or lock wait victim, or SQLite busy past its timeout. Retrying the same
// request later is correct for all of them.
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_SERVER_SHUTDOWN",
  "ER_CON_COUNT_ERROR",
  "ER_LOCK_DEADLOCK",
  "ER_LOCK_WAIT_TIMEOUT",
  "ER_CLIENT_INTERACTION_TIMEOUT",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
]);

/** How long a client is asked to wait (Retry-After) when the database is briefly unreachable. */
export const DB_RETRY_AFTER_SECONDS = 5;

/** Is this a database error worth retrying (connection lost, server restarting, lock contention)? */
export function isTransientDbError(error: unknown): boolean {
  let current: unknown = error;
  // Pool errors can wrap the socket error; look a few causes deep.
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const { code, fatal, cause } = current as { code?: unknown; fatal?: unknown; cause?: unknown };
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    // mysql2 marks a broken connection "fatal" whatever the code; the pool replaces it.
    if (fatal === true && typeof code === "string" && !code.startsWith("ER_")) return true;
    current = cause;
  }
  return false;
}

/** LIKE pattern for "contains", escaped with "!" (SQLite has no default escape character): use with `escape '!'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
