import { sql } from "kysely";
import type { Db } from "#db/client";
import type { OrgUnit, OrgUnitType } from "#db/schema";
import { insertedId, likePrefix, toFlag } from "#db/sql-helpers";
import { canContain, childPath, isSelfOrDescendant } from "./org-types";
import { ORG_UNIT_TYPE_LABELS } from "./org-types";

export class OrgRuleError extends Error {}

export function getUnit(db: Db, id: number): Promise<OrgUnit | undefined> {
  return db.selectFrom("org_units").selectAll().where("id", "=", id).executeTakeFirst();
}

export function getRootUnit(db: Db): Promise<OrgUnit | undefined> {
  return db.selectFrom("org_units").selectAll().where("parent_id", "is", null).orderBy("id").executeTakeFirst();
}

/** Every unit of the subtree at `path` (itself included), in tree order. */
export function unitsUnder(db: Db, path: string, options: { includeInactive?: boolean } = {}): Promise<OrgUnit[]> {
  let query = db.selectFrom("org_units").selectAll().where("path", "like", likePrefix(path));
  if (!options.includeInactive) query = query.where("active", "=", 1);
  return query.orderBy("depth").orderBy("sort_order").orderBy("id").execute();
}

export function childrenOf(db: Db, parentId: number): Promise<OrgUnit[]> {
  return db.selectFrom("org_units").selectAll().where("parent_id", "=", parentId).orderBy("sort_order").orderBy("id").execute();
}

/** Units by their stable codes, as a map code → unit. */
export async function unitsByCode(db: Db, codes: readonly string[]): Promise<Map<string, OrgUnit>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom("org_units").selectAll().where("code", "in", [...new Set(codes)]).execute();
  return new Map(rows.map((u) => [u.code, u]));
}

/** Units by exact name (names repeat across towns, so a name can map to several units). */
export async function unitsByName(db: Db, names: readonly string[]): Promise<Map<string, OrgUnit[]>> {
  const result = new Map<string, OrgUnit[]>();
  if (names.length === 0) return result;
  const rows = await db.selectFrom("org_units").selectAll().where("name", "in", [...new Set(names)]).execute();
  for (const unit of rows) result.set(unit.name, [...(result.get(unit.name) ?? []), unit]);
  return result;
}

/** The names of the units along a path, for breadcrumbs: "杭州市 / 西湖区 / 转塘街道". */
export async function pathLabel(db: Db, path: string): Promise<string> {
  const ids = path.split("/").filter(Boolean).map(Number);
  if (ids.length === 0) return "";
  const rows = await db.selectFrom("org_units").select(["id", "name"]).where("id", "in", ids).execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => names.get(id) ?? "?").join(" / ");
}

export async function createUnit(
  db: Db,
  input: { parentId: number | null; type: OrgUnitType; name: string; code: string; sortOrder?: number },
  now = Date.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const parent = input.parentId === null ? null : await getUnit(trx, input.parentId);
    if (input.parentId !== null && !parent) throw new OrgRuleError("上级单位不存在");
    if (parent && !canContain(parent.type, input.type)) {
      throw new OrgRuleError(`${ORG_UNIT_TYPE_LABELS[parent.type]}下不能设立${ORG_UNIT_TYPE_LABELS[input.type]}`);
    }
    if (!parent && input.type !== "city") throw new OrgRuleError("只有市局可以作为顶级单位");
    const duplicate = await trx.selectFrom("org_units").select("id").where("code", "=", input.code).executeTakeFirst();
    if (duplicate) throw new OrgRuleError("单位编码已被使用");
    const result = await trx
      .insertInto("org_units")
      .values({
        parent_id: input.parentId,
        type: input.type,
        name: input.name,
        code: input.code,
        // The real path needs the new id; set a unique placeholder first.
        path: `/pending-${input.code}/`,
        depth: parent ? parent.depth + 1 : 0,
        sort_order: input.sortOrder ?? 0,
        active: toFlag(true),
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirst();
    const id = insertedId(result);
    await trx.updateTable("org_units").set({ path: childPath(parent?.path ?? null, id) }).where("id", "=", id).execute();
    return id;
  });
}

export async function renameUnit(db: Db, id: number, name: string, now = Date.now()): Promise<void> {
  await db.updateTable("org_units").set({ name, updated_at: now }).where("id", "=", id).execute();
}

/** Moves a unit (and its whole subtree) under a new parent, rewriting the paths in one statement. */
export async function moveUnit(db: Db, id: number, newParentId: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await getUnit(trx, id);
    const parent = await getUnit(trx, newParentId);
    if (!unit || !parent) throw new OrgRuleError("单位不存在");
    if (unit.parent_id === null) throw new OrgRuleError("不能移动市局");
    if (isSelfOrDescendant(parent.path, unit.path)) throw new OrgRuleError("不能移动到自身或其下级单位之下");
    if (!canContain(parent.type, unit.type)) {
      throw new OrgRuleError(`${ORG_UNIT_TYPE_LABELS[parent.type]}下不能设立${ORG_UNIT_TYPE_LABELS[unit.type]}`);
    }
    if (!parent.active) throw new OrgRuleError("不能移动到已停用的单位之下");
    const newPath = childPath(parent.path, unit.id);
    const depthShift = parent.depth + 1 - unit.depth;
    await trx
      .updateTable("org_units")
      .set({
        path: sql`concat(${newPath}, substr(path, ${unit.path.length + 1}))`,
        depth: sql`depth + ${depthShift}`,
        updated_at: now,
      })
      .where("path", "like", likePrefix(unit.path))
      .execute();
    await trx.updateTable("org_units").set({ parent_id: parent.id }).where("id", "=", unit.id).execute();
  });
}

/**
 * Deactivates a unit and its subtree. Units are never deleted: results and learning records keep
 * pointing at them. Refused while active people still belong to the subtree.
 */
export async function deactivateUnit(db: Db, id: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await getUnit(trx, id);
    if (!unit) throw new OrgRuleError("单位不存在");
    if (unit.parent_id === null) throw new OrgRuleError("不能停用市局");
    const people = await trx
      .selectFrom("persons as p")
      .innerJoin("org_units as o", "o.id", "p.org_unit_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("o.path", "like", likePrefix(unit.path))
      .where("p.status", "=", "active")
      .executeTakeFirstOrThrow();
    if (Number(people.n) > 0) throw new OrgRuleError(`该单位及下级仍有 ${people.n} 名在岗人员，请先调出`);
    await trx
      .updateTable("org_units")
      .set({ active: toFlag(false), updated_at: now })
      .where("path", "like", likePrefix(unit.path))
      .execute();
  });
}

export async function reactivateUnit(db: Db, id: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await getUnit(trx, id);
    if (!unit) throw new OrgRuleError("单位不存在");
    const parent = unit.parent_id === null ? null : await getUnit(trx, unit.parent_id);
    if (parent && !parent.active) throw new OrgRuleError("上级单位已停用，请先启用上级单位");
    await trx.updateTable("org_units").set({ active: toFlag(true), updated_at: now }).where("id", "=", id).execute();
  });
}

/** Breadcrumb labels for many units at once (one query), keyed by unit id. */
export async function pathLabelsOf(db: Db, unitIds: readonly number[]): Promise<Map<number, string>> {
  if (unitIds.length === 0) return new Map();
  const units = await db.selectFrom("org_units").select(["id", "path"]).where("id", "in", [...new Set(unitIds)]).execute();
  const ancestorIds = [...new Set(units.flatMap((u) => u.path.split("/").filter(Boolean).map(Number)))];
  const names = new Map(
    (await db.selectFrom("org_units").select(["id", "name"]).where("id", "in", ancestorIds).execute()).map((r) => [r.id, r.name]),
  );
  return new Map(
    units.map((u) => [
      u.id,
      u.path
        .split("/")
        .filter(Boolean)
        .map((id) => names.get(Number(id)) ?? "?")
        .join(" / "),
    ]),
  );
}
