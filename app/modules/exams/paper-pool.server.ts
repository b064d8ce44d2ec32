// What a paper can draw from: its fixed questions, or for drawing rules the published questions of
// the rules' banks, each at its current version. Used by the paper preview and at attempt start.
import type { Db } from "#db/client";
import { parseStoredContent, type QuestionContent } from "~/modules/questions/content";
import { cachedVersions, rememberVersions } from "./version-cache.server";
import { pointSubtreeIds } from "~/modules/questions/knowledge-points.server";
import type { Candidate, DrawRule } from "./drawing";

export interface PaperSource {
  id: number;
  mode: "fixed" | "drawn";
  multipleScoring: "all" | "partial";
  fillScoring: "per_blank" | "all";
}

export async function paperSource(db: Db, paperId: number): Promise<PaperSource | null> {
  const row = await db.selectFrom("papers").select(["id", "mode", "multiple_scoring", "fill_scoring"]).where("id", "=", paperId).executeTakeFirst();
  return row ? { id: row.id, mode: row.mode, multipleScoring: row.multiple_scoring, fillScoring: row.fill_scoring } : null;
}

/** The fixed questions of a paper in order, at their current versions; retired ones left out. */
export async function fixedItems(db: Db, paperId: number) {
  return db
    .selectFrom("paper_questions as pq")
    .innerJoin("questions as q", "q.id", "pq.question_id")
    .innerJoin("question_versions as v", (join) => join.onRef("v.question_id", "=", "q.id").onRef("v.version", "=", "q.current_version"))
    .select(["pq.position", "pq.question_id", "pq.score_x100", "q.status", "v.id as version_id", "q.type"])
    .where("pq.paper_id", "=", paperId)
    .orderBy("pq.position")
    .execute();
}

/** A paper's drawing rules, with knowledge points widened to their sub-points. */
export async function drawRules(db: Db, paperId: number): Promise<DrawRule[]> {
  const rows = await db.selectFrom("paper_rules").selectAll().where("paper_id", "=", paperId).orderBy("position").execute();
  const rules: DrawRule[] = [];
  for (const r of rows) {
    const pointIds = r.knowledge_point_id ? await pointSubtreeIds(db, r.bank_id, r.knowledge_point_id) : undefined;
    rules.push({
      bankIds: [r.bank_id],
      ...(pointIds ? { pointIds } : {}),
      ...(r.tag ? { tag: r.tag } : {}),
      type: r.type as DrawRule["type"],
      ...(r.difficulty ? { difficulty: r.difficulty } : {}),
      count: r.question_count,
      scoreX100: r.score_x100,
    });
  }
  return rules;
}

/** Published questions of the given banks at their current versions, as drawing candidates. */
export async function candidatePool(db: Db, bankIds: readonly number[]): Promise<Candidate[]> {
  if (bankIds.length === 0) return [];
  const rows = await db
    .selectFrom("questions as q")
    .innerJoin("question_versions as v", (join) => join.onRef("v.question_id", "=", "q.id").onRef("v.version", "=", "q.current_version"))
    .select(["q.id", "q.bank_id", "q.type", "q.difficulty", "q.knowledge_point_id", "v.id as version_id"])
    .where("q.bank_id", "in", [...bankIds])
    .where("q.status", "=", "published")
    .execute();
  const tags = await db
    .selectFrom("question_tags as t")
    .innerJoin("questions as q", "q.id", "t.question_id")
    .select(["t.question_id", "t.tag"])
    .where("q.bank_id", "in", [...bankIds])
    .where("q.status", "=", "published")
    .execute();
  const tagsOf = new Map<number, string[]>();
  for (const t of tags) tagsOf.set(t.question_id, [...(tagsOf.get(t.question_id) ?? []), t.tag]);
  return rows.map((r) => ({
    questionId: r.id,
    versionId: r.version_id,
    bankId: r.bank_id,
    type: r.type as Candidate["type"],
    difficulty: r.difficulty,
    pointId: r.knowledge_point_id,
    tags: tagsOf.get(r.id) ?? [],
  }));
}

/** Contents of question versions by id; immutable rows, so they are cached per process. */
export async function versionContents(db: Db, versionIds: readonly number[]): Promise<Map<number, QuestionContent>> {
  const { found, missing } = cachedVersions(db, [...new Set(versionIds)]);
  const read = new Map<number, QuestionContent>();
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await db.selectFrom("question_versions").select(["id", "content"]).where("id", "in", missing.slice(i, i + 500)).execute();
    for (const row of rows) read.set(row.id, parseStoredContent(row.content));
  }
  rememberVersions(db, read);
  for (const [id, content] of read) found.set(id, content);
  return found;
}
