// A bank's knowledge-point (知识点) tree. Points are addressed by path ("行政处罚法/简易程序"), the
// form files and filters use; ensurePath creates missing levels so a path can be added in one go.
import type { Db } from "#db/client";
import { insertedId, isUniqueViolation } from "#db/sql-helpers";
import { BankInputError, BankRuleError } from "./errors";

export const MAX_POINT_NAME = 100;
export const MAX_POINT_DEPTH = 4;

export interface PointRow {
  id: number;
  parentId: number | null;
  name: string;
  path: string;
  depth: number;
  questionCount: number;
}

/** The tree in display order (each point right after its parent), with question counts. */
export async function listPoints(db: Db, bankId: number): Promise<PointRow[]> {
  const rows = await db
    .selectFrom("knowledge_points as k")
    .select(["k.id", "k.parent_id", "k.name", "k.path", "k.sort_order"])
    .select((eb) =>
      eb
        .selectFrom("questions as q")
        .select((s) => s.fn.countAll<number>().as("n"))
        // bank_id too, so SQLite counts through the (bank_id, knowledge_point_id) index.
        .whereRef("q.bank_id", "=", "k.bank_id")
        .whereRef("q.knowledge_point_id", "=", "k.id")
        .where("q.status", "!=", "retired")
        .as("question_count"),
    )
    .where("k.bank_id", "=", bankId)
    .execute();
  const byParent = new Map<number | null, typeof rows>();
  for (const row of rows) byParent.set(row.parent_id, [...(byParent.get(row.parent_id) ?? []), row]);
  const out: PointRow[] = [];
  const walk = (parentId: number | null, depth: number) => {
    const children = (byParent.get(parentId) ?? []).sort((a, b) => a.sort_order - b.sort_order || a.path.localeCompare(b.path, "zh-CN"));
    for (const c of children) {
      out.push({ id: c.id, parentId: c.parent_id, name: c.name, path: c.path, depth, questionCount: Number(c.question_count ?? 0) });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Path levels, trimmed, or a Chinese problem. */
export function splitPointPath(path: string): { levels: string[] } | { message: string } {
  const levels = path
    .split(/[/／]/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (levels.length === 0) return { message: "知识点不能为空" };
  if (levels.length > MAX_POINT_DEPTH) return { message: `知识点最多 ${MAX_POINT_DEPTH} 级` };
  const long = levels.find((l) => l.length > MAX_POINT_NAME);
  if (long) return { message: `知识点名称不能超过 ${MAX_POINT_NAME} 字` };
  return { levels };
}

/** The id of the point at `path`, creating it and any missing ancestors. */
export async function ensurePointPath(db: Db, bankId: number, path: string, known?: Map<string, number>): Promise<number> {
  const split = splitPointPath(path);
  if ("message" in split) throw new BankInputError({ knowledgePoint: split.message });
  let parentId: number | null = null;
  let prefix = "";
  for (const name of split.levels) {
    prefix = prefix ? `${prefix}/${name}` : name;
    const cached = known?.get(prefix);
    if (cached !== undefined) {
      parentId = cached;
      continue;
    }
    const existing = await db.selectFrom("knowledge_points").select("id").where("bank_id", "=", bankId).where("path", "=", prefix).executeTakeFirst();
    let id: number;
    if (existing) id = existing.id;
    else {
      try {
        id = insertedId(await db.insertInto("knowledge_points").values({ bank_id: bankId, parent_id: parentId, name, path: prefix }).executeTakeFirstOrThrow());
      } catch (error) {
        // Another request created it a moment ago.
        if (!isUniqueViolation(error)) throw error;
        id = (await db.selectFrom("knowledge_points").select("id").where("bank_id", "=", bankId).where("path", "=", prefix).executeTakeFirstOrThrow()).id;
      }
    }
    known?.set(prefix, id);
    parentId = id;
  }
  return parentId!;
}

/** path → id of every point of the bank. */
export async function pointIdsByPath(db: Db, bankId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom("knowledge_points").select(["id", "path"]).where("bank_id", "=", bankId).execute();
  return new Map(rows.map((r) => [r.path, r.id]));
}

/** The ids of a point and every point below it (for "filter by 知识点" including sub-points). */
export async function pointSubtreeIds(db: Db, bankId: number, pointId: number): Promise<number[]> {
  const root = await db.selectFrom("knowledge_points").select("path").where("id", "=", pointId).where("bank_id", "=", bankId).executeTakeFirst();
  if (!root) return [];
  const rows = await db.selectFrom("knowledge_points").select(["id", "path"]).where("bank_id", "=", bankId).execute();
  return rows.filter((r) => r.path === root.path || r.path.startsWith(`${root.path}/`)).map((r) => r.id);
}

/** Deletes a point that has no sub-points and no questions (retired ones included). */
export async function deletePoint(db: Db, bankId: number, pointId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const child = await trx.selectFrom("knowledge_points").select("id").where("parent_id", "=", pointId).executeTakeFirst();
    if (child) throw new BankRuleError("该知识点下还有子知识点，不能删除");
    const used = await trx.selectFrom("questions").select("id").where("bank_id", "=", bankId).where("knowledge_point_id", "=", pointId).executeTakeFirst();
    if (used) throw new BankRuleError("该知识点下还有试题，不能删除");
    await trx.deleteFrom("knowledge_points").where("id", "=", pointId).where("bank_id", "=", bankId).execute();
  });
}
