import type { z } from "zod";

/** The text fields of a submitted form (files are left out), for zod and for re-filling the form. */
export function formStrings(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") out[key] = value;
  return out;
}

/** zod issues as one Chinese message per field, rendered next to that field. */
export function issuesByField(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_form");
    out[key] ??= issue.message;
  }
  return out;
}

/** What to put back into the form after a failed submit: never the password. */
export function refill(values: Record<string, string>): Record<string, string> {
  const { initialPassword: _omit, ...rest } = values;
  return rest;
}
