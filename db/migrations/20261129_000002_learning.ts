// Frozen: syllabus versions, courses and lessons (rich text as Tiptap JSON) with revisions, uploads,
// the instructor pool, course assignments, study progress, the learning-record spine and settings.
import { sql, type Kysely } from "kysely";

function isMysql(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes("mysql");
}

export async function up(db: Kysely<any>): Promise<void> {
  const longText = isMysql(db) ? sql`mediumtext` : sql`text`;
  const blob = isMysql(db) ? sql`longblob` : sql`blob`;

  await db.schema
    .createTable("settings")
    .addColumn("key", "varchar(64)", (c) => c.primaryKey())
    .addColumn("value", "varchar(1000)", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("course_categories")
    .addColumn("code", "varchar(32)", (c) => c.primaryKey())
    .addColumn("name", "varchar(50)", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("builtin", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("uploads")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("original_name", "varchar(255)", (c) => c.notNull())
    .addColumn("mime", "varchar(100)", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    // Files live in the database so any number of app processes serve them alike.
    .addColumn("data", blob, (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("courses")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // Stable key of courses imported from content/; null for courses authored in the app.
    .addColumn("content_key", "varchar(64)", (c) => c.unique())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("summary", "varchar(1000)", (c) => c.notNull().defaultTo(""))
    .addColumn("category", "varchar(32)", (c) => c.notNull().references("course_categories.code"))
    .addColumn("cover_upload_id", "varchar(36)", (c) => c.references("uploads.id"))
    .addColumn("status", "varchar(16)", (c) => c.notNull().defaultTo("draft"))
    // Comma-separated tier codes the course is written for (display and filtering only).
    .addColumn("audience_tiers", "varchar(200)", (c) => c.notNull().defaultTo(""))
    // Hash of the imported content as last written by the importer: a mismatch means edited here.
    .addColumn("content_hash", "varchar(64)")
    .addColumn("created_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("published_at", "bigint")
    .execute();
  await db.schema.createIndex("courses_status_idx").on("courses").columns(["status", "category"]).execute();

  await db.schema
    .createTable("course_owners")
    .addColumn("course_id", "integer", (c) => c.notNull().references("courses.id"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addPrimaryKeyConstraint("course_owners_pk", ["course_id", "person_id"])
    .execute();

  await db.schema
    .createTable("lessons")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("course_id", "integer", (c) => c.notNull().references("courses.id"))
    .addColumn("content_key", "varchar(64)")
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("body", longText, (c) => c.notNull())
    // JSON {question, options[], answer, explanation} or null.
    .addColumn("check_question", longText)
    .addColumn("content_hash", "varchar(64)")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("lessons_course_idx").on("lessons").columns(["course_id", "position"]).execute();
  await db.schema.createIndex("lessons_key_idx").on("lessons").columns(["course_id", "content_key"]).unique().execute();

  await db.schema
    .createTable("lesson_revisions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("lesson_id", "integer", (c) => c.notNull().references("lessons.id"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("body", longText, (c) => c.notNull())
    .addColumn("check_question", longText)
    .addColumn("author_id", "integer", (c) => c.references("persons.id"))
    .addColumn("note", "varchar(255)", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("lesson_revisions_lesson_idx").on("lesson_revisions").columns(["lesson_id", "revision"]).unique().execute();

  await db.schema
    .createTable("lesson_attachments")
    .addColumn("lesson_id", "integer", (c) => c.notNull().references("lessons.id"))
    .addColumn("upload_id", "varchar(36)", (c) => c.notNull().references("uploads.id"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("lesson_attachments_pk", ["lesson_id", "upload_id"])
    .execute();

  await db.schema
    .createTable("syllabi")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("content_key", "varchar(64)", (c) => c.unique())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("syllabus_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("syllabus_id", "integer", (c) => c.notNull().references("syllabi.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull().defaultTo("draft"))
    .addColumn("description", "varchar(2000)", (c) => c.notNull().defaultTo(""))
    .addColumn("content_hash", "varchar(64)")
    .addColumn("created_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("published_by", "integer", (c) => c.references("persons.id"))
    .addColumn("published_at", "bigint")
    .execute();
  await db.schema
    .createIndex("syllabus_versions_idx")
    .on("syllabus_versions")
    .columns(["syllabus_id", "version"])
    .unique()
    .execute();

  await db.schema
    .createTable("syllabus_tiers")
    .addColumn("version_id", "integer", (c) => c.notNull().references("syllabus_versions.id"))
    .addColumn("tier", "varchar(32)", (c) => c.notNull().references("training_tiers.code"))
    // 学时 × 100, so halves and quarters stay exact integers on both engines.
    .addColumn("required_hours_x100", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("syllabus_tiers_pk", ["version_id", "tier"])
    .execute();

  await db.schema
    .createTable("syllabus_items")
    .addColumn("version_id", "integer", (c) => c.notNull().references("syllabus_versions.id"))
    .addColumn("tier", "varchar(32)", (c) => c.notNull().references("training_tiers.code"))
    .addColumn("course_id", "integer", (c) => c.notNull().references("courses.id"))
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("syllabus_items_pk", ["version_id", "tier", "course_id"])
    .execute();

  await db.schema
    .createTable("instructors")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.unique().references("persons.id"))
    .addColumn("name", "varchar(50)", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("level", "varchar(32)", (c) => c.notNull())
    .addColumn("org_unit_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("organization", "varchar(100)")
    .addColumn("title", "varchar(100)")
    .addColumn("mobile", "varchar(20)")
    .addColumn("email", "varchar(100)")
    .addColumn("bio", "varchar(2000)", (c) => c.notNull().defaultTo(""))
    // Average rating × 100 (1.00–5.00) and how many ratings it averages.
    .addColumn("rating_x100", "integer")
    .addColumn("rating_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("instructor_specialties")
    .addColumn("instructor_id", "integer", (c) => c.notNull().references("instructors.id"))
    .addColumn("category", "varchar(32)", (c) => c.notNull().references("course_categories.code"))
    .addPrimaryKeyConstraint("instructor_specialties_pk", ["instructor_id", "category"])
    .execute();

  await db.schema
    .createTable("instructor_courses")
    .addColumn("instructor_id", "integer", (c) => c.notNull().references("instructors.id"))
    .addColumn("course_id", "integer", (c) => c.notNull().references("courses.id"))
    .addPrimaryKeyConstraint("instructor_courses_pk", ["instructor_id", "course_id"])
    .execute();

  await db.schema
    .createTable("course_assignments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("course_id", "integer", (c) => c.notNull().references("courses.id"))
    .addColumn("org_unit_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("person_id", "integer", (c) => c.references("persons.id"))
    .addColumn("due_date", "varchar(10)")
    .addColumn("assigned_by", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("course_assignments_person_idx").on("course_assignments").column("person_id").execute();
  await db.schema.createIndex("course_assignments_unit_idx").on("course_assignments").column("org_unit_id").execute();

  await db.schema
    .createTable("lesson_progress")
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("lesson_id", "integer", (c) => c.notNull().references("lessons.id"))
    .addColumn("seconds", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_beat_at", "bigint")
    .addColumn("check_passed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("completed_at", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("lesson_progress_pk", ["person_id", "lesson_id"])
    .execute();

  // The spine every module writes achievements to (DESIGN.md "The learning record").
  await db.schema
    .createTable("learning_records")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("kind", "varchar(32)", (c) => c.notNull())
    .addColumn("source_type", "varchar(32)", (c) => c.notNull())
    .addColumn("source_id", "varchar(64)", (c) => c.notNull())
    // Makes writing idempotent: e.g. "course_completed:course:12:person:345".
    .addColumn("source_key", "varchar(191)", (c) => c.notNull().unique())
    .addColumn("title", "varchar(255)", (c) => c.notNull())
    .addColumn("hours_x100", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("org_unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("occurred_at", "bigint", (c) => c.notNull())
    .addColumn("detail", longText)
    .execute();
  await db.schema
    .createIndex("learning_records_person_idx")
    .on("learning_records")
    .columns(["person_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("learning_records_unit_idx")
    .on("learning_records")
    .columns(["org_unit_id", "kind", "occurred_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "learning_records",
    "lesson_progress",
    "course_assignments",
    "instructor_courses",
    "instructor_specialties",
    "instructors",
    "syllabus_items",
    "syllabus_tiers",
    "syllabus_versions",
    "syllabi",
    "lesson_attachments",
    "lesson_revisions",
    "lessons",
    "course_owners",
    "courses",
    "uploads",
    "course_categories",
    "settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
