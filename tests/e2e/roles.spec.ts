import { expect, login, logout, test } from "./support/fixtures";

const MANAGER_NAV = ["首页", "我的学习", "我的考试", "师资库", "学习统计", "考试统计", "证书", "人员", "组织机构", "我的账号"];
const ROLES = [
  {
    employeeNo: "admin",
    nav: ["首页", "我的学习", "我的考试", "课程", "题库", "考试管理", "阅卷", "培训大纲", "学时规则", "师资库", "学习统计", "考试统计", "证书", "人员", "组织机构", "我的账号"],
    sees: "全市人员",
  },
  { employeeNo: "hr", nav: ["首页", "我的学习", "我的考试", "培训大纲", "学时规则", "师资库", "学习统计", "考试统计", "证书", "人员", "组织机构", "我的账号"], sees: "全市人员" },
  { employeeNo: "manager", nav: MANAGER_NAV, sees: "管理范围内人员" },
  { employeeNo: "district", nav: MANAGER_NAV, sees: "管理范围内人员" },
  { employeeNo: "instructor", nav: ["首页", "我的学习", "我的考试", "课程", "题库", "考试管理", "阅卷", "师资库", "考试统计", "我的账号"], sees: null },
  { employeeNo: "trainee", nav: ["首页", "我的学习", "我的考试", "我的账号"], sees: null },
];

for (const role of ROLES) {
  test(`demo account "${role.employeeNo}" logs in and sees its home`, async ({ page, db }) => {
    const person = await db.selectFrom("persons").select("name").where("employee_no", "=", role.employeeNo).executeTakeFirstOrThrow();
    await login(page, role.employeeNo);
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole("heading", { name: `您好，${person.name}` })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link")).toHaveText(role.nav);
    if (role.sees) await expect(page.getByRole("heading", { name: role.sees })).toBeVisible();
    else await expect(page.getByText("在岗人员")).toHaveCount(0);
    await logout(page);
    await page.goto("/home");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/);
  });
}

test("the login page shows the same message for an unknown account and a wrong password", async ({ page }) => {
  await login(page, "no-such-person", "whatever-123");
  await expect(page.getByRole("alert")).toHaveText("工号/手机号或密码错误");
  await login(page, "trainee", "wrong-password-1");
  await expect(page.getByRole("alert")).toHaveText("工号/手机号或密码错误");
});

test("the login form explains an empty field next to it", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("#identifier-error")).toHaveText("请输入工号或手机号");
  await expect(page.locator("#password-error")).toHaveText("请输入密码");
});
