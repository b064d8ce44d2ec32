// Writing questions. Content lives in question_versions rows that are inserted once and never
// updated: an edit adds version N+1 and moves the question's pointer, so an attempt that froze
// version N keeps reading exactly what it showed. The questions row holds the mutable parts
// (status, bank, tags) and copies of the current version's searchable fields.
import type { Db } from "#db/client";
import type { QuestionStatus } from "#db/schema";
import { insertedId } from "#db/sql-helpers";
import { BankRuleError } from "./errors";
import { changedParts, duplicateKey, parseStoredContent, searchTextOf, serializeContent, versionHash, type QuestionContent } from "./content";
import { ensurePointPath } from "./knowledge-points.server";
import { recordEvent } from "./history.server";

export const MAX_TAG_LENGTH = 50;

/** Tags trimmed, de-duplicated, each 1–50 characters. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= MAX_TAG_LENGTH))];
}

/** The fields of the questions row that mirror the current version. */
async function mirrorOf(db: Db, bankId: number, content: QuestionContent, points?: Map<string, number>) {
  return {
    type: content.type,
    difficulty: content.difficulty ?? null,
    knowledge_point_id: content.knowledgePoint ? await ensurePointPath(db, bankId, content.knowledgePoint, points) : null,
    tiers: content.tiers.length > 0 ? `,${content.tiers.join(",")},` : "",
    search_text: searchTextOf(content),
    dup_hash: duplicateKey(content),
  };
}

export interface NewQuestion {
  bankId: number;
  content: QuestionContent;
  status: Exclude<QuestionStatus, "retired">;
  tags?: readonly string[];
  contentKey?: string | null;
  actorId: number | null;
  /** "import" when it came from a file. */
  origin?: "create" | "import";
  /** Cache of the bank's point paths, for bulk inserts. */
  points?: Map<string, number>;
}

/** Inserts a question with its first version. Pass a transaction for several at once. */
export async function insertQuestion(db: Db, input: NewQuestion, now = Date.now()): Promise<{ id: number; versionId: number }> {
  const mirror = await mirrorOf(db, input.bankId, input.content, input.points);
  const id = insertedId(
    await db
      .insertInto("questions")
      .values({
        bank_id: input.bankId,
        content_key: input.contentKey ?? null,
        status: input.status,
        current_version: 1,
        ...mirror,
        created_by: input.actorId,
        created_at: now,
        updated_by: input.actorId,
        updated_at: now,
      })
      .executeTakeFirstOrThrow(),
  );
  const versionId = await insertVersion(db, id, 1, input.content, input.actorId, now);
  const tags = cleanTags(input.tags ?? []);
  if (tags.length > 0) await db.insertInto("question_tags").values(tags.map((tag) => ({ question_id: id, tag }))).execute();
  await recordEvent(db, { questionId: id, action: input.origin ?? "create", version: 1, actorId: input.actorId, detail: input.status === "published" ? "已发布" : "草稿" }, now);
  return { id, versionId };
}

async function insertVersion(db: Db, questionId: number, version: number, content: QuestionContent, actorId: number | null, now: number) {
  return insertedId(
    await db
      .insertInto("question_versions")
      .values({
        question_id: questionId,
        version,
        type: content.type,
        content: serializeContent(content),
        content_hash: versionHash(content),
        created_by: actorId,
        created_at: now,
      })
      .executeTakeFirstOrThrow(),
  );
}

/** Thrown when the question changed since the editor loaded it. */
export class StaleVersionError extends BankRuleError {
  constructor(readonly currentVersion: number) {
    super(`该题已被修改为第 ${currentVersion} 版，请刷新后在最新版本上修改`);
  }
}

/**
 * Saves edited content as a new version, unless nothing changed. `baseVersion` is the version the
 * editor showed: if someone saved in between, StaleVersionError (nothing is overwritten).
 */
export async function saveNewVersion(db: Db, input: VersionInput, now = Date.now()): Promise<{ version: number; changed: string[] }> {
  return db.transaction().execute((trx) => saveNewVersionIn(trx, input, now));
}

export interface VersionInput {
  questionId: number;
  bankId: number;
  baseVersion: number;
  content: QuestionContent;
  actorId: number | null;
  note?: string;
}

/** saveNewVersion inside the caller's transaction. */
export async function saveNewVersionIn(trx: Db, input: VersionInput, now = Date.now()): Promise<{ version: number; changed: string[] }> {
  // The conditional update both locks the row and checks nobody saved since the editor loaded.
  const claimed = await trx
    .updateTable("questions")
    .set({ updated_at: now })
    .where("id", "=", input.questionId)
    .where("bank_id", "=", input.bankId)
    .where("current_version", "=", input.baseVersion)
    .executeTakeFirst();
  const question = await trx.selectFrom("questions").select(["current_version", "status"]).where("id", "=", input.questionId).where("bank_id", "=", input.bankId).executeTakeFirst();
  if (!question) throw new BankRuleError("试题不存在");
  if (Number(claimed.numUpdatedRows) !== 1) throw new StaleVersionError(question.current_version);
  if (question.status === "retired") throw new BankRuleError("已停用的试题不能修改，请先恢复");
  const current = await trx
    .selectFrom("question_versions")
    .select(["content", "content_hash"])
    .where("question_id", "=", input.questionId)
    .where("version", "=", input.baseVersion)
    .executeTakeFirstOrThrow();
  if (current.content_hash === versionHash(input.content)) return { version: input.baseVersion, changed: [] };
  const changed = changedParts(parseStoredContent(current.content), input.content);
  const version = input.baseVersion + 1;
  await insertVersion(trx, input.questionId, version, input.content, input.actorId, now);
  await trx
    .updateTable("questions")
    .set({ current_version: version, ...(await mirrorOf(trx, input.bankId, input.content)), updated_by: input.actorId, updated_at: now })
    .where("id", "=", input.questionId)
    .execute();
  const detail = [`修改了${changed.join("、") || "内容"}`, input.note?.trim()].filter(Boolean).join("；");
  await recordEvent(trx, { questionId: input.questionId, action: "edit", version, actorId: input.actorId, detail }, now);
  return { version, changed };
}

const STATUS_ACTIONS: Record<QuestionStatus, { action: string; from: QuestionStatus[] }> = {
  published: { action: "publish", from: ["draft", "retired"] },
  retired: { action: "retire", from: ["draft", "published"] },
  draft: { action: "unpublish", from: [] },
};

/**
 * Publishes, retires or restores (retired → published) questions of one bank; questions already
 * in the target status are left alone. Returns how many changed.
 */
export async function setQuestionStatus(
  db: Db,
  input: { bankId: number; questionIds: readonly number[]; status: "published" | "retired"; actorId: number | null },
  now = Date.now(),
): Promise<number> {
  if (input.questionIds.length === 0) return 0;
  const rule = STATUS_ACTIONS[input.status];
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("questions")
      .select(["id", "status", "current_version"])
      .where("bank_id", "=", input.bankId)
      .where("id", "in", [...input.questionIds])
      .where("status", "in", rule.from)
      .execute();
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await trx.updateTable("questions").set({ status: input.status, updated_by: input.actorId, updated_at: now }).where("id", "in", ids).execute();
    for (const row of rows) {
      const action = row.status === "retired" ? "restore" : rule.action;
      await recordEvent(trx, { questionId: row.id, action, version: row.current_version, actorId: input.actorId }, now);
    }
    return rows.length;
  });
}

/**
 * Moves questions to another bank. Their knowledge points are found (or made) by path in the
 * target bank; versions are untouched, so attempts that drew them are unaffected.
 */
export async function moveQuestions(
  db: Db,
  input: { fromBankId: number; toBankId: number; questionIds: readonly number[]; actorId: number | null; toBankTitle: string },
  now = Date.now(),
): Promise<number> {
  if (input.questionIds.length === 0 || input.fromBankId === input.toBankId) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("questions as q")
      .leftJoin("knowledge_points as k", "k.id", "q.knowledge_point_id")
      .select(["q.id", "q.current_version", "k.path"])
      .where("q.bank_id", "=", input.fromBankId)
      .where("q.id", "in", [...input.questionIds])
      .execute();
    const points = new Map<string, number>();
    for (const row of rows) {
      const pointId = row.path ? await ensurePointPath(trx, input.toBankId, row.path, points) : null;
      await trx
        .updateTable("questions")
        .set({ bank_id: input.toBankId, knowledge_point_id: pointId, updated_by: input.actorId, updated_at: now })
        .where("id", "=", row.id)
        .execute();
      await recordEvent(trx, { questionId: row.id, action: "move", version: row.current_version, actorId: input.actorId, detail: `移至题库「${input.toBankTitle}」` }, now);
    }
    return rows.length;
  });
}

/** Adds or removes one tag on questions of a bank. Returns how many questions changed. */
export async function tagQuestions(
  db: Db,
  input: { bankId: number; questionIds: readonly number[]; tag: string; remove?: boolean; actorId: number | null },
  now = Date.now(),
): Promise<number> {
  const [tag] = cleanTags([input.tag]);
  if (!tag || input.questionIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("questions as q")
      .select(["q.id", "q.current_version"])
      .select((eb) => eb.exists(eb.selectFrom("question_tags as t").select("t.tag").whereRef("t.question_id", "=", "q.id").where("t.tag", "=", tag)).as("tagged"))
      .where("q.bank_id", "=", input.bankId)
      .where("q.id", "in", [...input.questionIds])
      .execute();
    const targets = rows.filter((r) => Boolean(r.tagged) === Boolean(input.remove));
    if (targets.length === 0) return 0;
    // Chunks: a multi-row insert takes two parameters a row, and SQLite allows 32,766 in all.
    for (let i = 0; i < targets.length; i += 1000) {
      const ids = targets.slice(i, i + 1000).map((r) => r.id);
      if (input.remove) await trx.deleteFrom("question_tags").where("question_id", "in", ids).where("tag", "=", tag).execute();
      else await trx.insertInto("question_tags").values(ids.map((id) => ({ question_id: id, tag }))).execute();
      await trx.updateTable("questions").set({ updated_by: input.actorId, updated_at: now }).where("id", "in", ids).execute();
    }
    for (const row of targets) {
      await recordEvent(trx, { questionId: row.id, action: input.remove ? "untag" : "tag", version: row.current_version, actorId: input.actorId, detail: tag }, now);
    }
    return targets.length;
  });
}

/** Replaces a question's tags (the editor's tag field). */
export async function replaceTags(db: Db, questionId: number, tags: readonly string[]): Promise<void> {
  const clean = cleanTags(tags);
  await db.deleteFrom("question_tags").where("question_id", "=", questionId).execute();
  if (clean.length > 0) await db.insertInto("question_tags").values(clean.map((tag) => ({ question_id: questionId, tag }))).execute();
}
