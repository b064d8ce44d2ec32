// How instructor contact details are shown to whom. Pure.
import { maskMobile } from "~/modules/people/display";

/** "zhang.wei@example.cn" → "z***@example.cn". */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.lastIndexOf("@");
  if (at <= 0) return "*".repeat(email.length);
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * Contact details in full for the people who maintain the pool (`instructor:manage`); everyone
 * else who may read the pool (station chiefs, instructors) sees them masked.
 */
export function contactFor(fullAccess: boolean, contact: { mobile: string | null; email: string | null }) {
  return fullAccess ? { mobile: contact.mobile, email: contact.email } : { mobile: maskMobile(contact.mobile), email: maskEmail(contact.email) };
}
