import { beforeAll, expect, it } from "vitest";
import { attemptLogin, changePassword } from "~/modules/auth/login.server";
import { THROTTLE_RULES } from "~/modules/auth/throttle";
import { forEachDialect } from "../support/test-db";
import { makePerson, makeUnit, TEST_PASSWORD } from "../support/fixtures";

forEachDialect("login and throttling", (get) => {
  let unitId: number;
  beforeAll(async () => {
    unitId = (await makeUnit(get().db, null, "city", "市局")).id;
  });

  it("logs in by 工号 or by mobile", async () => {
    const person = await makePerson(get().db, unitId, { mobile: "13900001111", mustChange: true });
    const byNo = await attemptLogin(get().db, { identifier: person.employeeNo, password: TEST_PASSWORD, clientAddress: "10.1.0.1" });
    expect(byNo).toEqual({ ok: true, personId: person.id, mustChangePassword: true });
    const byMobile = await attemptLogin(get().db, { identifier: " 13900001111 ", password: TEST_PASSWORD, clientAddress: "10.1.0.1" });
    expect(byMobile.ok).toBe(true);
  });

  it("answers the same for an unknown account and a wrong password", async () => {
    const person = await makePerson(get().db, unitId);
    const wrong = await attemptLogin(get().db, { identifier: person.employeeNo, password: "nope-nope-nope", clientAddress: "10.1.0.2" });
    const unknown = await attemptLogin(get().db, { identifier: "NOBODY-123", password: "nope-nope-nope", clientAddress: "10.1.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses people who left", async () => {
    const person = await makePerson(get().db, unitId);
    await get().db.updateTable("persons").set({ status: "left" }).where("id", "=", person.id).execute();
    const result = await attemptLogin(get().db, { identifier: person.employeeNo, password: TEST_PASSWORD, clientAddress: "10.1.0.3" });
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles repeated failures from one address, even with the right password, with a growing delay", async () => {
    const person = await makePerson(get().db, unitId);
    const address = "10.1.0.4";
    const free = THROTTLE_RULES.accountAddress.free;
    let now = 1_800_000_000_000;
    for (let i = 0; i < free; i++) {
      const r = await attemptLogin(get().db, { identifier: person.employeeNo, password: "bad-guess-1", clientAddress: address }, now);
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    // One more failure starts the delay.
    await attemptLogin(get().db, { identifier: person.employeeNo, password: "bad-guess-2", clientAddress: address }, now);
    const blocked = await attemptLogin(get().db, { identifier: person.employeeNo, password: TEST_PASSWORD, clientAddress: address }, now + 500);
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    const firstDelay = (blocked as { retryAfterMs: number }).retryAfterMs;
    // After the delay one more failure blocks for twice as long.
    now += 10_000;
    await attemptLogin(get().db, { identifier: person.employeeNo, password: "bad-guess-3", clientAddress: address }, now);
    const blockedAgain = await attemptLogin(get().db, { identifier: person.employeeNo, password: TEST_PASSWORD, clientAddress: address }, now);
    expect(blockedAgain).toMatchObject({ ok: false, reason: "throttled" });
    expect((blockedAgain as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(firstDelay);
  });

  it("does not lock the owner out from their own address while someone guesses from elsewhere", async () => {
    const person = await makePerson(get().db, unitId);
    const now = 1_800_000_100_000;
    for (let i = 0; i < THROTTLE_RULES.accountAddress.free + 3; i++) {
      await attemptLogin(get().db, { identifier: person.employeeNo, password: `guess-${i}-xx`, clientAddress: "198.51.100.9" }, now);
    }
    const owner = await attemptLogin(get().db, { identifier: person.employeeNo, password: TEST_PASSWORD, clientAddress: "10.1.0.5" }, now);
    expect(owner.ok).toBe(true);
  });

  it("changing the password clears the must-change flag and the old password stops working", async () => {
    const person = await makePerson(get().db, unitId, { mustChange: true });
    await changePassword(get().db, person.id, "New#Lantern-2026");
    const old = await attemptLogin(get().db, { identifier: person.employeeNo, password: TEST_PASSWORD, clientAddress: "10.1.0.6" });
    expect(old.ok).toBe(false);
    const fresh = await attemptLogin(get().db, { identifier: person.employeeNo, password: "New#Lantern-2026", clientAddress: "10.1.0.6" });
    expect(fresh).toEqual({ ok: true, personId: person.id, mustChangePassword: false });
  });
});
