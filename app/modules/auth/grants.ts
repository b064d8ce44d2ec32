import type { Role } from "#db/schema";
import type { RoleGrant } from "./permissions";

/** A role_assignments row (with its scope unit's path) as the permission checks read it. */
export function grantOf(row: { role: string; scope_org_unit_id: number | null; path: string | null }): RoleGrant {
  return {
    role: row.role as Role,
    scopeOrgUnitId: row.scope_org_unit_id,
    // A scope unit that vanished scopes to nothing ("/0/" matches no unit) rather than to all.
    scopePath: row.scope_org_unit_id === null ? null : (row.path ?? "/0/"),
  };
}
