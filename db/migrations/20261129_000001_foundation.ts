// Frozen: org units, people and their unit history, accounts, roles, sessions, login throttling,
// import drafts and the audit log. Never edit after it ships; add a new migration instead.
import { sql, type Kysely } from "kysely";

function isMysql(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes("mysql");
}

export async function up(db: Kysely<any>): Promise<void> {
  const longText = isMysql(db) ? sql`mediumtext` : sql`text`;

  await db.schema
    .createTable("org_units")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("parent_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("type", "varchar(24)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("code", "varchar(64)", (c) => c.notNull().unique())
    // Materialised path of ids, e.g. "/1/4/17/": a subtree is one indexed prefix match.
    .addColumn("path", "varchar(255)", (c) => c.notNull())
    .addColumn("depth", "integer", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("org_units_path_idx").on("org_units").column("path").execute();
  await db.schema.createIndex("org_units_parent_idx").on("org_units").columns(["parent_id", "sort_order"]).execute();

  await db.schema
    .createTable("training_tiers")
    .addColumn("code", "varchar(32)", (c) => c.primaryKey())
    .addColumn("name", "varchar(50)", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("persons")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("employee_no", "varchar(32)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(50)", (c) => c.notNull())
    .addColumn("mobile", "varchar(20)", (c) => c.unique())
    .addColumn("gender", "varchar(8)")
    .addColumn("birth_date", "varchar(10)")
    .addColumn("post", "varchar(32)", (c) => c.notNull())
    .addColumn("tier", "varchar(32)", (c) => c.notNull().references("training_tiers.code"))
    .addColumn("rank", "varchar(32)")
    .addColumn("org_unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("status", "varchar(16)", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("persons_org_idx").on("persons").columns(["org_unit_id", "id"]).execute();
  await db.schema.createIndex("persons_name_idx").on("persons").column("name").execute();
  await db.schema.createIndex("persons_tier_idx").on("persons").columns(["tier", "id"]).execute();
  await db.schema.createIndex("persons_post_idx").on("persons").columns(["post", "id"]).execute();
  await db.schema.createIndex("persons_status_idx").on("persons").columns(["status", "id"]).execute();

  await db.schema
    .createTable("person_org_history")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("org_unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("valid_from", "bigint", (c) => c.notNull())
    .addColumn("valid_to", "bigint")
    .execute();
  await db.schema
    .createIndex("person_org_history_person_idx")
    .on("person_org_history")
    .columns(["person_id", "valid_from"])
    .execute();

  await db.schema
    .createTable("accounts")
    .addColumn("person_id", "integer", (c) => c.primaryKey().references("persons.id"))
    .addColumn("password_hash", "varchar(255)", (c) => c.notNull())
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("password_changed_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("role_assignments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("role", "varchar(16)", (c) => c.notNull())
    // Null means city-wide; otherwise the root of the org subtree the role applies to.
    .addColumn("scope_org_unit_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("role_assignments_person_idx").on("role_assignments").column("person_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("client_address", "varchar(64)")
    .addColumn("user_agent", "varchar(255)")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();
  await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();

  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "varchar(191)", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "bigint", (c) => c.notNull())
    .addColumn("blocked_until", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("import_drafts")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("kind", "varchar(32)", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("file_name", "varchar(255)", (c) => c.notNull())
    .addColumn("payload", longText, (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("actor_id", "integer", (c) => c.references("persons.id"))
    .addColumn("action", "varchar(64)", (c) => c.notNull())
    .addColumn("target_type", "varchar(32)", (c) => c.notNull())
    .addColumn("target_id", "varchar(64)")
    .addColumn("detail", longText)
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_target_idx").on("audit_log").columns(["target_type", "target_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "import_drafts",
    "login_throttle",
    "sessions",
    "role_assignments",
    "accounts",
    "person_org_history",
    "persons",
    "training_tiers",
    "org_units",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
