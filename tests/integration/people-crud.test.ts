import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "~/modules/auth/permissions";
import { verifyPassword } from "~/modules/auth/password.server";
import { PeopleRuleError, PersonInputError } from "~/modules/people/errors";
import { personUnitAt, unitHistoryOf } from "~/modules/people/history.server";
import {
  createPerson,
  deactivatePerson,
  getPersonInScope,
  reactivatePerson,
  resetPersonPassword,
  updatePerson,
} from "~/modules/people/people.server";
import { assignRole, removeRole, rolesOf } from "~/modules/people/roles.server";
import type { PersonInput } from "~/modules/people/types";
import { principal, seedPeopleOrg, type PeopleOrg } from "../fixtures/people/org";
import { forEachDialect } from "../support/test-db";

const T0 = 1_800_000_000_000;

function input(org: PeopleOrg, overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    name: "张伟",
    employeeNo: "P001",
    mobile: "13800000001",
    gender: "male",
    birthDate: "1988-08-08",
    post: "工作人员",
    tier: "staff",
    rank: null,
    orgUnitId: org.ztStation,
    ...overrides,
  };
}

forEachDialect("people: create, edit, unit history", (get) => {
  let org: PeopleOrg;
  let admin: Principal;
  let personId: number;

  beforeAll(async () => {
    org = await seedPeopleOrg(get().db, T0 - 10_000);
    admin = principal(org.adminId, "admin");
  });

  it("creates a person with an account to activate, the trainee role, a first history row and an audit entry", async () => {
    const { db } = get();
    personId = await createPerson(db, admin, input(org), "Kp7-wq2Lm9", T0);
    const person = await getPersonInScope(db, admin, personId);
    expect(person).toMatchObject({ name: "张伟", employeeNo: "P001", mobile: "13800000001", orgUnitId: org.ztStation, status: "active", hasAccount: true, mustChangePassword: true });
    const account = await db.selectFrom("accounts").selectAll().where("person_id", "=", personId).executeTakeFirstOrThrow();
    expect(await verifyPassword(account.password_hash, "Kp7-wq2Lm9")).toBe(true);
    expect(await unitHistoryOf(db, personId)).toEqual([
      expect.objectContaining({ orgUnitId: org.ztStation, validFrom: T0, validTo: null }),
    ]);
    expect((await rolesOf(db, personId)).map((r) => r.role)).toEqual(["trainee"]);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "person.create").where("target_id", "=", String(personId)).executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(org.adminId);
    expect(JSON.parse(audit.detail!)).toMatchObject({ employeeNo: "P001" });
  });

  it("moving to another unit closes the open stay and opens the next; personUnitAt answers by instant", async () => {
    const { db } = get();
    const t1 = T0 + 60_000;
    const result = await updatePerson(db, admin, personId, input(org, { orgUnitId: org.xx, post: "执法人员" }), t1);
    expect(result).toEqual({ moved: true });
    const history = await unitHistoryOf(db, personId);
    expect(history.map((h) => [h.orgUnitId, h.validFrom, h.validTo])).toEqual([
      [org.xx, t1, null],
      [org.ztStation, T0, t1],
    ]);
    expect(await personUnitAt(db, personId, T0)).toBe(org.ztStation);
    expect(await personUnitAt(db, personId, t1 - 1)).toBe(org.ztStation);
    expect(await personUnitAt(db, personId, t1)).toBe(org.xx);
    expect(await personUnitAt(db, personId, t1 + 86_400_000)).toBe(org.xx);
    // Before registration: the earliest known unit; an unknown person: null.
    expect(await personUnitAt(db, personId, T0 - 1)).toBe(org.ztStation);
    expect(await personUnitAt(db, 999_999, T0)).toBeNull();
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "person.update").where("target_id", "=", String(personId)).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).changes).toEqual({ post: ["工作人员", "执法人员"], orgUnitId: [org.ztStation, org.xx] });
  });

  it("an edit without a move keeps the history; an edit without changes writes nothing", async () => {
    const { db } = get();
    expect(await updatePerson(db, admin, personId, input(org, { orgUnitId: org.xx, post: "执法人员", rank: "一级科员" }), T0 + 120_000)).toEqual({ moved: false });
    expect(await unitHistoryOf(db, personId)).toHaveLength(2);
    const before = await db.selectFrom("audit_log").select("id").execute();
    await updatePerson(db, admin, personId, input(org, { orgUnitId: org.xx, post: "执法人员", rank: "一级科员" }), T0 + 180_000);
    expect(await db.selectFrom("audit_log").select("id").execute()).toHaveLength(before.length);
  });

  it("refuses a taken 工号 or mobile, an unknown tier and an inactive unit, with field errors", async () => {
    const { db } = get();
    const attempt = createPerson(db, admin, input(org, { employeeNo: "p001", mobile: "13800000001", tier: "nope", orgUnitId: org.closedVillage }), "Kp7-wq2Lm9", T0);
    await expect(attempt).rejects.toBeInstanceOf(PersonInputError);
    const error = (await attempt.catch((e: unknown) => e)) as PersonInputError;
    // "p001" is the taken "P001" on both engines (工号 are compared case-blind).
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["employeeNo", "mobile", "orgUnitId", "tier"]);
    const dup = await createPerson(db, admin, input(org, { mobile: null }), "Kp7-wq2Lm9", T0).catch((e: unknown) => e);
    expect((dup as PersonInputError).fieldErrors).toEqual({ employeeNo: "工号 P001 已被其他人员使用" });
    expect(await db.selectFrom("persons").select("id").where("employee_no", "=", "P001").execute()).toHaveLength(1);
  });

  it("a writer scoped to a district cannot place people outside it, nor edit people outside it (404)", async () => {
    const { db } = get();
    const scopedHr = principal(org.adminId, "hr", { id: org.xh, path: org.paths.xh });
    const error = await createPerson(db, scopedHr, input(org, { employeeNo: "P002", mobile: null, orgUnitId: org.xx }), "Kp7-wq2Lm9", T0).catch((e: unknown) => e);
    expect((error as PersonInputError).fieldErrors.orgUnitId).toBe("请选择您管理范围内的单位");
    // personId now sits in 西兴街道 (滨江区), outside 西湖区.
    const response = await updatePerson(db, scopedHr, personId, input(org), T0).catch((e: unknown) => e);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(404);
  });

  it("deactivation sets status left and revokes every session; reactivation restores the status", async () => {
    const { db } = get();
    for (const id of ["sess-a", "sess-b"]) {
      await db.insertInto("sessions").values({ id, user_id: personId, expires_at: T0 + 3_600_000, created_at: T0, client_address: null, user_agent: null }).execute();
    }
    await deactivatePerson(db, admin, personId, T0 + 200_000);
    expect((await getPersonInScope(db, admin, personId)).status).toBe("left");
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", personId).execute()).toEqual([]);
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "person.deactivate").where("target_id", "=", String(personId)).execute()).toHaveLength(1);
    await reactivatePerson(db, admin, personId, T0 + 300_000);
    expect((await getPersonInScope(db, admin, personId)).status).toBe("active");
    await expect(deactivatePerson(db, admin, org.adminId)).rejects.toBeInstanceOf(PeopleRuleError);
  });

  it("a password reset sets a new initial password to change and signs the person out", async () => {
    const { db } = get();
    await db.updateTable("accounts").set({ must_change_password: 0 }).where("person_id", "=", personId).execute();
    await db.insertInto("sessions").values({ id: "sess-c", user_id: personId, expires_at: T0 + 3_600_000, created_at: T0, client_address: null, user_agent: null }).execute();
    await resetPersonPassword(db, admin, personId, "Zq4-nb8Tr2", T0 + 400_000);
    const account = await db.selectFrom("accounts").selectAll().where("person_id", "=", personId).executeTakeFirstOrThrow();
    expect(account.must_change_password).toBe(1);
    expect(await verifyPassword(account.password_hash, "Zq4-nb8Tr2")).toBe(true);
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", personId).execute()).toEqual([]);
  });

  it("admins assign and remove roles; duplicates and removing one's own admin role are refused", async () => {
    const { db } = get();
    await assignRole(db, admin, personId, { role: "manager", scopeOrgUnitId: org.xh }, T0);
    await expect(assignRole(db, admin, personId, { role: "manager", scopeOrgUnitId: org.xh }, T0)).rejects.toBeInstanceOf(PeopleRuleError);
    await expect(assignRole(db, admin, personId, { role: "manager", scopeOrgUnitId: org.closedVillage }, T0)).rejects.toBeInstanceOf(PersonInputError);
    await assignRole(db, admin, personId, { role: "hr", scopeOrgUnitId: null }, T0);
    const roles = await rolesOf(db, personId);
    expect(roles.map((r) => [r.role, r.scopeName])).toEqual([
      ["trainee", null],
      ["manager", "西湖区"],
      ["hr", null],
    ]);
    await removeRole(db, admin, personId, roles[1].id, T0);
    expect((await rolesOf(db, personId)).map((r) => r.role)).toEqual(["trainee", "hr"]);
    const audits = await db.selectFrom("audit_log").select("action").where("target_id", "=", String(personId)).where("action", "like", "role.%").execute();
    expect(audits.map((a) => a.action).sort()).toEqual(["role.assign", "role.assign", "role.remove"]);

    const adminRole = await db.insertInto("role_assignments").values({ person_id: org.adminId, role: "admin", scope_org_unit_id: null, created_at: T0 }).executeTakeFirst();
    await expect(removeRole(db, admin, org.adminId, Number(adminRole.insertId))).rejects.toThrow("不能移除自己的系统管理员角色");
  });
});

describe("people module exports", () => {
  it("personUnitAt is importable by other modules", () => {
    expect(typeof personUnitAt).toBe("function");
  });
});
