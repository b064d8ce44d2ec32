// The question list of a bank: filters on the mirrored columns of `questions` (indexed by bank,
// status, type, point), text search on search_text, one page at a time.
import { sql, type SqlBool } from "kysely";
import type { Db } from "#db/client";
import type { QuestionStatus } from "#db/schema";
import { containsPattern } from "#db/sql-helpers";
import { PAGE_SIZE, pageCount, pageWindow } from "~/utils/pagination";
import { pointSubtreeIds } from "./knowledge-points.server";
import type { QuestionFilters } from "./search-schema";

async function filteredQuery(db: Db, bankId: number, filters: QuestionFilters) {
  let query = db.selectFrom("questions as q").where("q.bank_id", "=", bankId);
  if (filters.status === undefined) query = query.where("q.status", "!=", "retired");
  else if (filters.status !== "all") query = query.where("q.status", "=", filters.status);
  if (filters.type) query = query.where("q.type", "=", filters.type);
  if (filters.difficulty) query = query.where("q.difficulty", "=", filters.difficulty);
  if (filters.tier) query = query.where(sql<SqlBool>`${sql.ref("q.tiers")} like ${containsPattern(`,${filters.tier},`)} escape '!'`);
  if (filters.point) {
    const ids = await pointSubtreeIds(db, bankId, filters.point);
    query = query.where("q.knowledge_point_id", "in", ids.length > 0 ? ids : [-1]);
  }
  if (filters.tag) {
    const tag = filters.tag;
    query = query.where((eb) => eb.exists(eb.selectFrom("question_tags as t").select("t.tag").whereRef("t.question_id", "=", "q.id").where("t.tag", "=", tag)));
  }
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    query = query.where(sql<SqlBool>`${sql.ref("q.search_text")} like ${pattern} escape '!'`);
  }
  return query;
}

export interface QuestionListRow {
  id: number;
  type: string;
  status: QuestionStatus;
  difficulty: number | null;
  pointPath: string | null;
  tiers: string[];
  excerpt: string;
  version: number;
  updatedAt: number;
  tags: string[];
}

/** One page of a bank's questions, newest first. */
export async function searchQuestions(db: Db, bankId: number, filters: QuestionFilters, page: number, pageSize = PAGE_SIZE) {
  const query = await filteredQuery(db, bankId, filters);
  const { limit, offset } = pageWindow(page, pageSize);
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    query
      .leftJoin("knowledge_points as k", "k.id", "q.knowledge_point_id")
      .select(["q.id", "q.type", "q.status", "q.difficulty", "q.tiers", "q.current_version", "q.updated_at", "k.path"])
      // The first 200 characters are enough for the excerpt; the whole text may be long.
      .select(sql<string>`substr(${sql.ref("q.search_text")}, 1, 200)`.as("head"))
      .orderBy("q.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const ids = rows.map((r) => r.id);
  const tags = ids.length > 0 ? await db.selectFrom("question_tags").select(["question_id", "tag"]).where("question_id", "in", ids).orderBy("tag").execute() : [];
  const total = Number(count.n);
  return {
    total,
    pages: pageCount(total, pageSize),
    rows: rows.map(
      (r): QuestionListRow => ({
        id: r.id,
        type: r.type,
        status: r.status,
        difficulty: r.difficulty,
        pointPath: r.path,
        tiers: r.tiers.split(",").filter(Boolean),
        excerpt: r.head.split("\n")[0] ?? "",
        version: r.current_version,
        updatedAt: r.updated_at,
        tags: tags.filter((t) => t.question_id === r.id).map((t) => t.tag),
      }),
    ),
  };
}

/** Ids of every question matching the filters (bulk actions and export of a filtered selection). */
export async function matchingQuestionIds(db: Db, bankId: number, filters: QuestionFilters, limit = 20_000): Promise<number[]> {
  const query = await filteredQuery(db, bankId, filters);
  const rows = await query.select("q.id").orderBy("q.id").limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The tags used in a bank, most used first (for the tag filter). */
export async function bankTags(db: Db, bankId: number) {
  const rows = await db
    .selectFrom("question_tags as t")
    .innerJoin("questions as q", "q.id", "t.question_id")
    .select(["t.tag", (eb) => eb.fn.countAll<number>().as("n")])
    .where("q.bank_id", "=", bankId)
    .groupBy("t.tag")
    .orderBy("n", "desc")
    .orderBy("t.tag")
    .limit(200)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
}

/** Questions of the bank with these duplicate hashes (any status), for authoring and import checks. */
export async function findDuplicates(db: Db, bankId: number, hashes: readonly string[], excludeId?: number) {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return new Map<string, Array<{ id: number; status: QuestionStatus }>>();
  const found = new Map<string, Array<{ id: number; status: QuestionStatus }>>();
  // Chunks keep the IN list well under both engines' parameter limits.
  for (let i = 0; i < unique.length; i += 500) {
    let query = db.selectFrom("questions").select(["id", "status", "dup_hash"]).where("bank_id", "=", bankId).where("dup_hash", "in", unique.slice(i, i + 500));
    if (excludeId !== undefined) query = query.where("id", "!=", excludeId);
    for (const row of await query.orderBy("id").execute()) found.set(row.dup_hash, [...(found.get(row.dup_hash) ?? []), { id: row.id, status: row.status }]);
  }
  return found;
}
