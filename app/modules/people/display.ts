// How person data is shown to whom. Pure.
import { can, type Principal } from "~/modules/auth/permissions";

/** "13812341234" → "138****1234"; anything that is not 11 characters is masked whole. */
export function maskMobile(mobile: string | null): string | null {
  if (!mobile) return mobile;
  if (mobile.length !== 11) return "*".repeat(mobile.length);
  return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
}

/**
 * Contact details are for the people who maintain the record (hr, admin: `person:write` over the
 * person's unit); managers who only read see the mobile masked.
 */
export function seesFullMobile(principal: Principal, unitPath: string): boolean {
  return can(principal, "person:write", unitPath);
}

export function mobileFor(principal: Principal, unitPath: string, mobile: string | null): string | null {
  return seesFullMobile(principal, unitPath) ? mobile : maskMobile(mobile);
}
