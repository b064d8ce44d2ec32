import { expect, login, logout, test } from "./support/fixtures";

test("admin creates a person, who must change the initial password at first login and then logs in again", async ({ page, db }) => {
  const village = await db.selectFrom("org_units").select(["id", "name"]).where("type", "=", "village").orderBy("id").executeTakeFirstOrThrow();
  const employeeNo = `N${Date.now().toString(36).toUpperCase()}`;
  const initialPassword = "Chuqi#2026-river";
  const newPassword = "Wangge!Lantern-88";

  await login(page, "admin");
  await expect(page).toHaveURL(/\/home$/);
  await page.goto("/people/new");
  // A bad mobile number is explained next to its field and nothing is created.
  await page.getByLabel("姓名").fill("周晓岚");
  await page.getByLabel("工号").fill(employeeNo);
  await page.getByLabel("手机").fill("12345");
  await page.getByLabel("岗位").selectOption("网格员");
  await page.getByLabel("培训层级").selectOption("grid");
  await page.getByLabel("单位").selectOption(String(village.id));
  await page.getByLabel("初始密码").fill(initialPassword);
  await page.getByRole("button", { name: "创建人员和账号" }).click();
  await expect(page.locator("#mobile-error")).toBeVisible();
  expect(await db.selectFrom("persons").select("id").where("employee_no", "=", employeeNo).executeTakeFirst()).toBeUndefined();

  await page.getByLabel("手机").fill("");
  await page.getByLabel("初始密码").fill(initialPassword);
  await page.getByRole("button", { name: "创建人员和账号" }).click();
  await expect(page.getByText(`已创建 周晓岚（工号 ${employeeNo}）的档案和账号`)).toBeVisible();
  await expect(page.getByText(initialPassword)).toBeVisible();
  await logout(page);

  // First login: straight to the password page, and nothing else opens until it is changed.
  await login(page, employeeNo, initialPassword);
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText("您正在使用初始密码")).toBeVisible();
  await page.goto("/home");
  await expect(page).toHaveURL(/\/password$/);

  await page.getByLabel("当前密码").fill(initialPassword);
  await page.getByLabel("新密码", { exact: true }).fill("12345678");
  await page.getByLabel("确认新密码").fill("12345678");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.locator("#newPassword-error")).toContainText("常见密码");

  await page.getByLabel("当前密码").fill(initialPassword);
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("确认新密码").fill(newPassword);
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page).toHaveURL(/\/home\?passwordChanged=1$/);
  await expect(page.getByText("密码已修改")).toBeVisible();
  await expect(page.getByRole("heading", { name: "您好，周晓岚" })).toBeVisible();
  await logout(page);

  // The initial password no longer works; the new one goes straight home.
  await login(page, employeeNo, initialPassword);
  await expect(page.getByRole("alert")).toHaveText("工号/手机号或密码错误");
  await login(page, employeeNo, newPassword);
  await expect(page).toHaveURL(/\/home$/);
});
