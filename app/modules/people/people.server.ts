// One person: read in scope, create with an account, edit (with unit history), deactivate,
// reactivate, reset the password. Functions that write open their own transaction, so pass them
// the root `db`, not a transaction.
import type { Db } from "#db/client";
import type { PersonStatus } from "#db/schema";
import { insertedId } from "#db/sql-helpers";
import { setInitialPassword } from "~/modules/auth/login.server";
import { hashPassword } from "~/modules/auth/password.server";
import { can, type Action, type Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";
import { revokeUserSessions } from "~/modules/auth/session.server";
import { notFound } from "~/utils/http.server";
import { writeAudit } from "./audit.server";
import { DEFAULT_ROLE } from "./constants";
import { PeopleRuleError, PersonInputError, uniqueViolationColumn } from "./errors";
import { employeeNoVariants, normalizeEmployeeNo } from "./fields";
import { openUnitStay, recordMove } from "./history.server";
import { PERSON_ROW_COLUMNS } from "./list.server";
import { personColumns, type PersonInput } from "./types";

export type { PersonInput };

export interface PersonRecord extends Omit<PersonInput, "post"> {
  id: number;
  post: string;
  tierName: string;
  unitName: string;
  unitCode: string;
  unitPath: string;
  status: PersonStatus;
  createdAt: number;
  updatedAt: number;
  hasAccount: boolean;
  mustChangePassword: boolean;
}

/** The person with `id` if `principal` may perform `action` on them; a 404 otherwise. */
export async function getPersonInScope(db: Db, principal: Principal, id: number, action: Action = "person:read"): Promise<PersonRecord> {
  const row = await db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .leftJoin("training_tiers as t", "t.code", "p.tier")
    .leftJoin("accounts as a", "a.person_id", "p.id")
    .select([
      ...PERSON_ROW_COLUMNS,
      "p.created_at",
      "p.updated_at",
      "a.person_id as account_id",
      "a.must_change_password",
    ])
    .where("p.id", "=", id)
    .where((eb) => inScope(eb, principal, action, "o.path"))
    .executeTakeFirst();
  if (!row) notFound();
  return {
    id: row.id,
    name: row.name,
    employeeNo: row.employee_no,
    mobile: row.mobile,
    gender: row.gender,
    birthDate: row.birth_date,
    post: row.post,
    tier: row.tier,
    tierName: row.tier_name ?? row.tier,
    rank: row.rank,
    orgUnitId: row.org_unit_id,
    unitName: row.unit_name,
    unitCode: row.unit_code,
    unitPath: row.unit_path,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    hasAccount: row.account_id !== null,
    mustChangePassword: row.must_change_password === 1,
  };
}

/**
 * Checks what only the database knows: the unit exists, is active and inside the actor's write
 * scope; the tier exists; 工号 and mobile are free. Throws PersonInputError with every problem.
 */
async function checkPersonInput(
  db: Db,
  actor: Principal,
  input: PersonInput,
  current: { id: number; orgUnitId: number; tier: string } | null,
): Promise<void> {
  const errors: Record<string, string> = {};
  const [unit, tier, sameNo, sameMobile] = await Promise.all([
    db.selectFrom("org_units").select(["id", "path", "active"]).where("id", "=", input.orgUnitId).executeTakeFirst(),
    db.selectFrom("training_tiers").select(["code", "active"]).where("code", "=", input.tier).executeTakeFirst(),
    // Case-blind on both engines: "P001" and "p001" are the same 工号.
    db.selectFrom("persons").select("id").where("employee_no", "in", employeeNoVariants(input.employeeNo)).where("id", "!=", current?.id ?? 0).executeTakeFirst(),
    input.mobile
      ? db.selectFrom("persons").select("id").where("mobile", "=", input.mobile).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const keepsUnit = current?.orgUnitId === input.orgUnitId;
  if (!unit || (!unit.active && !keepsUnit)) errors.orgUnitId = "单位不存在或已停用";
  else if (!can(actor, "person:write", unit.path)) errors.orgUnitId = "请选择您管理范围内的单位";
  if (!tier || (!tier.active && current?.tier !== input.tier)) errors.tier = "培训层级不存在或已停用";
  if (sameNo) errors.employeeNo = `工号 ${input.employeeNo} 已被其他人员使用`;
  if (sameMobile && sameMobile.id !== current?.id) errors.mobile = `手机号 ${input.mobile} 已被其他人员使用`;
  if (Object.keys(errors).length > 0) throw new PersonInputError(errors);
}

/** Normalised 工号 even when the caller skipped the form schema. */
function canonical(input: PersonInput): PersonInput {
  return { ...input, employeeNo: normalizeEmployeeNo(input.employeeNo) };
}

/** A concurrent insert can still win the race past our checks: report it like our own check. */
function rethrowAsInputError(error: unknown): never {
  const column = uniqueViolationColumn(error);
  if (column === "employee_no") throw new PersonInputError({ employeeNo: "工号已被其他人员使用" });
  if (column === "mobile") throw new PersonInputError({ mobile: "手机号已被其他人员使用" });
  throw error;
}

/**
 * Registers a person with an account (trainee role) whose initial password must be changed at
 * first login, and opens their unit history. Returns the new id.
 */
export async function createPerson(
  db: Db,
  actor: Principal,
  input: PersonInput,
  initialPassword: string,
  now = Date.now(),
): Promise<number> {
  input = canonical(input);
  // Hash before the transaction: it is the slow part and must not hold the database.
  const passwordHash = await hashPassword(initialPassword);
  try {
    return await db.transaction().execute(async (trx) => {
      await checkPersonInput(trx, actor, input, null);
      const result = await trx
        .insertInto("persons")
        .values({ ...personColumns(input), status: "active", created_at: now, updated_at: now })
        .executeTakeFirst();
      const id = insertedId(result);
      await openUnitStay(trx, id, input.orgUnitId, now);
      await setInitialPassword(trx, id, passwordHash, now);
      await trx.insertInto("role_assignments").values({ person_id: id, role: DEFAULT_ROLE, scope_org_unit_id: null, created_at: now }).execute();
      await writeAudit(
        trx,
        {
          actorId: actor.id,
          action: "person.create",
          targetType: "person",
          targetId: id,
          detail: { name: input.name, employeeNo: input.employeeNo, orgUnitId: input.orgUnitId, post: input.post, tier: input.tier },
        },
        now,
      );
      return id;
    });
  } catch (error) {
    rethrowAsInputError(error);
  }
}

/** A person row with the path of their unit, if `actor` may perform `action` on them. */
async function personForWrite(db: Db, actor: Principal, personId: number, action: Action = "person:write") {
  const row = await db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .selectAll("p")
    .select("o.path as unit_path")
    .where("p.id", "=", personId)
    .where((eb) => inScope(eb, actor, action, "o.path"))
    .executeTakeFirst();
  if (!row) notFound();
  return row;
}

const AUDITED_FIELDS = [
  ["name", "name"],
  ["employee_no", "employeeNo"],
  ["mobile", "mobile"],
  ["gender", "gender"],
  ["birth_date", "birthDate"],
  ["post", "post"],
  ["tier", "tier"],
  ["rank", "rank"],
  ["org_unit_id", "orgUnitId"],
] as const;

/**
 * Saves the person form. Moving to another unit closes the open history stay at `now` and opens
 * the next one. Returns whether the person moved.
 */
export async function updatePerson(
  db: Db,
  actor: Principal,
  personId: number,
  input: PersonInput,
  now = Date.now(),
): Promise<{ moved: boolean }> {
  input = canonical(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await personForWrite(trx, actor, personId);
      await checkPersonInput(trx, actor, input, { id: current.id, orgUnitId: current.org_unit_id, tier: current.tier });
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [column, field] of AUDITED_FIELDS) {
        if (current[column] !== input[field]) changes[field] = [current[column], input[field]];
      }
      if (Object.keys(changes).length === 0) return { moved: false };
      await trx
        .updateTable("persons")
        .set({ ...personColumns(input), updated_at: now })
        .where("id", "=", personId)
        .execute();
      const moved = current.org_unit_id !== input.orgUnitId;
      if (moved) await recordMove(trx, personId, input.orgUnitId, now);
      await writeAudit(trx, { actorId: actor.id, action: "person.update", targetType: "person", targetId: personId, detail: { changes } }, now);
      return { moved };
    });
  } catch (error) {
    rethrowAsInputError(error);
  }
}

/** Marks a person as left and ends all their sessions at once. */
export async function deactivatePerson(db: Db, actor: Principal, personId: number, now = Date.now()): Promise<void> {
  if (actor.id === personId) throw new PeopleRuleError("不能停用自己的账号");
  await db.transaction().execute(async (trx) => {
    const person = await personForWrite(trx, actor, personId);
    if (person.status !== "left") {
      await trx.updateTable("persons").set({ status: "left", updated_at: now }).where("id", "=", personId).execute();
      await writeAudit(trx, { actorId: actor.id, action: "person.deactivate", targetType: "person", targetId: personId }, now);
    }
    // Even when already left: make sure nothing is still signed in.
    await revokeUserSessions(trx, personId);
  });
}

export async function reactivatePerson(db: Db, actor: Principal, personId: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const person = await personForWrite(trx, actor, personId);
    if (person.status === "active") return;
    await trx.updateTable("persons").set({ status: "active", updated_at: now }).where("id", "=", personId).execute();
    await writeAudit(trx, { actorId: actor.id, action: "person.reactivate", targetType: "person", targetId: personId }, now);
  });
}

/** Gives the person a new initial password (to change at next login) and signs them out everywhere. */
export async function resetPersonPassword(
  db: Db,
  actor: Principal,
  personId: number,
  initialPassword: string,
  now = Date.now(),
): Promise<void> {
  const passwordHash = await hashPassword(initialPassword);
  await db.transaction().execute(async (trx) => {
    await personForWrite(trx, actor, personId);
    await setInitialPassword(trx, personId, passwordHash, now);
    await revokeUserSessions(trx, personId);
    await writeAudit(trx, { actorId: actor.id, action: "person.password_reset", targetType: "person", targetId: personId }, now);
  });
}
