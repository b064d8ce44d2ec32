import { expect, login, test } from "./support/fixtures";

test("a trainee opening an admin URL gets 404", async ({ page, db }) => {
  const unit = await db.selectFrom("org_units").select("id").where("parent_id", "is", null).executeTakeFirstOrThrow();
  await login(page, "trainee");
  await expect(page).toHaveURL(/\/home$/);
  for (const path of ["/people", "/people/new", "/people/import", `/org/${unit.id}`, "/org"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  }
});

test("a station manager cannot see a person or unit outside their subtree", async ({ page, db }) => {
  const scope = await db
    .selectFrom("role_assignments as r")
    .innerJoin("persons as p", "p.id", "r.person_id")
    .innerJoin("org_units as o", "o.id", "r.scope_org_unit_id")
    .select(["o.id", "o.path"])
    .where("p.employee_no", "=", "manager")
    .where("r.role", "=", "manager")
    .executeTakeFirstOrThrow();
  const outsider = await db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .select(["p.id", "p.name", "o.id as unitId"])
    .where("o.path", "not like", `${scope.path}%`)
    .where("o.type", "=", "station")
    .orderBy("p.id")
    .executeTakeFirstOrThrow();
  const insider = await db
    .selectFrom("persons as p")
    .innerJoin("org_units as o", "o.id", "p.org_unit_id")
    .select(["p.id", "p.name"])
    .where("o.path", "like", `${scope.path}%`)
    .orderBy("p.id")
    .executeTakeFirstOrThrow();

  await login(page, "manager");
  expect((await page.goto(`/people/${insider.id}`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: insider.name })).toBeVisible();
  expect((await page.goto(`/people/${outsider.id}`))?.status()).toBe(404);
  expect((await page.goto(`/org/${outsider.unitId}`))?.status()).toBe(404);
  expect((await page.goto(`/org/${scope.id}`))?.status()).toBe(200);

  // The list is narrowed too: searching the outsider's name finds nobody outside the scope.
  await page.goto(`/people?q=${encodeURIComponent(outsider.name)}`);
  await expect(page.getByRole("link", { name: outsider.name })).toHaveCount(
    (await db
      .selectFrom("persons as p")
      .innerJoin("org_units as o", "o.id", "p.org_unit_id")
      .select("p.id")
      .where("p.name", "=", outsider.name)
      .where("o.path", "like", `${scope.path}%`)
      .execute()).length,
  );
});
