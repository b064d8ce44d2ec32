import type { Db } from "#db/client";
import type { OrgUnitType } from "#db/schema";
import { inScope } from "~/modules/auth/scope.server";
import type { Action, Principal } from "~/modules/auth/permissions";

/** Active units by type within the principal's scope for `action`. */
export async function unitCountsByType(db: Db, principal: Principal, action: Action) {
  const rows = await db
    .selectFrom("org_units as o")
    .select(["o.type", (eb) => eb.fn.countAll<number>().as("n")])
    .where("o.active", "=", 1)
    .where((eb) => inScope(eb, principal, action, "o.path"))
    .groupBy("o.type")
    .execute();
  return new Map(rows.map((r) => [r.type as OrgUnitType, Number(r.n)]));
}
