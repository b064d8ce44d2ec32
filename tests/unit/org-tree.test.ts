import { describe, expect, it } from "vitest";
import { canContain, childPath, idsOfPath, isSelfOrDescendant } from "~/modules/org/org-types";
import { buildTree } from "~/modules/org/tree";

describe("org types", () => {
  it("follows 市局 → 区县 → 乡镇(街道) → 站/队 → 村社", () => {
    expect(canContain("city", "district")).toBe(true);
    expect(canContain("district", "town")).toBe(true);
    expect(canContain("town", "station")).toBe(true);
    expect(canContain("town", "village")).toBe(true);
    expect(canContain("city", "village")).toBe(false);
    expect(canContain("village", "village")).toBe(false);
    expect(canContain("station", "district")).toBe(false);
  });

  it("builds and reads materialised paths", () => {
    expect(childPath(null, 1)).toBe("/1/");
    expect(childPath("/1/4/", 17)).toBe("/1/4/17/");
    expect(idsOfPath("/1/4/17/")).toEqual([1, 4, 17]);
    expect(isSelfOrDescendant("/1/4/17/", "/1/4/")).toBe(true);
    expect(isSelfOrDescendant("/1/4/", "/1/4/")).toBe(true);
    expect(isSelfOrDescendant("/1/40/", "/1/4/")).toBe(false);
  });
});

describe("buildTree", () => {
  it("nests units and starts a partial list at its top-most units", () => {
    const units = [
      { id: 17, parent_id: 4, name: "站", type: "station" as const, active: 1 },
      { id: 4, parent_id: 1, name: "西湖区", type: "district" as const, active: 1 },
      { id: 5, parent_id: 1, name: "滨江区", type: "district" as const, active: 1 },
    ];
    const roots = buildTree(units);
    expect(roots.map((r) => r.id)).toEqual([4, 5]);
    expect(roots[0].children.map((c) => c.id)).toEqual([17]);
  });
});
