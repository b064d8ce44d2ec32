import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Db } from "#db/client";
import { grantOf } from "./grants";

/**
 * Lucia v3 adapter over Kysely, in the SQL subset SQLite and MySQL share. The user row is the
 * person joined with their account; people who left (status != active) have no valid session.
 */
export class KyselyLuciaAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    // One query for everything a request needs to know about its person: the unit's path for scope
    // checks and the role grants ride along (one row per grant), so no request pays three queries.
    const rows = await this.db
      .selectFrom("sessions as s")
      .innerJoin("persons as p", "p.id", "s.user_id")
      .innerJoin("accounts as a", "a.person_id", "p.id")
      .innerJoin("org_units as o", "o.id", "p.org_unit_id")
      .leftJoin("role_assignments as r", "r.person_id", "p.id")
      .leftJoin("org_units as ro", "ro.id", "r.scope_org_unit_id")
      .select([
        "s.id",
        "s.user_id",
        "s.expires_at",
        "s.created_at",
        "p.name",
        "p.employee_no",
        "p.org_unit_id",
        "o.path as org_path",
        "p.tier",
        "p.post",
        "a.must_change_password",
        "r.role",
        "r.scope_org_unit_id",
        "ro.path as scope_path",
      ])
      .where("s.id", "=", sessionId)
      .where("p.status", "=", "active")
      .execute();
    const row = rows[0];
    if (!row) return [null, null];
    const grants = rows.flatMap((r) => (r.role === null ? [] : [grantOf({ role: r.role, scope_org_unit_id: r.scope_org_unit_id, path: r.scope_path })]));
    return [
      { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: { created_at: row.created_at } },
      {
        id: row.user_id,
        attributes: {
          name: row.name,
          employee_no: row.employee_no,
          org_unit_id: row.org_unit_id,
          org_path: row.org_path,
          tier: row.tier,
          post: row.post,
          must_change_password: row.must_change_password,
          grants,
        },
      },
    ];
  }

  async getUserSessions(userId: number): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      expiresAt: new Date(r.expires_at),
      attributes: { created_at: r.created_at },
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt.getTime(),
        created_at: session.attributes.created_at,
        client_address: session.attributes.client_address ?? null,
        user_agent: session.attributes.user_agent?.slice(0, 255) ?? null,
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable("sessions").set({ expires_at: expiresAt.getTime() }).where("id", "=", sessionId).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
  }

  async deleteUserSessions(userId: number): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom("sessions").where("expires_at", "<=", Date.now()).execute();
  }
}
