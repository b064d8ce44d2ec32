// Scenario 7: the durability settings the crash scenarios rely on, read from the engine.
// SQLite: db/client.ts createDb (the function the app opens its database with) must leave the
// connection in WAL mode with synchronous = FULL (2). MariaDB: innodb_flush_log_at_trx_commit = 1,
// or a committed answer may sit in the log buffer when the machine loses power.
import { sql } from "kysely";
import { createDb } from "#db/client";
import type { Dataset } from "./dataset";
import type { ScenarioResult } from "./harness";

const SYNCHRONOUS = ["OFF", "NORMAL", "FULL", "EXTRA"];

export async function durabilityScenario(data: Dataset): Promise<ScenarioResult> {
  const lines: string[] = [];
  let pass = true;
  const handle = createDb(data.url, { poolSize: 1 });
  try {
    if (data.engine === "sqlite") {
      const sync = (await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db)).rows[0]!.synchronous;
      const mode = (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db)).rows[0]!.journal_mode;
      lines.push(`PRAGMA synchronous = ${sync} (${SYNCHRONOUS[sync] ?? "?"}), journal_mode = ${mode} on a connection opened by createDb (db/client.ts), as the server opens it`);
      if (sync < 2 || mode.toLowerCase() !== "wal") {
        pass = false;
        lines.push("WARNING: expected journal_mode=wal and synchronous=FULL (2); set both in db/client.ts createDb");
      }
    } else {
      const rows = (
        await sql<{ flush: number | string; binlog: number | string; logbin: number | string; doublewrite: number | string }>`
          select @@innodb_flush_log_at_trx_commit as flush, @@sync_binlog as binlog, @@log_bin as logbin, @@innodb_doublewrite as doublewrite`.execute(handle.db)
      ).rows[0]!;
      lines.push(`innodb_flush_log_at_trx_commit = ${rows.flush}, innodb_doublewrite = ${rows.doublewrite}, log_bin = ${rows.logbin}, sync_binlog = ${rows.binlog}`);
      if (Number(rows.flush) !== 1) {
        pass = false;
        lines.push(
          "WARNING: innodb_flush_log_at_trx_commit is not 1: a committed (and acknowledged) answer can be lost when the machine crashes. Set `innodb_flush_log_at_trx_commit = 1` under [mysqld] in /etc/mysql/my.cnf (or `SET GLOBAL innodb_flush_log_at_trx_commit = 1`).",
        );
      }
      if (Number(rows.logbin) === 1 && Number(rows.binlog) !== 1) lines.push("note: the binary log is on with sync_binlog ≠ 1; a replica may miss the last commits after a crash");
    }
  } finally {
    await handle.db.destroy();
  }
  lines.push("the kill -9 scenario is the test of these settings (process crash); power loss is not simulated");
  return { name: "7. durability settings", engine: data.engine, pass, lines };
}
