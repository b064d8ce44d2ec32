// Expected failures of the people module, turned into Chinese messages by the routes.

/** Input that the database rejects (duplicate 工号, unknown unit…), keyed by form field. */
export class PersonInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join("；"));
    this.name = "PersonInputError";
  }
}

/** An operation refused by a rule (deactivating oneself, a duplicate role…): one form message. */
export class PeopleRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PeopleRuleError";
  }
}

/** Which unique column a driver error is about, on SQLite and MySQL alike; null if none. */
export function uniqueViolationColumn(error: unknown): "employee_no" | "mobile" | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: string }).code ?? "";
  const isUnique = code === "ER_DUP_ENTRY" || code.startsWith("SQLITE_CONSTRAINT");
  if (!isUnique) return null;
  if (error.message.includes("employee_no")) return "employee_no";
  if (error.message.includes("mobile")) return "mobile";
  return null;
}
