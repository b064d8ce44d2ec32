/** A rule of course authoring was broken (publish without lessons, removing the last owner…). */
export class CourseRuleError extends Error {}

/** Input that fails a check the form schema cannot make alone (a taken category code…), by field. */
export class CourseInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors)[0] ?? "输入有误");
  }
}
