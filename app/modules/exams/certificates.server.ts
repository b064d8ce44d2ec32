// Certificates (执法证, 辅助人员工作证): issued once per passing attempt of a certificate exam, with
// a random number for the public verification page, the holder's unit at that moment, and an
// expiry from the exam's validity. Expiry is computed from the date; revocation is a status.
import { randomInt } from "node:crypto";
import { addMonths, format } from "date-fns";
import { TZDate } from "@date-fns/tz";
import type { Db } from "#db/client";
import { isUniqueViolation } from "#db/sql-helpers";
import { writeLearningRecord } from "~/modules/records/records.server";
import { personUnitAt } from "~/modules/people/history.server";

export const CERTIFICATE_TYPES = { enforcement: "执法证", auxiliary: "辅助人员工作证" } as const;
export type CertificateType = keyof typeof CERTIFICATE_TYPES;
const PREFIX: Record<CertificateType, string> = { enforcement: "ZF", auxiliary: "FZ" };
/** No 0/O, 1/I/L: numbers are read aloud and typed from paper. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const DEFAULT_VALID_MONTHS = 36;
const ZONE = "Asia/Shanghai";

/** A random certificate number such as ZF-2026-7KQ4-M9XD (about 2^40 possibilities per type and year). */
export function newCertificateNumber(type: CertificateType, year: number): string {
  const block = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${PREFIX[type]}-${year}-${block()}-${block()}`;
}

export const dateInShanghai = (instant: number) => format(new TZDate(instant, ZONE), "yyyy-MM-dd");

/** Issues the certificate of a passing certificate-exam attempt; a second call returns the first. */
export async function issueCertificate(db: Db, attemptId: number, now: number): Promise<{ id: number; number: string; created: boolean }> {
  const existing = await db.selectFrom("certificates").select(["id", "number"]).where("attempt_id", "=", attemptId).executeTakeFirst();
  if (existing) return { ...existing, created: false };
  const attempt = await db
    .selectFrom("attempts as a")
    .innerJoin("exams as e", "e.id", "a.exam_id")
    .select(["a.person_id", "a.exam_id", "a.finished_at", "e.certificate_type", "e.certificate_valid_months", "e.title"])
    .where("a.id", "=", attemptId)
    .executeTakeFirstOrThrow();
  const type = (attempt.certificate_type ?? "enforcement") as CertificateType;
  const issuedAt = attempt.finished_at ?? now;
  const issuedOn = dateInShanghai(issuedAt);
  const expiresOn = format(addMonths(new TZDate(issuedAt, ZONE), attempt.certificate_valid_months ?? DEFAULT_VALID_MONTHS), "yyyy-MM-dd");
  const orgUnitId = (await personUnitAt(db, attempt.person_id, issuedAt))!;
  for (let tries = 0; ; tries++) {
    const number = newCertificateNumber(type, Number(issuedOn.slice(0, 4)));
    try {
      await db
        .insertInto("certificates")
        .values({ number, person_id: attempt.person_id, type, exam_id: attempt.exam_id, attempt_id: attemptId, org_unit_id: orgUnitId, issued_on: issuedOn, expires_on: expiresOn, created_at: now })
        .execute();
      const row = await db.selectFrom("certificates").select("id").where("number", "=", number).executeTakeFirstOrThrow();
      await writeLearningRecord(db, {
        personId: attempt.person_id,
        kind: "certificate_issued",
        sourceType: "certificate",
        sourceId: row.id,
        title: `${CERTIFICATE_TYPES[type]}（${attempt.title}）`,
        hoursX100: 0,
        occurredAt: issuedAt,
        detail: { number, expiresOn },
      });
      return { id: row.id, number, created: true };
    } catch (error) {
      if (!isUniqueViolation(error) || tries >= 5) throw error;
      // Either the number collided (try another) or this attempt got its certificate meanwhile.
      const raced = await db.selectFrom("certificates").select(["id", "number"]).where("attempt_id", "=", attemptId).executeTakeFirst();
      if (raced) return { ...raced, created: false };
    }
  }
}

export async function revokeCertificateOfAttempt(db: Db, attemptId: number, reason: string, now: number): Promise<void> {
  await db.updateTable("certificates").set({ status: "revoked", revoked_at: now, revoke_reason: reason }).where("attempt_id", "=", attemptId).where("status", "=", "valid").execute();
}

export type CertificateState = "valid" | "expired" | "revoked";

export function certificateState(row: { status: string; expires_on: string }, today: string): CertificateState {
  if (row.status === "revoked") return "revoked";
  return row.expires_on < today ? "expired" : "valid";
}

/** "张三" → "张*", "欧阳娜娜" → "欧**娜": enough to recognise, not to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The public view of a certificate by number: type, validity, masked holder; null when unknown. */
export async function verifyCertificate(db: Db, number: string, now = Date.now()) {
  const row = await db
    .selectFrom("certificates as c")
    .innerJoin("persons as p", "p.id", "c.person_id")
    .select(["c.number", "c.type", "c.issued_on", "c.expires_on", "c.status", "p.name"])
    .where("c.number", "=", number.trim().toUpperCase())
    .executeTakeFirst();
  if (!row) return null;
  return {
    number: row.number,
    type: row.type as CertificateType,
    typeLabel: CERTIFICATE_TYPES[row.type as CertificateType] ?? row.type,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    state: certificateState(row, dateInShanghai(now)),
    holder: maskName(row.name),
  };
}
