// Reading questions: one question with its current content, any of its versions, its version list.
import type { Db } from "#db/client";
import type { QuestionStatus } from "#db/schema";
import { parseStoredContent, type QuestionContent } from "./content";

export interface QuestionView {
  id: number;
  bankId: number;
  status: QuestionStatus;
  currentVersion: number;
  content: QuestionContent;
  tags: string[];
  contentKey: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A question of `bankId` with its current version, or null (→ 404). */
export async function getQuestion(db: Db, bankId: number, questionId: number): Promise<QuestionView | null> {
  const row = await db
    .selectFrom("questions as q")
    .innerJoin("question_versions as v", (join) => join.onRef("v.question_id", "=", "q.id").onRef("v.version", "=", "q.current_version"))
    .select(["q.id", "q.bank_id", "q.status", "q.current_version", "q.content_key", "q.created_at", "q.updated_at", "v.content"])
    .where("q.id", "=", questionId)
    .where("q.bank_id", "=", bankId)
    .executeTakeFirst();
  if (!row) return null;
  const tags = await db.selectFrom("question_tags").select("tag").where("question_id", "=", questionId).orderBy("tag").execute();
  return {
    id: row.id,
    bankId: row.bank_id,
    status: row.status,
    currentVersion: row.current_version,
    content: parseStoredContent(row.content),
    tags: tags.map((t) => t.tag),
    contentKey: row.content_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every version of a question, newest first, with who made it. */
export async function listVersions(db: Db, questionId: number) {
  const rows = await db
    .selectFrom("question_versions as v")
    .leftJoin("persons as p", "p.id", "v.created_by")
    .select(["v.id", "v.version", "v.type", "v.created_at", "p.name as author_name"])
    .where("v.question_id", "=", questionId)
    .orderBy("v.version", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, type: r.type, createdAt: r.created_at, authorName: r.author_name ?? "系统导入" }));
}

/** One version's content by question and number, or null. */
export async function getVersion(db: Db, questionId: number, version: number) {
  const row = await db
    .selectFrom("question_versions as v")
    .leftJoin("persons as p", "p.id", "v.created_by")
    .select(["v.id", "v.version", "v.content", "v.content_hash", "v.created_at", "p.name as author_name"])
    .where("v.question_id", "=", questionId)
    .where("v.version", "=", version)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, version: row.version, content: parseStoredContent(row.content), contentHash: row.content_hash, createdAt: row.created_at, authorName: row.author_name ?? "系统导入" };
}

/** A version by its id: what an attempt that froze it reads (exams use this). */
export async function getVersionById(db: Db, versionId: number) {
  const row = await db.selectFrom("question_versions").select(["id", "question_id", "version", "content", "content_hash"]).where("id", "=", versionId).executeTakeFirst();
  if (!row) return null;
  return { id: row.id, questionId: row.question_id, version: row.version, content: parseStoredContent(row.content), contentHash: row.content_hash };
}
