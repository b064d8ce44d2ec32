import type { Db } from "#db/client";
import { inScope } from "~/modules/auth/scope.server";
import type { Principal } from "~/modules/auth/permissions";

/** Active people in the principal's `person:read` scope, in total and per training tier. */
export async function peopleCountsByTier(db: Db, principal: Principal) {
  const rows = await db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .innerJoin("training_tiers as t", "t.code", "p.tier")
    .select(["p.tier", "t.name", "t.sort_order", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.status", "=", "active")
    .where((eb) => inScope(eb, principal, "person:read", "o.path"))
    .groupBy(["p.tier", "t.name", "t.sort_order"])
    .orderBy("t.sort_order")
    .execute();
  const byTier = rows.map((r) => ({ tier: r.tier, name: r.name, n: Number(r.n) }));
  return { total: byTier.reduce((sum, t) => sum + t.n, 0), byTier };
}
