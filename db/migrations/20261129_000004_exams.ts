// Frozen: papers (fixed items or drawing rules), exams with audience and accommodations, attempts
// that freeze the question versions and option order they drew, autosaved answers ordered by a
// client sequence number, a score audit trail, and certificates.
import { sql, type Kysely } from "kysely";

function isMysql(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes("mysql");
}

export async function up(db: Kysely<any>): Promise<void> {
  const longText = isMysql(db) ? sql`mediumtext` : sql`text`;

  await db.schema
    .createTable("papers")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("description", "varchar(1000)", (c) => c.notNull().defaultTo(""))
    // fixed: hand-picked questions; drawn: rules drawn afresh for every attempt.
    .addColumn("mode", "varchar(16)", (c) => c.notNull())
    // 多选: all (all-or-nothing) | partial (少选得部分分，错选不得分); 填空: per_blank | all.
    .addColumn("multiple_scoring", "varchar(16)", (c) => c.notNull().defaultTo("all"))
    .addColumn("fill_scoring", "varchar(16)", (c) => c.notNull().defaultTo("per_blank"))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("paper_questions")
    .addColumn("paper_id", "integer", (c) => c.notNull().references("papers.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("score_x100", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("paper_questions_pk", ["paper_id", "position"])
    .execute();

  await db.schema
    .createTable("paper_rules")
    .addColumn("paper_id", "integer", (c) => c.notNull().references("papers.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("bank_id", "integer", (c) => c.notNull().references("question_banks.id"))
    .addColumn("knowledge_point_id", "integer", (c) => c.references("knowledge_points.id"))
    .addColumn("tag", "varchar(50)")
    .addColumn("type", "varchar(16)", (c) => c.notNull())
    .addColumn("difficulty", "integer")
    .addColumn("question_count", "integer", (c) => c.notNull())
    .addColumn("score_x100", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("paper_rules_pk", ["paper_id", "position"])
    .execute();

  await db.schema
    .createTable("exams")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("description", "varchar(2000)", (c) => c.notNull().defaultTo(""))
    // final (逢训必考) | certificate | practice | contest
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    // enforcement (执法证) | auxiliary (辅助人员工作证), for certificate exams.
    .addColumn("certificate_type", "varchar(16)")
    .addColumn("certificate_valid_months", "integer")
    // The course a training final belongs to.
    .addColumn("course_id", "integer", (c) => c.references("courses.id"))
    // Eligibility: this course must be completed before starting.
    .addColumn("required_course_id", "integer", (c) => c.references("courses.id"))
    .addColumn("paper_id", "integer", (c) => c.notNull().references("papers.id"))
    .addColumn("opens_at", "bigint", (c) => c.notNull())
    .addColumn("closes_at", "bigint", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(1))
    // highest | last
    .addColumn("counting", "varchar(16)", (c) => c.notNull().defaultTo("highest"))
    .addColumn("pass_x100", "integer", (c) => c.notNull())
    .addColumn("shuffle_questions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("shuffle_options", "integer", (c) => c.notNull().defaultTo(0))
    // after_submit | after_close | never
    .addColumn("score_visibility", "varchar(16)", (c) => c.notNull().defaultTo("after_submit"))
    .addColumn("review_visibility", "varchar(16)", (c) => c.notNull().defaultTo("after_close"))
    // draft | published | archived
    .addColumn("status", "varchar(16)", (c) => c.notNull().defaultTo("draft"))
    .addColumn("created_by", "integer", (c) => c.references("persons.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("exams_status_idx").on("exams").columns(["status", "closes_at"]).execute();

  await db.schema
    .createTable("exam_audience")
    .addColumn("exam_id", "integer", (c) => c.notNull().references("exams.id"))
    // tier (code) | unit (org unit id, its subtree) | person (person id)
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("ref", "varchar(64)", (c) => c.notNull())
    .addPrimaryKeyConstraint("exam_audience_pk", ["exam_id", "kind", "ref"])
    .execute();

  await db.schema
    .createTable("exam_accommodations")
    .addColumn("exam_id", "integer", (c) => c.notNull().references("exams.id"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("extra_minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("extra_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("opens_at", "bigint")
    .addColumn("closes_at", "bigint")
    .addColumn("note", "varchar(500)", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_by", "integer", (c) => c.references("persons.id"))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("exam_accommodations_pk", ["exam_id", "person_id"])
    .execute();

  await db.schema
    .createTable("attempts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("exam_id", "integer", (c) => c.notNull().references("exams.id"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("attempt_no", "integer", (c) => c.notNull())
    // The person's unit when they started: results stay with the unit they sat the exam in.
    .addColumn("org_unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("deadline_at", "bigint", (c) => c.notNull())
    // open | closed
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    // submit | deadline
    .addColumn("closed_by", "varchar(16)")
    .addColumn("score_x100", "integer")
    .addColumn("max_x100", "integer", (c) => c.notNull())
    // 简答 answers still waiting for a grader; the result is final at 0.
    .addColumn("pending_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("passed", "integer")
    .addColumn("graded_at", "bigint")
    .addColumn("seed", "varchar(40)", (c) => c.notNull())
    .addUniqueConstraint("attempts_no_uq", ["exam_id", "person_id", "attempt_no"])
    .execute();
  // The sweep looks for open attempts past their deadline.
  await db.schema.createIndex("attempts_sweep_idx").on("attempts").columns(["status", "deadline_at"]).execute();
  await db.schema.createIndex("attempts_person_idx").on("attempts").columns(["person_id", "exam_id"]).execute();

  await db.schema
    .createTable("attempt_items")
    .addColumn("attempt_id", "integer", (c) => c.notNull().references("attempts.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("question_version_id", "integer", (c) => c.notNull().references("question_versions.id"))
    .addColumn("max_x100", "integer", (c) => c.notNull())
    // Display order of the options as original indexes, e.g. "2,0,3,1"; "" for other types.
    .addColumn("option_order", "varchar(40)", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("attempt_items_pk", ["attempt_id", "position"])
    .execute();

  await db.schema
    .createTable("attempt_answers")
    .addColumn("attempt_id", "integer", (c) => c.notNull().references("attempts.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    // JSON in the shape of exams/answers.ts, by original option index.
    .addColumn("answer", longText, (c) => c.notNull())
    // The client's sequence number: a save only replaces a lower one.
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("flagged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("saved_at", "bigint", (c) => c.notNull())
    .addColumn("score_x100", "integer")
    // correct | partial | wrong | unanswered | pending
    .addColumn("outcome", "varchar(16)")
    .addColumn("graded_by", "integer", (c) => c.references("persons.id"))
    .addColumn("graded_at", "bigint")
    .addPrimaryKeyConstraint("attempt_answers_pk", ["attempt_id", "position"])
    .execute();

  await db.schema
    .createTable("attempt_score_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("attempt_id", "integer", (c) => c.notNull().references("attempts.id"))
    // graded | manual | regrade
    .addColumn("action", "varchar(16)", (c) => c.notNull())
    .addColumn("old_score_x100", "integer")
    .addColumn("new_score_x100", "integer")
    .addColumn("old_passed", "integer")
    .addColumn("new_passed", "integer")
    .addColumn("actor_id", "integer", (c) => c.references("persons.id"))
    .addColumn("reason", "varchar(500)")
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("attempt_score_events_idx").on("attempt_score_events").columns(["attempt_id", "id"]).execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // Random, unguessable, printed on the certificate and in its QR code.
    .addColumn("number", "varchar(24)", (c) => c.notNull().unique())
    .addColumn("person_id", "integer", (c) => c.notNull().references("persons.id"))
    .addColumn("type", "varchar(16)", (c) => c.notNull())
    .addColumn("exam_id", "integer", (c) => c.notNull().references("exams.id"))
    // One certificate per passing attempt, however often issuing is retried.
    .addColumn("attempt_id", "integer", (c) => c.notNull().unique().references("attempts.id"))
    .addColumn("org_unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("issued_on", "varchar(10)", (c) => c.notNull())
    .addColumn("expires_on", "varchar(10)", (c) => c.notNull())
    // valid | revoked (expiry is computed from expires_on)
    .addColumn("status", "varchar(16)", (c) => c.notNull().defaultTo("valid"))
    .addColumn("revoked_at", "bigint")
    .addColumn("revoke_reason", "varchar(500)")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("certificates_person_idx").on("certificates").columns(["person_id", "type"]).execute();
  await db.schema.createIndex("certificates_expiry_idx").on("certificates").columns(["type", "expires_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "certificates",
    "attempt_score_events",
    "attempt_answers",
    "attempt_items",
    "attempts",
    "exam_accommodations",
    "exam_audience",
    "exams",
    "paper_rules",
    "paper_questions",
    "papers",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
