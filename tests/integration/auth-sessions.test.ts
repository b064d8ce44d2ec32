import { beforeAll, expect, it } from "vitest";
import { createLucia, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "~/modules/auth/lucia.server";
import { deleteExpiredSessions, resolveSession, revokeUserSessions, startSession } from "~/modules/auth/session.server";
import { forEachDialect } from "../support/test-db";
import { makePerson, makeUnit } from "../support/fixtures";

function cookieHeader(setCookie: string): string {
  return setCookie.split(";")[0];
}

forEachDialect("sessions", (get) => {
  let unit: Awaited<ReturnType<typeof makeUnit>>;
  let station: Awaited<ReturnType<typeof makeUnit>>;
  beforeAll(async () => {
    unit = await makeUnit(get().db, null, "city", "市局");
    station = await makeUnit(get().db, unit, "district", "西湖区");
  });

  const lucia = () => createLucia(get().db, { secureCookies: true });
  const meta = { clientAddress: "10.0.0.1", userAgent: "vitest" };

  it("creates a session whose HttpOnly, SameSite=Lax, Secure cookie resolves to the person with roles and unit path", async () => {
    const person = await makePerson(get().db, station.id, { roles: [{ role: "trainee" }, { role: "manager", scope: station.id }] });
    const setCookie = await startSession(lucia(), person.id, meta);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Secure/i);
    const resolved = await resolveSession(get().db, lucia(), cookieHeader(setCookie));
    expect(resolved.user?.id).toBe(person.id);
    expect(resolved.user?.orgPath).toBe(station.path);
    expect(resolved.user?.grants).toEqual(
      expect.arrayContaining([
        { role: "trainee", scopeOrgUnitId: null, scopePath: null },
        { role: "manager", scopeOrgUnitId: station.id, scopePath: station.path },
      ]),
    );
    // One row per grant comes back from the session query: each grant once, a person without roles has none.
    expect(resolved.user?.grants).toHaveLength(2);
    const plain = await makePerson(get().db, station.id, { roles: [] });
    expect((await resolveSession(get().db, lucia(), cookieHeader(await startSession(lucia(), plain.id, meta)))).user?.grants).toEqual([]);
    const stored = await get().db.selectFrom("sessions").selectAll().where("user_id", "=", person.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].client_address).toBe("10.0.0.1");
  });

  it("rejects an unknown session id and asks the browser to drop the cookie", async () => {
    const resolved = await resolveSession(get().db, lucia(), `${SESSION_COOKIE}=not-a-real-session`);
    expect(resolved.user).toBeNull();
    expect(resolved.setCookie).toMatch(/Max-Age=0/i);
  });

  it("expires an idle session and deletes it", async () => {
    const person = await makePerson(get().db, station.id);
    const setCookie = await startSession(lucia(), person.id, meta);
    await get().db.updateTable("sessions").set({ expires_at: Date.now() - 1000 }).where("user_id", "=", person.id).execute();
    const resolved = await resolveSession(get().db, lucia(), cookieHeader(setCookie));
    expect(resolved.user).toBeNull();
    const left = await get().db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute();
    expect(left).toHaveLength(0);
  });

  it("extends an active session in its second half (sliding idle expiry)", async () => {
    const person = await makePerson(get().db, station.id);
    const setCookie = await startSession(lucia(), person.id, meta);
    const soon = Date.now() + 60_000; // well inside the second half of an 8-hour window
    await get().db.updateTable("sessions").set({ expires_at: soon }).where("user_id", "=", person.id).execute();
    const resolved = await resolveSession(get().db, lucia(), cookieHeader(setCookie));
    expect(resolved.user?.id).toBe(person.id);
    expect(resolved.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    const row = await get().db.selectFrom("sessions").select("expires_at").where("user_id", "=", person.id).executeTakeFirstOrThrow();
    expect(row.expires_at).toBeGreaterThan(soon);
  });

  it("ends a session past its absolute lifetime however active it was", async () => {
    const person = await makePerson(get().db, station.id);
    const setCookie = await startSession(lucia(), person.id, meta, Date.now() - SESSION_ABSOLUTE_MS - 1000);
    const resolved = await resolveSession(get().db, lucia(), cookieHeader(setCookie));
    expect(resolved.user).toBeNull();
    const left = await get().db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute();
    expect(left).toHaveLength(0);
  });

  it("stops honouring sessions of a person who left, and revocation deletes them", async () => {
    const person = await makePerson(get().db, station.id);
    const first = await startSession(lucia(), person.id, meta);
    await startSession(lucia(), person.id, meta);
    await get().db.updateTable("persons").set({ status: "left" }).where("id", "=", person.id).execute();
    expect((await resolveSession(get().db, lucia(), cookieHeader(first))).user).toBeNull();
    await revokeUserSessions(get().db, person.id);
    const left = await get().db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute();
    expect(left).toHaveLength(0);
  });

  it("sweeps expired sessions and keeps live ones", async () => {
    const person = await makePerson(get().db, station.id);
    await startSession(lucia(), person.id, meta);
    const stale = await makePerson(get().db, station.id);
    await startSession(lucia(), stale.id, meta);
    await get().db.updateTable("sessions").set({ expires_at: 1 }).where("user_id", "=", stale.id).execute();
    await deleteExpiredSessions(get().db);
    const users = (await get().db.selectFrom("sessions").select("user_id").execute()).map((r) => r.user_id);
    expect(users).toContain(person.id);
    expect(users).not.toContain(stale.id);
  });
});
