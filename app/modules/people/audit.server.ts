import type { Db } from "#db/client";

export interface AuditEntry {
  actorId: number | null;
  /** Dotted verb, e.g. "person.create", "role.assign", "person.import". */
  action: string;
  targetType: string;
  targetId: string | number | null;
  detail?: unknown;
}

/** Appends one row to the audit log (inside the caller's transaction when given one). */
export async function writeAudit(db: Db, entry: AuditEntry, now = Date.now()): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId === null ? null : String(entry.targetId),
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      at: now,
    })
    .execute();
}
