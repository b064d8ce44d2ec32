// Role assignments of one person, managed by admins on the person page.
import type { Db } from "#db/client";
import type { Role } from "#db/schema";
import { can, ROLE_LABELS, type Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";
import { notFound } from "~/utils/http.server";
import { writeAudit } from "./audit.server";
import { PeopleRuleError, PersonInputError } from "./errors";

export interface RoleAssignmentView {
  id: number;
  role: Role;
  scopeOrgUnitId: number | null;
  scopeName: string | null;
  createdAt: number;
}

export async function rolesOf(db: Db, personId: number): Promise<RoleAssignmentView[]> {
  const rows = await db
    .selectFrom("role_assignments as r")
    .leftJoin("org_units as o", "o.id", "r.scope_org_unit_id")
    .select(["r.id", "r.role", "r.scope_org_unit_id", "o.name", "r.created_at"])
    .where("r.person_id", "=", personId)
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    scopeOrgUnitId: r.scope_org_unit_id,
    scopeName: r.name,
    createdAt: r.created_at,
  }));
}

/** The target person must be inside the actor's `role:assign` scope; otherwise a 404. */
async function assertPersonAssignable(db: Db, actor: Principal, personId: number): Promise<void> {
  const person = await db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .select("p.id")
    .where("p.id", "=", personId)
    .where((eb) => inScope(eb, actor, "role:assign", "o.path"))
    .executeTakeFirst();
  if (!person) notFound();
}

/** Grants a role; a scoped role (manager) covers the subtree of `scopeOrgUnitId`. */
export async function assignRole(
  db: Db,
  actor: Principal,
  personId: number,
  input: { role: Role; scopeOrgUnitId: number | null },
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertPersonAssignable(trx, actor, personId);
    if (input.scopeOrgUnitId !== null) {
      const unit = await trx.selectFrom("org_units").select(["path", "active"]).where("id", "=", input.scopeOrgUnitId).executeTakeFirst();
      if (!unit || !unit.active || !can(actor, "role:assign", unit.path)) {
        throw new PersonInputError({ scopeOrgUnitId: "管理范围单位不存在、已停用或超出您的权限" });
      }
    } else if (!can(actor, "role:assign", "/")) {
      // A city-wide role can only be granted by someone who assigns roles city-wide.
      throw new PeopleRuleError("您只能分配本单位范围内的角色");
    }
    let duplicate = trx.selectFrom("role_assignments").select("id").where("person_id", "=", personId).where("role", "=", input.role);
    duplicate =
      input.scopeOrgUnitId === null
        ? duplicate.where("scope_org_unit_id", "is", null)
        : duplicate.where("scope_org_unit_id", "=", input.scopeOrgUnitId);
    if (await duplicate.executeTakeFirst()) throw new PeopleRuleError(`已有「${ROLE_LABELS[input.role]}」角色（相同范围）`);
    await trx
      .insertInto("role_assignments")
      .values({ person_id: personId, role: input.role, scope_org_unit_id: input.scopeOrgUnitId, created_at: now })
      .execute();
    await writeAudit(
      trx,
      { actorId: actor.id, action: "role.assign", targetType: "person", targetId: personId, detail: { role: input.role, scopeOrgUnitId: input.scopeOrgUnitId } },
      now,
    );
  });
}

export async function removeRole(db: Db, actor: Principal, personId: number, assignmentId: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertPersonAssignable(trx, actor, personId);
    const assignment = await trx
      .selectFrom("role_assignments as r")
      .leftJoin("org_units as o", "o.id", "r.scope_org_unit_id")
      .select(["r.id", "r.role", "r.scope_org_unit_id", "o.path"])
      .where("r.id", "=", assignmentId)
      .where("r.person_id", "=", personId)
      .executeTakeFirst();
    if (!assignment) notFound();
    if (!can(actor, "role:assign", assignment.path ?? "/")) throw new PeopleRuleError("该角色超出您的权限，不能移除");
    // Removing one's own admin role could leave the city without anyone to fix it.
    if (personId === actor.id && assignment.role === "admin") throw new PeopleRuleError("不能移除自己的系统管理员角色");
    await trx.deleteFrom("role_assignments").where("id", "=", assignmentId).execute();
    await writeAudit(
      trx,
      {
        actorId: actor.id,
        action: "role.remove",
        targetType: "person",
        targetId: personId,
        detail: { role: assignment.role, scopeOrgUnitId: assignment.scope_org_unit_id },
      },
      now,
    );
  });
}
