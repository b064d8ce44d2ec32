// Certificates as managers and HR see them: filtered, paginated, limited to the holder's unit AT
// ISSUE (certificates.org_unit_id) lying in the viewer's scope. Revocation is for admin and HR.
import { addDays, format } from "date-fns";
import { TZDate } from "@date-fns/tz";
import { sql, type SqlBool } from "kysely";
import { z } from "zod";
import type { Db } from "#db/client";
import { containsPattern } from "#db/sql-helpers";
import { hasRole, type Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";
import { pageWindow } from "~/utils/pagination";
import { TIME_ZONE } from "~/utils/time";
import { certificateState, CERTIFICATE_TYPES, dateInShanghai, type CertificateState, type CertificateType } from "./certificates.server";

export const EXPIRING_DAYS = 90;
export const STATE_LABELS: Record<CertificateState, string> = { valid: "有效", expired: "已过期", revoked: "已吊销" };

export const certificateFiltersSchema = z.object({
  type: z.enum(["enforcement", "auxiliary"]).optional().catch(undefined),
  state: z.enum(["valid", "expired", "revoked"]).optional().catch(undefined),
  expiring: z
    .enum(["1", ""])
    .optional()
    .transform((v) => v === "1")
    .catch(false),
  q: z.string().trim().max(50).optional().transform((v) => v || undefined).catch(undefined),
});
export type CertificateFilters = z.output<typeof certificateFiltersSchema>;

export function parseCertificateFilters(search: URLSearchParams): CertificateFilters {
  return certificateFiltersSchema.parse(Object.fromEntries([...search.entries()].filter(([, v]) => v !== "")));
}

export interface CertificateListRow {
  id: number;
  number: string;
  type: CertificateType;
  typeLabel: string;
  holderId: number;
  holderName: string;
  employeeNo: string;
  unitName: string;
  examTitle: string;
  issuedOn: string;
  expiresOn: string;
  state: CertificateState;
  stateLabel: string;
  revokeReason: string | null;
}

function inWindow(days: number, now: number) {
  return format(addDays(new TZDate(now, TIME_ZONE), days), "yyyy-MM-dd");
}

function scoped(db: Db, viewer: Principal, filters: CertificateFilters, now: number) {
  const today = dateInShanghai(now);
  let query = db
    .selectFrom("certificates as c")
    .innerJoin("persons as p", "p.id", "c.person_id")
    .innerJoin("org_units as o", "o.id", "c.org_unit_id")
    .innerJoin("exams as e", "e.id", "c.exam_id")
    .where((eb) => inScope(eb, viewer, "certificate:read", "o.path"));
  if (filters.type) query = query.where("c.type", "=", filters.type);
  if (filters.state === "revoked") query = query.where("c.status", "=", "revoked");
  if (filters.state === "valid") query = query.where("c.status", "=", "valid").where("c.expires_on", ">=", today);
  if (filters.state === "expired") query = query.where("c.status", "=", "valid").where("c.expires_on", "<", today);
  if (filters.expiring) {
    query = query.where("c.status", "=", "valid").where("c.expires_on", ">=", today).where("c.expires_on", "<=", inWindow(EXPIRING_DAYS, now));
  }
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    query = query.where(sql<SqlBool>`(${sql.ref("p.name")} like ${pattern} escape '!' or ${sql.ref("p.employee_no")} = ${filters.q})`);
  }
  return query;
}

/** Rows an Excel export may hold: a city's certificates fit comfortably. */
export const EXPORT_LIMIT = 50_000;

/** One page of the list, or with page "all" every row up to EXPORT_LIMIT (the Excel export). */
export async function listCertificates(db: Db, viewer: Principal, filters: CertificateFilters, page: number | "all", now = Date.now()) {
  const { limit, offset } = page === "all" ? { limit: EXPORT_LIMIT, offset: 0 } : pageWindow(page);
  const today = dateInShanghai(now);
  const [count, rows] = await Promise.all([
    scoped(db, viewer, filters, now).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    scoped(db, viewer, filters, now)
      .select(["c.id", "c.number", "c.type", "c.issued_on", "c.expires_on", "c.status", "c.revoke_reason", "p.id as holderId", "p.name", "p.employee_no", "o.name as unitName", "e.title"])
      .orderBy("c.expires_on")
      .orderBy("c.id")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const items: CertificateListRow[] = rows.map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type as CertificateType,
    typeLabel: CERTIFICATE_TYPES[r.type as CertificateType] ?? r.type,
    holderId: r.holderId,
    holderName: r.name,
    employeeNo: r.employee_no,
    unitName: r.unitName,
    examTitle: r.title,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    state: certificateState(r, today),
    stateLabel: STATE_LABELS[certificateState(r, today)],
    revokeReason: r.revoke_reason,
  }));
  return { total: Number(count.n), items };
}

export class CertificateRefusal extends Error {}

export const mayRevoke = (viewer: Principal) => hasRole(viewer, "admin") || hasRole(viewer, "hr");

/** Revokes a valid certificate (admin/HR only; within scope); the reason is kept. */
export async function revokeCertificate(db: Db, viewer: Principal, input: { id: number; reason: string }, now = Date.now()): Promise<void> {
  if (!mayRevoke(viewer)) throw new CertificateRefusal("只有管理员或人事可以吊销证书");
  const target = await scoped(db, viewer, { expiring: false, q: undefined }, now).select(["c.id", "c.status"]).where("c.id", "=", input.id).executeTakeFirst();
  if (!target) throw new CertificateRefusal("证书不存在");
  if (target.status === "revoked") throw new CertificateRefusal("该证书已吊销");
  await db
    .updateTable("certificates")
    .set({ status: "revoked", revoked_at: now, revoke_reason: input.reason })
    .where("id", "=", input.id)
    .where("status", "=", "valid")
    .execute();
}
