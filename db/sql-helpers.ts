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

/** LIKE pattern for "contains", escaped with "!" (SQLite has no default escape character): use with `escape '!'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
