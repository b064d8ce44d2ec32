// Frozen: question banks with members and a knowledge-point tree, questions whose content lives in
// immutable versions (what attempts will point at), free tags and a per-question history.
import { sql, type Kysely } from "kysely";

function isMysql(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes("mysql");
}

export async function up(db: Kysely<any>): Promise<void> {
  const longText = isMysql(db) ? sql`mediumtext` : sql`text`;

  await db.schema
    .createTable("question_banks")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // Stable key: content/questions/<key>.yaml and the command-line import address banks by it.
    .addColumn("bank_key", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("description", "varchar(1000)", (c) => c.notNull().defaultTo(""))
    .addColumn("category", "varchar(32)", (c) => c.notNull().references("course_categories.code"))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("question_bank_members")
    .addColumn("bank_id", "integer", (c) => c.notNull().references("question_banks.id"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    // owner: manages members and the bank itself; editor: writes questions.
    .addColumn("role", "varchar(16)", (c) => c.notNull())
    .addPrimaryKeyConstraint("question_bank_members_pk", ["bank_id", "person_id"])
    .execute();

  await db.schema
    .createTable("knowledge_points")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("bank_id", "integer", (c) => c.notNull().references("question_banks.id"))
    .addColumn("parent_id", "integer", (c) => c.references("knowledge_points.id"))
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    // Names from the root joined by "/", e.g. "行政处罚法/简易程序": what files and filters use.
    .addColumn("path", "varchar(400)", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(100))
    .addUniqueConstraint("knowledge_points_path_uq", ["bank_id", "path"])
    .execute();

  await db.schema
    .createTable("questions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("bank_id", "integer", (c) => c.notNull().references("question_banks.id"))
    // Stable key of questions imported from content/; null for questions made in the app.
    .addColumn("content_key", "varchar(64)", (c) => c.unique())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("current_version", "integer", (c) => c.notNull())
    // Copies of the current version's searchable fields, so lists and filters never parse JSON.
    .addColumn("type", "varchar(16)", (c) => c.notNull())
    .addColumn("difficulty", "integer")
    .addColumn("knowledge_point_id", "integer", (c) => c.references("knowledge_points.id"))
    // ",grid,staff," so one tier is matched with LIKE '%,grid,%'.
    .addColumn("tiers", "varchar(200)", (c) => c.notNull().defaultTo(""))
    .addColumn("search_text", longText, (c) => c.notNull())
    // sha256 of the normalised stem and options (duplicate detection).
    .addColumn("dup_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("persons.id"))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("questions_bank_status_idx").on("questions").columns(["bank_id", "status", "type"]).execute();
  await db.schema.createIndex("questions_bank_point_idx").on("questions").columns(["bank_id", "knowledge_point_id"]).execute();
  await db.schema.createIndex("questions_bank_dup_idx").on("questions").columns(["bank_id", "dup_hash"]).execute();

  // Never updated or deleted: an attempt that drew version N reads exactly this row forever.
  await db.schema
    .createTable("question_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("type", "varchar(16)", (c) => c.notNull())
    // The whole question as JSON: stem and 解析 as rich-text documents, options, key, metadata.
    .addColumn("content", longText, (c) => c.notNull())
    .addColumn("content_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("question_versions_uq", ["question_id", "version"])
    .execute();

  await db.schema
    .createTable("question_tags")
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("tag", "varchar(50)", (c) => c.notNull())
    .addPrimaryKeyConstraint("question_tags_pk", ["question_id", "tag"])
    .execute();
  await db.schema.createIndex("question_tags_tag_idx").on("question_tags").columns(["tag", "question_id"]).execute();

  await db.schema
    .createTable("question_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    // create | edit | publish | retire | restore | move | tag | untag | import
    .addColumn("action", "varchar(16)", (c) => c.notNull())
    .addColumn("version", "integer")
    .addColumn("actor_id", "integer", (c) => c.references("persons.id"))
    .addColumn("detail", "varchar(1000)")
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("question_events_question_idx").on("question_events").columns(["question_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["question_events", "question_tags", "question_versions", "questions", "knowledge_points", "question_bank_members", "question_banks"]) {
    await db.schema.dropTable(table).execute();
  }
}
