// Who may change a course: a pure rule over plain data, unit-tested on its own.
import { can, hasRole, type Principal } from "~/modules/auth/permissions";

/** "edit": may change it; "read": may see it in authoring; "none": 404. */
export type CourseAccess = "edit" | "read" | "none";

/**
 * Admins may edit every course. Other course authors may edit the courses they own, and imported
 * courses, which have no owners until someone takes them on; every other course they may only
 * read. People who may not author courses do not see authoring at all.
 */
export function courseAccess(principal: Principal, course: { ownerIds: readonly number[] }): CourseAccess {
  if (!can(principal, "course:author")) return "none";
  if (hasRole(principal, "admin")) return "edit";
  if (course.ownerIds.length === 0) return "edit";
  return course.ownerIds.includes(principal.id) ? "edit" : "read";
}

export function canEditCourse(principal: Principal, course: { ownerIds: readonly number[] }): boolean {
  return courseAccess(principal, course) === "edit";
}
