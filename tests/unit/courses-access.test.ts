import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import { canEditCourse, courseAccess } from "~/modules/courses/access";
import type { Principal } from "~/modules/auth/permissions";

const person = (id: number, ...roles: Role[]): Principal => ({
  id,
  grants: roles.map((role) => ({ role, scopeOrgUnitId: null, scopePath: null })),
});

describe("courseAccess", () => {
  const owned = { ownerIds: [10, 11] };
  const imported = { ownerIds: [] };

  it("lets admins edit every course", () => {
    expect(courseAccess(person(1, "admin"), owned)).toBe("edit");
    expect(courseAccess(person(1, "admin"), imported)).toBe("edit");
  });

  it("lets owners edit their course", () => {
    expect(courseAccess(person(10, "instructor"), owned)).toBe("edit");
    expect(courseAccess(person(11, "trainee", "instructor"), owned)).toBe("edit");
  });

  it("lets any instructor edit an imported course without owners", () => {
    expect(courseAccess(person(20, "instructor"), imported)).toBe("edit");
  });

  it("shows other instructors' courses read-only", () => {
    expect(courseAccess(person(20, "instructor"), owned)).toBe("read");
    expect(canEditCourse(person(20, "instructor"), owned)).toBe(false);
  });

  it("hides authoring from people who may not author, owners list or not", () => {
    expect(courseAccess(person(10, "trainee"), owned)).toBe("none");
    expect(courseAccess(person(30, "hr", "manager"), imported)).toBe("none");
    // Still listed as owner after losing the instructor role: no access.
    expect(courseAccess(person(11, "trainee"), owned)).toBe("none");
  });
});
