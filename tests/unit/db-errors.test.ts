import { describe, expect, it } from "vitest";
import { isTransientDbError, isUniqueViolation } from "#db/sql-helpers";

const err = (fields: Record<string, unknown>) => Object.assign(new Error("db"), fields);

describe("isTransientDbError", () => {
  it.each([
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "EPIPE",
    "PROTOCOL_CONNECTION_LOST",
    "PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR",
    "ER_SERVER_SHUTDOWN",
    "ER_CON_COUNT_ERROR",
    "ER_LOCK_DEADLOCK",
    "ER_LOCK_WAIT_TIMEOUT",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
  ])("retries %s", (code) => {
    expect(isTransientDbError(err({ code }))).toBe(true);
  });

  it("retries a fatal connection error whatever its socket code, and a wrapped one", () => {
    expect(isTransientDbError(err({ code: "EHOSTUNREACH", fatal: true }))).toBe(true);
    expect(isTransientDbError(err({ cause: err({ cause: err({ code: "ECONNREFUSED" }) }) }))).toBe(true);
  });

  it("does not retry what a retry cannot fix", () => {
    for (const code of ["ER_DUP_ENTRY", "ER_PARSE_ERROR", "ER_NO_SUCH_TABLE", "SQLITE_CONSTRAINT_NOTNULL", "SQLITE_ERROR", "ER_BAD_FIELD_ERROR"]) {
      expect(isTransientDbError(err({ code })), code).toBe(false);
    }
    // A fatal SQL error (the server rejected the statement) is not a lost connection.
    expect(isTransientDbError(err({ code: "ER_ACCESS_DENIED_ERROR", fatal: true }))).toBe(false);
    for (const value of [null, undefined, "ECONNREFUSED", 42, new Error("plain")]) expect(isTransientDbError(value)).toBe(false);
  });

  it("keeps unique violations apart from transient errors", () => {
    expect(isUniqueViolation(err({ code: "ER_DUP_ENTRY" }))).toBe(true);
    expect(isTransientDbError(err({ code: "ER_DUP_ENTRY" }))).toBe(false);
  });
});
