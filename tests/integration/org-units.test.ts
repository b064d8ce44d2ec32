import { beforeAll, expect, it } from "vitest";
import { unitsInScope } from "~/modules/org/list.server";
import {
  createUnit,
  deactivateUnit,
  getUnit,
  moveUnit,
  OrgRuleError,
  reactivateUnit,
  renameUnit,
  unitsUnder,
} from "~/modules/org/units.server";
import { forEachDialect } from "../support/test-db";
import { makePerson } from "../support/fixtures";

forEachDialect("org units", (get) => {
  let city: number;
  let xihu: number;
  let binjiang: number;
  let town: number;
  let village: number;

  beforeAll(async () => {
    const db = get().db;
    city = await createUnit(db, { parentId: null, type: "city", name: "杭州市应急管理局", code: "t-hz" });
    xihu = await createUnit(db, { parentId: city, type: "district", name: "西湖区", code: "t-xh" });
    binjiang = await createUnit(db, { parentId: city, type: "district", name: "滨江区", code: "t-bj" });
    town = await createUnit(db, { parentId: xihu, type: "town", name: "转塘街道", code: "t-xh-zt" });
    village = await createUnit(db, { parentId: town, type: "village", name: "龙坞村", code: "t-xh-zt-lw" });
  });

  it("keeps materialised paths and depths", async () => {
    const v = await getUnit(get().db, village);
    expect(v?.path).toBe(`/${city}/${xihu}/${town}/${village}/`);
    expect(v?.depth).toBe(3);
  });

  it("refuses a unit type that cannot sit under its parent, and duplicate codes", async () => {
    await expect(createUnit(get().db, { parentId: city, type: "village", name: "错误村", code: "t-bad" })).rejects.toThrow(OrgRuleError);
    await expect(createUnit(get().db, { parentId: xihu, type: "town", name: "重复", code: "t-xh-zt" })).rejects.toThrow(/编码/);
  });

  it("moves a subtree, rewriting every descendant path in one go", async () => {
    await moveUnit(get().db, town, binjiang);
    const t = await getUnit(get().db, town);
    const v = await getUnit(get().db, village);
    expect(t?.parent_id).toBe(binjiang);
    expect(t?.path).toBe(`/${city}/${binjiang}/${town}/`);
    expect(v?.path).toBe(`/${city}/${binjiang}/${town}/${village}/`);
    expect(v?.depth).toBe(3);
    expect((await unitsUnder(get().db, `/${city}/${xihu}/`)).map((u) => u.id)).toEqual([xihu]);
    await moveUnit(get().db, town, xihu);
  });

  it("refuses to move a unit under its own descendant", async () => {
    await expect(moveUnit(get().db, town, village)).rejects.toThrow(OrgRuleError);
  });

  it("renames", async () => {
    await renameUnit(get().db, village, "龙坞茶村");
    expect((await getUnit(get().db, village))?.name).toBe("龙坞茶村");
  });

  it("refuses to deactivate a unit that still has active people, then deactivates the subtree without deleting", async () => {
    const person = await makePerson(get().db, village);
    await expect(deactivateUnit(get().db, town)).rejects.toThrow(/在岗人员/);
    await get().db.updateTable("persons").set({ status: "left" }).where("id", "=", person.id).execute();
    await deactivateUnit(get().db, town);
    expect((await getUnit(get().db, village))?.active).toBe(0);
    expect((await getUnit(get().db, town))?.active).toBe(0);
    await reactivateUnit(get().db, town);
    expect((await getUnit(get().db, town))?.active).toBe(1);
    await expect(reactivateUnit(get().db, village)).resolves.toBeUndefined();
  });

  it("lists only units inside a manager's scope", async () => {
    const xihuPath = (await getUnit(get().db, xihu))!.path;
    const units = await unitsInScope(get().db, { id: 1, grants: [{ role: "manager", scopeOrgUnitId: xihu, scopePath: xihuPath }] }, "org:read");
    const ids = units.map((u) => u.id);
    expect(ids).toContain(xihu);
    expect(ids).toContain(town);
    expect(ids).not.toContain(binjiang);
    expect(ids).not.toContain(city);
  });
});
