// Expected failures of the instructor pool, turned into Chinese messages by the routes.

/** Input the database rejects (unknown 工号, person already in the pool…), keyed by form field. */
export class InstructorInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join("；"));
    this.name = "InstructorInputError";
  }
}

/** An operation refused by a rule (rating a deactivated instructor…): one form message. */
export class InstructorRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstructorRuleError";
  }
}
