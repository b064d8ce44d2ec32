import { expect, login, test } from "./support/fixtures";

const EVIL = "http://evil.example";

test("cross-origin POSTs are refused on a document route, a data request and a resource route", async ({ page, baseURL }) => {
  await login(page, "trainee");
  await expect(page).toHaveURL(/\/home$/);
  const request = page.context().request; // carries the signed-in session cookie
  const targets: Array<{ kind: string; url: string; form: Record<string, string> }> = [
    { kind: "document route", url: "/password", form: { currentPassword: "x", newPassword: "y", confirmPassword: "y" } },
    { kind: "single-fetch data request", url: "/password.data", form: { currentPassword: "x", newPassword: "y", confirmPassword: "y" } },
    { kind: "resource route", url: "/logout", form: {} },
  ];
  for (const t of targets) {
    const refused = await request.post(t.url, { form: t.form, headers: { Origin: EVIL }, maxRedirects: 0 });
    expect(refused.status(), t.kind).toBe(403);
    expect(await refused.text()).toContain("跨站请求已被拒绝");
  }
  // A request with neither Origin nor Sec-Fetch-Site is refused as well.
  const bare = await request.post("/logout", { form: {}, maxRedirects: 0 });
  expect(bare.status()).toBe(403);
  // The session survived every refused logout; the same POST from our own origin works.
  expect((await page.goto("/home"))?.status()).toBe(200);
  const own = await request.post("/logout", { form: {}, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(own.status()).toBe(302);
  await page.goto("/home");
  await expect(page).toHaveURL(/\/login/);
});

test("pages carry the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page }) => {
  await login(page, "trainee");
  await expect(page).toHaveURL(/\/home$/);
  const cookie = (await page.context().cookies()).find((c) => c.name === "sid");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("a burst of wrong passwords gets throttled", async ({ page }) => {
  // Act as a client at an address of its own, so the other tests' logins are not affected.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 200) + 20}` });
  // Delays double with each failure past the free ones (2 s, 4 s, 8 s…). Wait out the short ones so
  // the right password below is tried well inside a delay, however slow this machine is.
  let retryAfter = 0;
  for (let i = 0; i < 20 && retryAfter < 8; i++) {
    await page.goto("/login");
    await page.getByLabel("工号或手机号").fill("hr");
    await page.getByLabel("密码").fill(`wrong-guess-${i}`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
    await expect(page.getByRole("alert")).toBeVisible();
    if (response.status() === 429) {
      retryAfter = Number(response.headers()["retry-after"]);
      expect(retryAfter).toBeGreaterThan(0);
      await expect(page.getByRole("alert")).toContainText("登录失败次数过多");
      if (retryAfter < 8) await page.waitForTimeout(retryAfter * 1000 + 300);
    }
  }
  expect(retryAfter).toBeGreaterThanOrEqual(8);
  // Even the right password is refused while the delay runs.
  await page.getByLabel("工号或手机号").fill("hr");
  await page.getByLabel("密码").fill("Demo@2026yj");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("登录失败次数过多");
  await expect(page).toHaveURL(/\/login/);
});
