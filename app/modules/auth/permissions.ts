// Roles, the actions each allows, and scope: pure functions of plain data, no I/O.
import type { Role } from "#db/schema";

export const ROLES: readonly Role[] = ["trainee", "instructor", "manager", "hr", "admin"];

export const ROLE_LABELS: Record<Role, string> = {
  trainee: "学员",
  instructor: "教员",
  manager: "单位管理员",
  hr: "人事",
  admin: "系统管理员",
};

export type Action =
  | "self:read"
  | "org:read"
  | "org:write"
  | "person:read"
  | "person:write"
  | "person:import"
  | "role:assign"
  | "study"
  | "course:author"
  | "course:assign"
  | "syllabus:manage"
  | "instructor:read"
  | "instructor:manage"
  | "report:study"
  | "bank:author"
  | "exam:author"
  | "exam:grade"
  | "report:exam"
  | "certificate:read";

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  trainee: ["self:read", "study"],
  instructor: ["self:read", "course:author", "bank:author", "exam:author", "exam:grade", "report:exam", "instructor:read"],
  manager: ["self:read", "org:read", "person:read", "course:assign", "report:study", "report:exam", "certificate:read", "instructor:read"],
  hr: [
    "self:read",
    "org:read",
    "person:read",
    "person:write",
    "person:import",
    "course:assign",
    "report:study",
    "report:exam",
    "certificate:read",
    "syllabus:manage",
    "instructor:read",
    "instructor:manage",
  ],
  admin: [
    "self:read",
    "org:read",
    "org:write",
    "person:read",
    "person:write",
    "person:import",
    "role:assign",
    "course:author",
    "bank:author",
    "exam:author",
    "exam:grade",
    "course:assign",
    "syllabus:manage",
    "instructor:read",
    "instructor:manage",
    "report:study",
    "report:exam",
    "certificate:read",
  ],
};

/** One role a person holds, with the org subtree it covers (null: the whole city). */
export interface RoleGrant {
  role: Role;
  scopeOrgUnitId: number | null;
  /** Materialised path of the scope unit, e.g. "/1/4/"; null for city-wide. */
  scopePath: string | null;
}

export interface Principal {
  id: number;
  grants: readonly RoleGrant[];
}

export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.grants.some((g) => g.role === role);
}

/**
 * Where `principal` may perform `action`: "all" (city-wide), the list of subtree paths (no path
 * inside another), or an empty list when nowhere.
 */
export function scopesFor(principal: Principal, action: Action): "all" | string[] {
  const paths: string[] = [];
  for (const grant of principal.grants) {
    if (!roleAllows(grant.role, action)) continue;
    if (grant.scopePath === null) return "all";
    paths.push(grant.scopePath);
  }
  return minimalPaths(paths);
}

/** Drops paths that lie inside another path of the list, and duplicates. */
export function minimalPaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const path of sorted) {
    if (!kept.some((outer) => path.startsWith(outer))) kept.push(path);
  }
  return kept;
}

/** True when `path` lies in the subtree of `scopePath` (both materialised paths ending in "/"). */
export function pathWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/**
 * May `principal` perform `action`? With a target path, only if the target lies in one of the
 * principal's scopes for that action; without, if they may perform it anywhere (lists are then
 * narrowed to their scopes by the query).
 */
export function can(principal: Principal, action: Action, targetPath?: string): boolean {
  const scopes = scopesFor(principal, action);
  if (scopes === "all") return true;
  if (targetPath === undefined) return scopes.length > 0;
  return scopes.some((scope) => pathWithin(targetPath, scope));
}
