import { beforeAll, expect, it } from "vitest";
import type { Db } from "#db/client";
import type { Principal } from "~/modules/auth/permissions";
import { listPeople } from "~/modules/people/list.server";
import { unitOptions } from "~/modules/people/options.server";
import { getPersonInScope } from "~/modules/people/people.server";
import { parsePeopleFilters, type PeopleFilters } from "~/modules/people/schemas";
import { exportPeopleXlsx } from "~/modules/people/xlsx.server";
import { insertPerson, principal, seedPeopleOrg, type PeopleOrg } from "../fixtures/people/org";
import { readWorkbook } from "../fixtures/people/xlsx";
import { forEachDialect } from "../support/test-db";

const filters = (query = ""): PeopleFilters => parsePeopleFilters(new URLSearchParams(query));

forEachDialect("people: list, filters and scope", (get) => {
  let org: PeopleOrg;
  let admin: Principal;
  let hr: Principal;
  let ztManager: Principal;
  let outsider: number;
  let ztLeft: number;

  async function add(db: Db, employeeNo: string, name: string, orgUnitId: number, post: string, tier: string, mobile: string | null = null) {
    return insertPerson(db, { employeeNo, name, orgUnitId, post, tier, mobile });
  }

  beforeAll(async () => {
    const { db } = get();
    org = await seedPeopleOrg(db);
    admin = principal(org.adminId, "admin");
    hr = principal(org.adminId, "hr");
    ztManager = principal(org.adminId, "manager", { id: org.zt, path: org.paths.zt });
    // 转塘街道: a station and a village; 留下街道 (same district); 西兴街道 (other district).
    await add(db, "ZT001", "王站长", org.ztStation, "站(队)长", "chief", "13811110001");
    await add(db, "ZT002", "李明", org.ztStation, "工作人员", "staff", "13811110002");
    ztLeft = await add(db, "ZT003", "赵离岗", org.ztStation, "工作人员", "staff", "13811110003");
    await db.updateTable("persons").set({ status: "left" }).where("id", "=", ztLeft).execute();
    await add(db, "ZT101", "陈网格", org.ztVillage, "网格员", "grid", "13811110101");
    await add(db, "ZT102", "周网格", org.ztVillage, "网格员", "grid");
    await add(db, "LX101", "吴网格", org.lxVillage, "网格员", "grid", "13822220101");
    await add(db, "LX102", "郑100%", org.lxVillage, "网格员", "grid");
    outsider = await add(db, "XX001", "孙明", org.xx, "工作人员", "staff", "13833330001");
    await add(db, "XX002", "钱明", org.xx, "执法人员", "staff", "13833330002");
  });

  const names = (page: { rows: Array<{ name: string }> }) => page.rows.map((r) => r.name).sort();

  it("an admin sees everyone active in the city, newest first; status filters switch to left or all", async () => {
    const { db } = get();
    const page = await listPeople(db, admin, filters());
    // The fixture's admin is a person too.
    expect(page.total).toBe(9);
    expect(page.rows[0].name).toBe("钱明");
    expect(names(await listPeople(db, admin, filters("status=left")))).toEqual(["赵离岗"]);
    expect((await listPeople(db, admin, filters("status=all"))).total).toBe(10);
  });

  it("a manager sees only their subtree, with masked mobiles; hr sees full mobiles", async () => {
    const { db } = get();
    const page = await listPeople(db, ztManager, filters());
    expect(names(page)).toEqual(["周网格", "李明", "王站长", "陈网格"].sort());
    expect(page.rows.find((r) => r.name === "李明")!.mobile).toBe("138****0002");
    const full = await listPeople(db, hr, filters("q=李明"));
    expect(full.rows[0].mobile).toBe("13811110002");
  });

  it("the unit filter takes the whole subtree and still stays inside the scope", async () => {
    const { db } = get();
    expect(names(await listPeople(db, admin, filters(`unit=${org.xh}`)))).toEqual(["周网格", "吴网格", "李明", "王站长", "郑100%", "陈网格"].sort());
    expect(names(await listPeople(db, admin, filters(`unit=${org.ztVillage}`)))).toEqual(["周网格", "陈网格"]);
    // A manager of 转塘 filtering on the whole district still sees only 转塘.
    expect((await listPeople(db, ztManager, filters(`unit=${org.xh}`))).total).toBe(4);
    expect((await listPeople(db, ztManager, filters(`unit=${org.xx}`))).total).toBe(0);
    expect((await listPeople(db, admin, filters("unit=999999"))).total).toBe(0);
  });

  it("filters by post and tier", async () => {
    const { db } = get();
    expect(names(await listPeople(db, admin, filters("post=网格员")))).toEqual(["周网格", "吴网格", "郑100%", "陈网格"].sort());
    expect(names(await listPeople(db, admin, filters("tier=staff")))).toEqual(["孙明", "李明", "钱明"].sort());
    expect(names(await listPeople(db, admin, filters("tier=staff&post=执法人员")))).toEqual(["钱明"]);
  });

  it("searches names by substring, and complete 工号 or mobiles exactly", async () => {
    const { db } = get();
    expect(names(await listPeople(db, admin, filters("q=明")))).toEqual(["孙明", "李明", "钱明"].sort());
    expect(names(await listPeople(db, admin, filters("q=zt101")))).toEqual(["陈网格"]);
    expect(names(await listPeople(db, admin, filters("q=138 3333 0002")))).toEqual(["钱明"]);
    // Part of a mobile or 工号 still finds by substring.
    expect(names(await listPeople(db, admin, filters("q=0101")))).toEqual(["吴网格", "陈网格"]);
    expect(names(await listPeople(db, admin, filters("q=ZT00")))).toEqual(["李明", "王站长"]);
    // LIKE wildcards in the search text match literally.
    expect(names(await listPeople(db, admin, filters("q=100%25")))).toEqual(["郑100%"]);
    expect((await listPeople(db, admin, filters("q=%25"))).total).toBe(1);
    expect((await listPeople(db, admin, filters("q=_"))).total).toBe(0);
    // An exact hit outside the scope is not shown.
    expect((await listPeople(db, ztManager, filters("q=XX001"))).total).toBe(0);
  });

  it("paginates with a total and disjoint pages", async () => {
    const { db } = get();
    const first = await listPeople(db, admin, filters("status=all"), 1, 4);
    const third = await listPeople(db, admin, filters("status=all"), 3, 4);
    expect([first.total, first.pageCount, first.rows.length, third.rows.length]).toEqual([10, 3, 4, 2]);
    const second = await listPeople(db, admin, filters("status=all"), 2, 4);
    const ids = [...first.rows, ...second.rows, ...third.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
  });

  it("getting a person outside the scope, or a missing one, is a 404 Response", async () => {
    const { db } = get();
    expect((await getPersonInScope(db, admin, outsider)).name).toBe("孙明");
    for (const id of [outsider, 999_999]) {
      const error = await getPersonInScope(db, ztManager, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(404);
    }
    expect((await getPersonInScope(db, ztManager, ztLeft)).status).toBe("left");
  });

  it("exports the filtered list in scope as .xlsx, with masking for managers", async () => {
    const { db } = get();
    const bytes = new Uint8Array(await new Response(exportPeopleXlsx(db, ztManager, filters("status=all"))).arrayBuffer());
    const rows = await readWorkbook(bytes);
    expect(rows[0]).toEqual(["姓名", "工号", "手机", "性别", "出生日期", "岗位", "培训层级", "职级", "单位编码", "单位名称", "状态"]);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(["周网格", "李明", "王站长", "赵离岗", "陈网格"].sort());
    expect(rows.find((r) => r[0] === "李明")![2]).toBe("138****0002");
    expect(rows.find((r) => r[0] === "赵离岗")![10]).toBe("离岗");
  });

  it("offers the units in scope in tree order, indented, optionally without villages", async () => {
    const { db } = get();
    const all = await unitOptions(db, admin, "person:read");
    expect(all.map((u) => u.label)).toEqual([
      "测试市应急管理局",
      "\u3000西湖区",
      "\u3000\u3000转塘街道",
      "\u3000\u3000\u3000转塘应消站",
      "\u3000\u3000\u3000青山村",
      "\u3000\u3000留下街道",
      "\u3000\u3000\u3000青山村",
      "\u3000滨江区",
      "\u3000\u3000西兴街道",
    ]);
    expect((await unitOptions(db, admin, "person:read", { leaves: false })).map((u) => u.name)).toEqual([
      "测试市应急管理局",
      "西湖区",
      "转塘街道",
      "转塘应消站",
      "留下街道",
      "滨江区",
      "西兴街道",
    ]);
    expect((await unitOptions(db, ztManager, "person:read")).map((u) => u.label)).toEqual(["转塘街道", "\u3000转塘应消站", "\u3000青山村"]);
    expect(await unitOptions(db, ztManager, "person:write")).toEqual([]);
  });

  it("exports many rows in batches", async () => {
    const { db } = get();
    const values = Array.from({ length: 2500 }, (_, i) => ({
      employee_no: `BULK${String(i).padStart(5, "0")}`,
      name: `批量${i}`,
      mobile: null,
      gender: null,
      birth_date: null,
      post: "网格员",
      tier: "grid",
      rank: null,
      org_unit_id: org.xx,
      created_at: 1,
      updated_at: 1,
    }));
    for (let i = 0; i < values.length; i += 500) await db.insertInto("persons").values(values.slice(i, i + 500)).execute();
    const bytes = new Uint8Array(await new Response(exportPeopleXlsx(db, admin, filters(`unit=${org.xx}`))).arrayBuffer());
    const rows = await readWorkbook(bytes);
    expect(rows.length).toBe(1 + 2 + 2500);
    expect((await listPeople(db, admin, filters(`unit=${org.xx}`))).total).toBe(2502);
  });
});
