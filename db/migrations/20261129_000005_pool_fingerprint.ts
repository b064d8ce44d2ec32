// Frozen: a covering index for the drawing pool's fingerprint (app/modules/exams/paper-pool.server.ts).
// Every attempt start checks count, version sum and updated_at of a bank's published questions;
// with this index both engines answer that from the index alone instead of visiting 5,000 rows.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("questions_pool_fingerprint_idx").on("questions").columns(["bank_id", "status", "updated_at", "current_version"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const drop = db.schema.dropIndex("questions_pool_fingerprint_idx");
  // MySQL names the table of an index to drop; SQLite's DROP INDEX has no ON clause.
  const mysql = db.getExecutor().adapter.constructor.name.toLowerCase().includes("mysql");
  await (mysql ? drop.on("questions") : drop).execute();
}
