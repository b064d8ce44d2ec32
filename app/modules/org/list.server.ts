import type { Db } from "#db/client";
import { inScope } from "~/modules/auth/scope.server";
import type { Action, Principal } from "~/modules/auth/permissions";

/** Units the principal may see for `action`, in tree order (depth, then sort order). */
export function unitsInScope(db: Db, principal: Principal, action: Action, options: { includeInactive?: boolean } = {}) {
  let query = db
    .selectFrom("org_units as o")
    .select(["o.id", "o.parent_id", "o.name", "o.type", "o.active", "o.path", "o.depth", "o.code"])
    .where((eb) => inScope(eb, principal, action, "o.path"));
  if (!options.includeInactive) query = query.where("o.active", "=", 1);
  return query.orderBy("o.depth").orderBy("o.sort_order").orderBy("o.id").execute();
}

/** People directly in a unit and in its whole subtree. */
export async function unitPeopleCounts(db: Db, unit: { id: number; path: string }) {
  const [direct, subtree] = await Promise.all([
    db
      .selectFrom("persons")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_unit_id", "=", unit.id)
      .where("status", "=", "active")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("persons as p")
      .innerJoin("org_units as o", "o.id", "p.org_unit_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("o.path", "like", `${unit.path}%`)
      .where("p.status", "=", "active")
      .executeTakeFirstOrThrow(),
  ]);
  return { direct: Number(direct.n), subtree: Number(subtree.n) };
}
