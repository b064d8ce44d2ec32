// Which unit a person belonged to when: one row per stay, valid_from inclusive, valid_to exclusive
// (null while it lasts). Results, certificates and learning records store personUnitAt(...).
import type { Db } from "#db/client";

/** Opens the first history row of a new person, or the next one after a move. */
export async function openUnitStay(db: Db, personId: number, orgUnitId: number, now: number): Promise<void> {
  await db.insertInto("person_org_history").values({ person_id: personId, org_unit_id: orgUnitId, valid_from: now, valid_to: null }).execute();
}

/** Moves a person's history to a new unit: closes the open stay at `now`, opens the next. */
export async function recordMove(db: Db, personId: number, orgUnitId: number, now: number): Promise<void> {
  await db
    .updateTable("person_org_history")
    .set({ valid_to: now })
    .where("person_id", "=", personId)
    .where("valid_to", "is", null)
    .execute();
  await openUnitStay(db, personId, orgUnitId, now);
}

/**
 * The org unit id the person belonged to at `instant` (epoch ms). Instants before the first
 * recorded stay answer the earliest known unit (records imported from before registration still
 * need a unit); a person without any history answers their current unit; an unknown person null.
 */
export async function personUnitAt(db: Db, personId: number, instant: number): Promise<number | null> {
  const stay = await db
    .selectFrom("person_org_history")
    .select("org_unit_id")
    .where("person_id", "=", personId)
    .where("valid_from", "<=", instant)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", instant)]))
    .orderBy("valid_from", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (stay) return stay.org_unit_id;
  const earliest = await db
    .selectFrom("person_org_history")
    .select(["org_unit_id", "valid_from"])
    .where("person_id", "=", personId)
    .orderBy("valid_from")
    .orderBy("id")
    .executeTakeFirst();
  if (earliest) return earliest.valid_from > instant ? earliest.org_unit_id : null;
  const person = await db.selectFrom("persons").select("org_unit_id").where("id", "=", personId).executeTakeFirst();
  return person?.org_unit_id ?? null;
}

export interface UnitStay {
  id: number;
  orgUnitId: number;
  unitName: string;
  unitCode: string;
  validFrom: number;
  validTo: number | null;
}

/** A person's stays, newest first. */
export async function unitHistoryOf(db: Db, personId: number): Promise<UnitStay[]> {
  const rows = await db
    .selectFrom("person_org_history as h")
    .innerJoin("org_units as o", "o.id", "h.org_unit_id")
    .select(["h.id", "h.org_unit_id", "o.name", "o.code", "h.valid_from", "h.valid_to"])
    .where("h.person_id", "=", personId)
    .orderBy("h.valid_from", "desc")
    .orderBy("h.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgUnitId: r.org_unit_id,
    unitName: r.name,
    unitCode: r.code,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}
