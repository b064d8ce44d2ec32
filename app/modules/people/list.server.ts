// The people list (paginated) and the same list in batches for the Excel export. Always narrowed
// to the principal's `person:read` scope; mobiles are masked for people who may only read.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Db } from "#db/client";
import type { Gender, PersonStatus } from "#db/schema";
import { containsPattern, likePrefix } from "#db/sql-helpers";
import { scopesFor, type Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";
import { pageCount, pageWindow, PAGE_SIZE } from "~/utils/pagination";
import { mobileFor } from "./display";
import { EMPLOYEE_NO_PATTERN, employeeNoVariants, MOBILE_PATTERN, normalizeEmployeeNo, normalizeMobile } from "./fields";
import type { PeopleFilters } from "./schemas";

export interface PersonListRow {
  id: number;
  name: string;
  employeeNo: string;
  /** Full or masked, as the principal may see it. */
  mobile: string | null;
  gender: Gender | null;
  birthDate: string | null;
  post: string;
  tier: string;
  tierName: string;
  rank: string | null;
  unitId: number;
  unitName: string;
  unitCode: string;
  status: PersonStatus;
}

interface ResolvedFilters {
  status: PeopleFilters["status"];
  post?: string;
  tier?: string;
  unitPath?: string;
  /** The search text is a complete 工号 or mobile: these people, found by unique index. */
  exactIds?: number[];
  text?: string;
}

/**
 * Turns the filters into what the query needs: the unit's path, and for a search text that is a
 * complete 工号 or mobile, the ids found by unique-index lookup, so no leading-wildcard scan
 * runs. Null when nothing can match (an unknown unit).
 */
async function resolveFilters(db: Db, filters: PeopleFilters): Promise<ResolvedFilters | null> {
  const resolved: ResolvedFilters = { status: filters.status, post: filters.post, tier: filters.tier };
  if (filters.unit) {
    const unit = await db.selectFrom("org_units").select("path").where("id", "=", filters.unit).executeTakeFirst();
    if (!unit) return null;
    resolved.unitPath = unit.path;
  }
  if (filters.q) {
    const employeeNo = normalizeEmployeeNo(filters.q);
    const mobile = normalizeMobile(filters.q);
    const asEmployeeNo = EMPLOYEE_NO_PATTERN.test(employeeNo) ? employeeNo : null;
    const asMobile = MOBILE_PATTERN.test(mobile) ? mobile : null;
    if (asEmployeeNo || asMobile) {
      const hits = await db
        .selectFrom("persons")
        .select("id")
        .where((eb) =>
          eb.or([
            ...(asEmployeeNo ? [eb("employee_no", "in", employeeNoVariants(asEmployeeNo))] : []),
            ...(asMobile ? [eb("mobile", "=", asMobile)] : []),
          ]),
        )
        .limit(3)
        .execute();
      if (hits.length > 0) resolved.exactIds = hits.map((h) => h.id);
    }
    if (!resolved.exactIds) resolved.text = filters.q;
  }
  return resolved;
}

/** Whether the conditions refer to the joined unit `o` (scope or unit filter). */
function needsUnit(principal: Principal, f: ResolvedFilters): boolean {
  return scopesFor(principal, "person:read") !== "all" || f.unitPath !== undefined;
}

/** The where-clause; untyped builder because the count query may lack the unit join. */
function conditions(eb: ExpressionBuilder<any, any>, principal: Principal, f: ResolvedFilters): Expression<SqlBool> {
  const list: Expression<SqlBool>[] = [inScope(eb, principal, "person:read", "o.path")];
  if (f.status !== "all") list.push(sql<SqlBool>`${sql.ref("p.status")} = ${f.status}`);
  if (f.post) list.push(sql<SqlBool>`${sql.ref("p.post")} = ${f.post}`);
  if (f.tier) list.push(sql<SqlBool>`${sql.ref("p.tier")} = ${f.tier}`);
  if (f.unitPath) list.push(sql<SqlBool>`${sql.ref("o.path")} like ${likePrefix(f.unitPath)}`);
  if (f.exactIds) list.push(sql<SqlBool>`${sql.ref("p.id")} in (${sql.join(f.exactIds)})`);
  if (f.text) {
    const pattern = containsPattern(f.text);
    list.push(
      sql<SqlBool>`(${sql.ref("p.name")} like ${pattern} escape '!' or ${sql.ref("p.employee_no")} like ${pattern} escape '!' or ${sql.ref("p.mobile")} like ${pattern} escape '!')`,
    );
  }
  return eb.and(list);
}

/** The columns of a person row joined with its unit and tier, shared by the list and the detail. */
export const PERSON_ROW_COLUMNS = [
  "p.id",
  "p.name",
  "p.employee_no",
  "p.mobile",
  "p.gender",
  "p.birth_date",
  "p.post",
  "p.tier",
  "t.name as tier_name",
  "p.rank",
  "p.org_unit_id",
  "o.name as unit_name",
  "o.code as unit_code",
  "o.path as unit_path",
  "p.status",
] as const;

function rowsQuery(db: Db, principal: Principal, f: ResolvedFilters) {
  return db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .leftJoin("training_tiers as t", "t.code", "p.tier")
    .select(PERSON_ROW_COLUMNS)
    .where((eb) => conditions(eb, principal, f));
}

type RawRow = Awaited<ReturnType<ReturnType<typeof rowsQuery>["execute"]>>[number];

function toListRow(principal: Principal, r: RawRow): PersonListRow {
  return {
    id: r.id,
    name: r.name,
    employeeNo: r.employee_no,
    mobile: mobileFor(principal, r.unit_path, r.mobile),
    gender: r.gender,
    birthDate: r.birth_date,
    post: r.post,
    tier: r.tier,
    tierName: r.tier_name ?? r.tier,
    rank: r.rank,
    unitId: r.org_unit_id,
    unitName: r.unit_name,
    unitCode: r.unit_code,
    status: r.status,
  };
}

/** Matching people in the principal's scope: cheap when no unit is involved (no join). */
async function countPeople(db: Db, principal: Principal, f: ResolvedFilters): Promise<number> {
  const query = needsUnit(principal, f)
    ? db.selectFrom("persons as p").innerJoin("org_units as o", "o.id", "p.org_unit_id")
    : db.selectFrom("persons as p");
  const row = await query
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => conditions(eb, principal, f))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PeoplePage {
  rows: PersonListRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page of people matching `filters` inside the principal's `person:read` scope, newest first. */
export async function listPeople(
  db: Db,
  principal: Principal,
  filters: PeopleFilters,
  page = 1,
  pageSize = PAGE_SIZE,
): Promise<PeoplePage> {
  const f = await resolveFilters(db, filters);
  if (!f) return { rows: [], total: 0, page, pageCount: 0 };
  const { limit, offset } = pageWindow(page, pageSize);
  const [total, rows] = await Promise.all([
    countPeople(db, principal, f),
    rowsQuery(db, principal, f).orderBy("p.id", "desc").limit(limit).offset(offset).execute(),
  ]);
  return { rows: rows.map((r) => toListRow(principal, r)), total, page, pageCount: pageCount(total, pageSize) };
}

/** The whole filtered list in id order, in batches (keyset pagination), for the export. */
export async function* peopleInBatches(
  db: Db,
  principal: Principal,
  filters: PeopleFilters,
  batchSize = 1000,
): AsyncGenerator<PersonListRow[]> {
  const f = await resolveFilters(db, filters);
  if (!f) return;
  let after = 0;
  for (;;) {
    const rows = await rowsQuery(db, principal, f).where("p.id", ">", after).orderBy("p.id").limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => toListRow(principal, r));
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
  }
}
