// Who may do what with a question bank: pure rules over plain data, unit-tested on their own.
import { can, hasRole, type Principal } from "~/modules/auth/permissions";
import type { BankMemberRole } from "#db/schema";

/** "manage": members and bank settings too; "edit": questions; "read": browse and export; "none": 404. */
export type BankAccess = "manage" | "edit" | "read" | "none";

export interface BankMembership {
  members: ReadonlyArray<{ personId: number; role: BankMemberRole }>;
}

/**
 * Admins manage every bank. Owners manage theirs and editors write questions in it. A bank with no
 * members (imported from content/) may be taken on by any question author; every other author may
 * read all banks, because papers draw from banks across the bureau.
 */
export function bankAccess(principal: Principal, bank: BankMembership): BankAccess {
  if (!can(principal, "bank:author")) return "none";
  if (hasRole(principal, "admin")) return "manage";
  if (bank.members.length === 0) return "manage";
  const mine = bank.members.find((m) => m.personId === principal.id);
  if (mine?.role === "owner") return "manage";
  if (mine?.role === "editor") return "edit";
  return "read";
}

export const canEditBank = (access: BankAccess) => access === "manage" || access === "edit";
