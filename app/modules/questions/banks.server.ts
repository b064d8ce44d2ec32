// Question banks: the list, one bank with its members and access, creating and editing a bank,
// and its members. Knowledge points and questions have their own files.
import { sql } from "kysely";
import type { Db } from "#db/client";
import type { BankMemberRole } from "#db/schema";
import { insertedId, isUniqueViolation } from "#db/sql-helpers";
import type { Principal } from "~/modules/auth/permissions";
import { bankAccess, type BankAccess } from "./access";
import { BankInputError, BankRuleError } from "./errors";

export interface BankFields {
  bankKey: string;
  title: string;
  description: string;
  category: string;
}

export interface BankMember {
  personId: number;
  name: string;
  employeeNo: string;
  role: BankMemberRole;
}

async function membersOf(db: Db, bankIds: readonly number[]) {
  if (bankIds.length === 0) return [];
  return db
    .selectFrom("question_bank_members as m")
    .innerJoin("persons as p", "p.id", "m.person_id")
    .select(["m.bank_id", "m.person_id", "m.role", "p.name", "p.employee_no"])
    .where("m.bank_id", "in", bankIds)
    .orderBy("m.role", "desc")
    .orderBy("p.name")
    .execute();
}

/** Every bank with its question counts by status, members and the viewer's access. */
export async function listBanks(db: Db, principal: Principal, options: { includeArchived?: boolean } = {}) {
  let query = db
    .selectFrom("question_banks as b")
    .leftJoin("course_categories as c", "c.code", "b.category")
    .select(["b.id", "b.bank_key", "b.title", "b.description", "b.category", "b.archived", "b.updated_at", "c.name as category_name"])
    .select((eb) => [
      eb.selectFrom("questions as q").select((s) => s.fn.countAll<number>().as("n")).whereRef("q.bank_id", "=", "b.id").where("q.status", "=", "published").as("published"),
      eb.selectFrom("questions as q").select((s) => s.fn.countAll<number>().as("n")).whereRef("q.bank_id", "=", "b.id").where("q.status", "=", "draft").as("drafts"),
      eb.selectFrom("questions as q").select((s) => s.fn.countAll<number>().as("n")).whereRef("q.bank_id", "=", "b.id").where("q.status", "=", "retired").as("retired"),
    ])
    .orderBy("b.archived")
    .orderBy("b.category")
    .orderBy("b.title");
  if (!options.includeArchived) query = query.where("b.archived", "=", 0);
  const banks = await query.execute();
  const members = await membersOf(db, banks.map((b) => b.id));
  return banks
    .map((b) => {
      const own = members.filter((m) => m.bank_id === b.id).map((m) => ({ personId: m.person_id, name: m.name, employeeNo: m.employee_no, role: m.role }));
      return {
        id: b.id,
        bankKey: b.bank_key,
        title: b.title,
        description: b.description,
        category: b.category,
        categoryName: b.category_name ?? b.category,
        archived: b.archived === 1,
        updatedAt: b.updated_at,
        counts: { published: Number(b.published ?? 0), drafts: Number(b.drafts ?? 0), retired: Number(b.retired ?? 0) },
        members: own,
        access: bankAccess(principal, { members: own }),
      };
    })
    .filter((b) => b.access !== "none");
}

export type BankSummary = Awaited<ReturnType<typeof listBanks>>[number];

/** One bank as the viewer may see it, or null (→ 404) when they may not. */
export async function bankForViewer(db: Db, principal: Principal, bankId: number) {
  const bank = await db
    .selectFrom("question_banks as b")
    .leftJoin("course_categories as c", "c.code", "b.category")
    .select(["b.id", "b.bank_key", "b.title", "b.description", "b.category", "b.archived", "b.created_at", "b.updated_at", "c.name as category_name"])
    .where("b.id", "=", bankId)
    .executeTakeFirst();
  if (!bank) return null;
  const members: BankMember[] = (await membersOf(db, [bank.id])).map((m) => ({ personId: m.person_id, name: m.name, employeeNo: m.employee_no, role: m.role }));
  const access = bankAccess(principal, { members });
  if (access === "none") return null;
  return {
    id: bank.id,
    bankKey: bank.bank_key,
    title: bank.title,
    description: bank.description,
    category: bank.category,
    categoryName: bank.category_name ?? bank.category,
    archived: bank.archived === 1,
    updatedAt: bank.updated_at,
    members,
    access,
  };
}

export type BankView = NonNullable<Awaited<ReturnType<typeof bankForViewer>>>;

/** The bank with the given key (command-line import, content import), or null. */
export function bankByKey(db: Db, bankKey: string) {
  return db.selectFrom("question_banks").selectAll().where("bank_key", "=", bankKey).executeTakeFirst();
}

/** Creates a bank; the creator (when a person) becomes its owner. */
export async function createBank(db: Db, creatorId: number | null, fields: BankFields, now = Date.now()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    try {
      const result = await trx
        .insertInto("question_banks")
        .values({
          bank_key: fields.bankKey,
          title: fields.title,
          description: fields.description,
          category: fields.category,
          created_by: creatorId,
          created_at: now,
          updated_at: now,
        })
        .executeTakeFirstOrThrow();
      const id = insertedId(result);
      if (creatorId !== null) await trx.insertInto("question_bank_members").values({ bank_id: id, person_id: creatorId, role: "owner" }).execute();
      return id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new BankInputError({ bankKey: `题库代码 ${fields.bankKey} 已被使用` });
      throw error;
    }
  });
}

export async function updateBank(db: Db, bankId: number, fields: Omit<BankFields, "bankKey"> & { archived?: boolean }, now = Date.now()) {
  await db
    .updateTable("question_banks")
    .set({
      title: fields.title,
      description: fields.description,
      category: fields.category,
      ...(fields.archived !== undefined ? { archived: fields.archived ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where("id", "=", bankId)
    .execute();
}

/** Adds (or changes the role of) a member found by employee number; they must be an active instructor. */
export async function setMemberByEmployeeNo(db: Db, bankId: number, employeeNo: string, role: BankMemberRole): Promise<{ name: string }> {
  const person = await db.selectFrom("persons").select(["id", "name", "status"]).where("employee_no", "=", employeeNo.trim()).executeTakeFirst();
  if (!person) throw new BankInputError({ employeeNo: `找不到工号为 ${employeeNo} 的人员` });
  if (person.status !== "active") throw new BankInputError({ employeeNo: `${person.name} 已离岗，不能管理题库` });
  const author = await db
    .selectFrom("role_assignments")
    .select("id")
    .where("person_id", "=", person.id)
    .where("role", "in", ["instructor", "admin"])
    .executeTakeFirst();
  if (!author) throw new BankInputError({ employeeNo: `${person.name} 不具有教员角色，不能管理题库` });
  await db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable("question_bank_members").set({ role }).where("bank_id", "=", bankId).where("person_id", "=", person.id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await trx.insertInto("question_bank_members").values({ bank_id: bankId, person_id: person.id, role }).execute();
    await assertOwnerKept(trx, bankId);
  });
  return { name: person.name };
}

/** Removes a member, never the last owner (the bank row is touched first so removals serialise). */
export async function removeMember(db: Db, bankId: number, personId: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("question_banks").set({ updated_at: now }).where("id", "=", bankId).execute();
    const removed = await trx.deleteFrom("question_bank_members").where("bank_id", "=", bankId).where("person_id", "=", personId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new BankRuleError("该人员不是本题库成员");
    await assertOwnerKept(trx, bankId);
  });
}

async function assertOwnerKept(db: Db, bankId: number) {
  const row = await db
    .selectFrom("question_bank_members")
    .select([sql<number>`sum(case when role = 'owner' then 1 else 0 end)`.as("owners"), (eb) => eb.fn.countAll<number>().as("n")])
    .where("bank_id", "=", bankId)
    .executeTakeFirstOrThrow();
  if (Number(row.n) > 0 && Number(row.owners ?? 0) === 0) throw new BankRuleError("题库至少要保留一名负责人");
}

/** Banks the viewer may write questions into (targets of "move"). */
export async function writableBanks(db: Db, principal: Principal) {
  return (await listBanks(db, principal)).filter((b) => b.access === "manage" || b.access === "edit");
}

export type { BankAccess };
