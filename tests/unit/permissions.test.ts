import { describe, expect, it } from "vitest";
import { can, minimalPaths, scopesFor, type Principal } from "~/modules/auth/permissions";
import { navigationFor } from "~/modules/auth/navigation";

const station = "/1/4/17/";
const district = "/1/4/";
const otherDistrict = "/1/5/";

const trainee: Principal = { id: 1, grants: [{ role: "trainee", scopeOrgUnitId: null, scopePath: null }] };
const stationManager: Principal = {
  id: 2,
  grants: [
    { role: "trainee", scopeOrgUnitId: null, scopePath: null },
    { role: "manager", scopeOrgUnitId: 17, scopePath: station },
  ],
};
const hr: Principal = { id: 3, grants: [{ role: "hr", scopeOrgUnitId: null, scopePath: null }] };
const admin: Principal = { id: 4, grants: [{ role: "admin", scopeOrgUnitId: null, scopePath: null }] };
const twoScopes: Principal = {
  id: 5,
  grants: [
    { role: "manager", scopeOrgUnitId: 17, scopePath: station },
    { role: "manager", scopeOrgUnitId: 4, scopePath: district },
    { role: "manager", scopeOrgUnitId: 5, scopePath: otherDistrict },
  ],
};

describe("can", () => {
  it("gives a trainee nothing administrative", () => {
    for (const action of ["org:read", "org:write", "person:read", "person:write", "person:import", "role:assign"] as const) {
      expect(can(trainee, action)).toBe(false);
      expect(can(trainee, action, station)).toBe(false);
    }
    expect(can(trainee, "self:read")).toBe(true);
    expect(can(trainee, "study")).toBe(true);
    expect(can(trainee, "course:author")).toBe(false);
    expect(can(trainee, "report:study")).toBe(false);
  });

  it("limits a manager to their subtree", () => {
    expect(can(stationManager, "person:read", station)).toBe(true);
    expect(can(stationManager, "person:read", `${station}901/`)).toBe(true);
    expect(can(stationManager, "person:read", district)).toBe(false);
    expect(can(stationManager, "person:read", "/1/4/170/")).toBe(false); // a sibling whose id shares a prefix
    expect(can(stationManager, "person:read", otherDistrict)).toBe(false);
    expect(can(stationManager, "person:write", station)).toBe(false);
    expect(can(stationManager, "person:read")).toBe(true);
  });

  it("gives HR city-wide people rights but not org or role administration", () => {
    expect(can(hr, "person:write", otherDistrict)).toBe(true);
    expect(can(hr, "person:import")).toBe(true);
    expect(can(hr, "org:write", district)).toBe(false);
    expect(can(hr, "role:assign")).toBe(false);
  });

  it("gives the admin everything everywhere", () => {
    for (const action of ["org:read", "org:write", "person:read", "person:write", "person:import", "role:assign"] as const) {
      expect(can(admin, action, "/1/9/99/")).toBe(true);
    }
  });

  it("denies a principal without grants", () => {
    expect(can({ id: 9, grants: [] }, "self:read")).toBe(false);
  });
});

describe("scopesFor", () => {
  it("is 'all' for a city-wide grant and merges nested subtrees otherwise", () => {
    expect(scopesFor(admin, "person:read")).toBe("all");
    expect(scopesFor(twoScopes, "person:read")).toEqual([district, otherDistrict]);
    expect(scopesFor(trainee, "person:read")).toEqual([]);
  });

  it("minimalPaths drops duplicates and contained paths but not look-alike siblings", () => {
    expect(minimalPaths(["/1/4/17/", "/1/4/", "/1/4/", "/1/40/"]).sort()).toEqual(["/1/4/", "/1/40/"]);
  });
});

describe("navigationFor", () => {
  it("shows only modules the person may open", () => {
    expect(navigationFor(trainee).map((i) => i.to)).toEqual(["/home", "/learn", "/my/exams", "/account"]);
    expect(navigationFor(stationManager).map((i) => i.to)).toEqual([
      "/home",
      "/learn",
      "/my/exams",
      "/instructors",
      "/reports/study",
      "/reports/exams",
      "/certificates",
      "/people",
      "/org",
      "/account",
    ]);
    expect(navigationFor({ id: 9, grants: [{ role: "instructor", scopeOrgUnitId: null, scopePath: null }] }).map((i) => i.to)).toEqual([
      "/home",
      "/courses",
      "/banks",
      "/exams",
      "/grading",
      "/instructors",
      "/reports/exams",
      "/account",
    ]);
    expect(navigationFor(admin).map((i) => i.to)).toContain("/org");
  });
});
