import type { Db } from "#db/client";
import { grantOf } from "./grants";
import type { AppLucia } from "./lucia.server";
import { SESSION_ABSOLUTE_MS } from "./lucia.server";
import type { Principal, RoleGrant } from "./permissions";

/** The signed-in person as every loader sees them. */
export interface SessionUser extends Principal {
  id: number;
  sessionId: string;
  name: string;
  employeeNo: string;
  orgUnitId: number;
  orgPath: string;
  tier: string;
  post: string;
  mustChangePassword: boolean;
}

export interface ResolvedSession {
  user: SessionUser | null;
  /** A Set-Cookie value to send back (a refreshed or a cleared cookie), if any. */
  setCookie: string | null;
}

export async function loadGrants(db: Db, personId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom("role_assignments as r")
    .leftJoin("org_units as o", "o.id", "r.scope_org_unit_id")
    .select(["r.role", "r.scope_org_unit_id", "o.path"])
    .where("r.person_id", "=", personId)
    .execute();
  return rows.map(grantOf);
}

/** Validates the session cookie of a request: idle expiry (lucia), absolute expiry (ours). */
export async function resolveSession(db: Db, lucia: AppLucia, cookieHeader: string | null, now = Date.now()): Promise<ResolvedSession> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return { user: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  if (now - session.createdAt > SESSION_ABSOLUTE_MS) {
    await lucia.invalidateSession(session.id);
    return { user: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  return {
    user: {
      id: user.id,
      sessionId: session.id,
      name: user.name,
      employeeNo: user.employeeNo,
      orgUnitId: user.orgUnitId,
      orgPath: user.orgPath,
      tier: user.tier,
      post: user.post,
      mustChangePassword: user.mustChangePassword,
      grants: user.grants,
    },
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

export async function startSession(
  lucia: AppLucia,
  personId: number,
  meta: { clientAddress: string | null; userAgent: string | null },
  now = Date.now(),
): Promise<string> {
  const session = await lucia.createSession(personId, {
    created_at: now,
    client_address: meta.clientAddress,
    user_agent: meta.userAgent,
  });
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(lucia: AppLucia, sessionId: string): Promise<string> {
  await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of a person (deactivation, password reset). Works without lucia. */
export async function revokeUserSessions(db: Db, personId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", personId).execute();
}

export async function deleteExpiredSessions(db: Db, now = Date.now()): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("created_at", "<=", now - SESSION_ABSOLUTE_MS)]))
    .execute();
}
