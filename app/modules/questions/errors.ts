/** A rule of bank or question authoring was broken (removing the last owner, editing a retired question…). */
export class BankRuleError extends Error {}

/** Input that fails a check the form schema cannot make alone (a taken bank key…), by field. */
export class BankInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors)[0] ?? "输入有误");
  }
}
