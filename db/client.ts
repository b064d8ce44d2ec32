import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, MysqlDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase } from "kysely";
import { createPool } from "mysql2";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "mysql";
export type Db = Kysely<Database>;

export const DEFAULT_SQLITE_FILE = "data/app.db";

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** Human-readable location without credentials, for logs. */
  location: string;
}

/** Which engine a DATABASE_URL points at: none or `file:` is SQLite, `mysql://` is MySQL/MariaDB. */
export function dialectOf(url: string | undefined): Dialect {
  if (!url || url.startsWith("file:")) return "sqlite";
  if (url.startsWith("mysql://") || url.startsWith("mariadb://")) return "mysql";
  throw new Error(`Unsupported DATABASE_URL scheme: ${url.split(":")[0]}`);
}

export function sqliteFileOf(url: string | undefined): string {
  if (!url) return DEFAULT_SQLITE_FILE;
  const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
  return file || DEFAULT_SQLITE_FILE;
}

/** Opens the database named by `url` (or the embedded SQLite file when there is none). */
export function createDb(url: string | undefined, options: { poolSize?: number } = {}): DbHandle {
  if (dialectOf(url) === "sqlite") {
    const file = sqliteFileOf(url);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const database = new SQLite(file);
    database.pragma("journal_mode = WAL");
    // FULL: a committed answer survives power loss too, not only a process crash.
    database.pragma("synchronous = FULL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) }), dialect: "sqlite", location: file };
  }
  const parsed = new URL(url!.replace(/^mariadb:/, "mysql:"));
  const pool = createPool({
    uri: parsed.toString(),
    connectionLimit: options.poolSize ?? 10,
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    // BIGINT epoch-millisecond columns come back as JS numbers (they fit in 2^53).
    supportBigNumbers: true,
    bigNumberStrings: false,
    dateStrings: true,
    enableKeepAlive: true,
  });
  pool.on("connection", (conn) => {
    conn.query("SET time_zone = '+00:00', sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
  });
  const location = `mysql://${parsed.host}${parsed.pathname}`;
  return { db: new Kysely<Database>({ dialect: new MysqlDialect({ pool }) }), dialect: "mysql", location };
}

/**
 * Kysely begins SQLite transactions DEFERRED: the write lock is taken at the first write. When
 * another process (a second web worker, a CLI, a test) commits between a transaction's first read
 * and its first write, SQLite cannot upgrade the stale read and fails at once with SQLITE_BUSY,
 * without waiting on busy_timeout. Every transaction here may write, so each one takes the write
 * lock up front (BEGIN IMMEDIATE) and waits its turn instead. Within one process all queries share
 * one connection, so this changes nothing there.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  private readonly settings: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.settings = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement on every call; preparing costs more than running
 * most of our queries (the autosave's profile showed it as the largest single cost). Statements are
 * kept by SQL text, least recently used dropped first. A statement still being iterated (a
 * streamed query) is busy, so that caller gets a fresh one.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/** Creates the MySQL database named in `url` when it does not exist yet (utf8mb4). */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const parsed = new URL(url.replace(/^mariadb:/, "mysql:"));
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Invalid MySQL database name: ${name}`);
  parsed.pathname = "/";
  const { createConnection } = await import("mysql2/promise");
  const conn = await createConnection({ uri: parsed.toString() });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
}
