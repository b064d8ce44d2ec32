// What a paper can draw from: its fixed questions, or for drawing rules the published questions of
// the rules' banks, each at its current version. Used by the paper preview and at attempt start.
import { sql } from "kysely";
import type { Db } from "#db/client";
import type { PaperRulesTable } from "#db/schema";
import { perDatabase } from "#db/sql-helpers";
import { parseStoredContent, type QuestionContent } from "~/modules/questions/content";
import { pointSubtreeIds } from "~/modules/questions/knowledge-points.server";
import { preparePool, type Candidate, type DrawRule, type PreparedPool } from "./drawing";
import { cachedVersions, rememberVersions } from "./version-cache.server";

export interface PaperSource {
  id: number;
  mode: "fixed" | "drawn";
  multipleScoring: "all" | "partial";
  fillScoring: "per_blank" | "all";
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
  return rulesFromRows(db, rows);
}

/** A paper and its drawing rules in one round trip (what a start needs); null when there is no such paper. */
export async function paperForDrawing(db: Db, paperId: number): Promise<{ paper: PaperSource; rules: DrawRule[] } | null> {
  const rows = await db
    .selectFrom("papers as p")
    .leftJoin("paper_rules as r", "r.paper_id", "p.id")
    .select(["p.id", "p.mode", "p.multiple_scoring", "p.fill_scoring"])
    .select(["r.position", "r.bank_id", "r.knowledge_point_id", "r.tag", "r.type", "r.difficulty", "r.question_count", "r.score_x100"])
    .where("p.id", "=", paperId)
    .orderBy("r.position")
    .execute();
  const first = rows[0];
  if (!first) return null;
  const paper: PaperSource = { id: first.id, mode: first.mode, multipleScoring: first.multiple_scoring, fillScoring: first.fill_scoring };
  const ruleRows = rows.flatMap((r) =>
    r.position === null ? [] : [{ bank_id: r.bank_id!, knowledge_point_id: r.knowledge_point_id, tag: r.tag, type: r.type!, difficulty: r.difficulty, question_count: r.question_count!, score_x100: r.score_x100! }],
  );
  return { paper, rules: await rulesFromRows(db, ruleRows) };
}

type RuleRow = Pick<PaperRulesTable, "bank_id" | "knowledge_point_id" | "tag" | "type" | "difficulty" | "question_count" | "score_x100">;

async function rulesFromRows(db: Db, rows: readonly RuleRow[]): Promise<DrawRule[]> {
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

/**
 * What changes whenever a bank's drawable questions do: every write to a question (status, move,
 * tags, new version, knowledge point) stamps its updated_at, and count and version sum catch
 * questions arriving or leaving. One indexed aggregate, instead of reading every question.
 */
async function poolFingerprint(db: Db, bankIds: readonly number[]): Promise<string> {
  const row = await db
    .selectFrom("questions")
    .select([
      sql<number>`count(*)`.as("n"),
      sql<number>`coalesce(sum(current_version), 0)`.as("versions"),
      sql<number>`coalesce(max(updated_at), 0)`.as("latest"),
      // Catches a change stamped with an older time than the latest one (imports, clock skew).
      sql<number>`coalesce(sum(updated_at % 999983), 0)`.as("stamps"),
    ])
    .where("bank_id", "in", [...bankIds])
    .where("status", "=", "published")
    .executeTakeFirstOrThrow();
  return `${row.n}:${row.versions}:${row.latest}:${row.stamps}`;
}

interface CachedPool {
  fingerprint: string;
  /** When the fingerprint was last read from the database (this process's clock). */
  checkedAt: number;
  pool: Candidate[];
  /** Prepared draws by the rules they were prepared for. */
  prepared: Map<string, PreparedPool>;
}

// Per database and per bank set. A city-wide exam starts thousands
// of attempts from the same few thousand questions; reading and matching them once per change
// instead of once per start is what makes the start spike affordable.
const pools = new WeakMap<object, Map<string, CachedPool>>();
// One fingerprint check (and pool read) per bank set at a time: a start spike arriving at a cold
// or due cache waits for the one check instead of each start running its own.
const checking = new WeakMap<object, Map<string, Promise<CachedPool>>>();

/**
 * How long a process draws from a checked pool before asking the database again. The fingerprint
 * aggregates every published question of the banks (5,000 index entries for a city-wide bank, the
 * most expensive query of a start on MariaDB); at 300 starts a second it ran 300 times a second
 * to learn, almost always, that nothing changed. A question retired, added or edited is drawn (or
 * not) from at most this long after the change, as if the change had been made that much later.
 */
export const POOL_RECHECK_MS = 1_000;

/** The prepared drawing pool for these rules, read again only when a bank's questions changed. */
export async function preparedDraw(db: Db, rules: readonly DrawRule[], options: { now?: number; recheckMs?: number } = {}): Promise<PreparedPool> {
  const bankIds = [...new Set(rules.flatMap((r) => r.bankIds))].sort((a, b) => a - b);
  if (bankIds.length === 0) return preparePool(rules, []);
  const now = options.now ?? Date.now();
  const recheckMs = options.recheckMs ?? POOL_RECHECK_MS;
  const byBanks = perDatabase(pools, db, () => new Map<string, CachedPool>());
  const bankKey = bankIds.join(",");
  let cached = byBanks.get(bankKey);
  // A clock that went backwards counts as due.
  if (!cached || now - cached.checkedAt >= recheckMs || now < cached.checkedAt) {
    const inFlight = perDatabase(checking, db, () => new Map<string, Promise<CachedPool>>());
    let check = inFlight.get(bankKey);
    if (!check) {
      check = checkPool(db, bankIds, cached, now).finally(() => inFlight.delete(bankKey));
      inFlight.set(bankKey, check);
    }
    cached = await check;
    byBanks.set(bankKey, cached);
  }
  const rulesKey = JSON.stringify(rules);
  let prepared = cached.prepared.get(rulesKey);
  if (!prepared) {
    // A handful of rule sets per pool at most (papers sharing banks); keep the newest few.
    if (cached.prepared.size >= 16) cached.prepared.clear();
    cached.prepared.set(rulesKey, (prepared = preparePool(rules, cached.pool)));
  }
  return prepared;
}

async function checkPool(db: Db, bankIds: readonly number[], cached: CachedPool | undefined, now: number): Promise<CachedPool> {
  const fingerprint = await poolFingerprint(db, bankIds);
  if (cached && cached.fingerprint === fingerprint) {
    cached.checkedAt = now;
    return cached;
  }
  return { fingerprint, checkedAt: now, pool: await candidatePool(db, bankIds), prepared: new Map() };
}
