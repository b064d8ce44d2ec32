// Choices offered by the people forms: training tiers and the units a user may pick.
import type { Db } from "#db/client";
import type { OrgUnitType } from "#db/schema";
import type { Action, Principal } from "~/modules/auth/permissions";
import { unitsInScope } from "~/modules/org/list.server";
import { buildTree, type TreeNode } from "~/modules/org/tree";

export interface TierOption {
  code: string;
  name: string;
  active: boolean;
}

export async function listTiers(db: Db, options: { includeInactive?: boolean } = {}): Promise<TierOption[]> {
  let query = db.selectFrom("training_tiers").select(["code", "name", "active"]);
  if (!options.includeInactive) query = query.where("active", "=", 1);
  const rows = await query.orderBy("sort_order").orderBy("code").execute();
  return rows.map((r) => ({ code: r.code, name: r.name, active: r.active === 1 }));
}

const LEAF_TYPES: readonly OrgUnitType[] = ["village", "micro_station"];

export interface UnitOption {
  id: number;
  /** The name indented by its depth below the user's top scope unit, for a <select>. */
  label: string;
  name: string;
}

/**
 * Active units where `principal` may perform `action`, in tree order, indented for a <select>.
 * `leaves: false` leaves out villages and micro stations (a city has about a thousand): enough
 * for filtering, where a town or station covers its villages.
 */
export async function unitOptions(
  db: Db,
  principal: Principal,
  action: Action,
  options: { leaves?: boolean } = {},
): Promise<UnitOption[]> {
  const units = await unitsInScope(db, principal, action);
  const result: UnitOption[] = [];
  const walk = (node: TreeNode, level: number) => {
    if (options.leaves === false && LEAF_TYPES.includes(node.type)) return;
    // U+3000 (ideographic space) survives <option> whitespace collapsing.
    result.push({ id: node.id, name: node.name, label: `${"\u3000".repeat(level)}${node.name}` });
    for (const child of node.children) walk(child, level + 1);
  };
  for (const root of buildTree(units)) walk(root, 0);
  return result;
}
