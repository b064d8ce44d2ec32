// Playwright fixtures: the database behind the server under test (to look up and create rows
// directly, as a test author would with a console) and a way to sign in as a demo account.
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createDb, type Db } from "#db/client";
import { databaseUrlFor } from "./targets.mjs";

export const DEMO_PASSWORD = "Demo@2026yj";

export async function login(page: Page, employeeNo: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("工号或手机号").fill(employeeNo);
  await page.getByLabel("密码").fill(password);
  // Wait for the server's answer, and on success for the page that follows, so a following
  // page.goto cannot cut the sign-in short.
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
  if (response.status() < 400) await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

// A click that lands while React is still hydrating the page can be lost, and under a loaded
// machine hydration can take seconds after "load". Every full navigation (goto, reload, back)
// therefore also waits until the app marks the document as hydrated; pages without the app's
// scripts (files, JSON, JavaScript disabled) are not waited for.
const hydrationAware = new WeakSet<Page>();

function waitForHydrationAfterNavigations(page: Page) {
  if (hydrationAware.has(page)) return;
  hydrationAware.add(page);
  const whenHydrated = () =>
    page.waitForFunction(() => !("__remixContext" in window) || document.documentElement.dataset.hydrated === "true");
  for (const name of ["goto", "reload", "goBack", "goForward"] as const) {
    const navigate = page[name].bind(page) as (...args: unknown[]) => Promise<unknown>;
    (page as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const response = await navigate(...args);
      await whenHydrated();
      return response;
    };
  }
}

function installOnContext(context: BrowserContext, javaScriptEnabled: boolean) {
  if (!javaScriptEnabled) return context;
  for (const page of context.pages()) waitForHydrationAfterNavigations(page);
  context.on("page", waitForHydrationAfterNavigations);
  return context;
}

function hydrationAwareBrowser(browser: Browser): Browser {
  return new Proxy(browser, {
    get(target, property, receiver) {
      if (property === "newContext") {
        return async (options?: Parameters<Browser["newContext"]>[0]) =>
          installOnContext(await target.newContext(options), options?.javaScriptEnabled !== false);
      }
      if (property === "newPage") {
        return async (options?: Parameters<Browser["newPage"]>[0]) => {
          const page = await target.newPage(options);
          if (options?.javaScriptEnabled !== false) waitForHydrationAfterNavigations(page);
          return page;
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// Signs out and waits for the login page, so a following login cannot race the sign-out.
export async function logout(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export const test = base.extend<Record<never, never>, { db: Db }>({
  browser: [async ({ browser }, use) => use(hydrationAwareBrowser(browser)), { scope: "worker" }],
  context: async ({ context, javaScriptEnabled }, provide) => provide(installOnContext(context, javaScriptEnabled !== false)),
  db: [
    async ({}, use, workerInfo) => {
      const dialect = String(workerInfo.project.metadata.dialect);
      const { db } = createDb(databaseUrlFor(dialect), { poolSize: 2 });
      await use(db);
      await db.destroy();
    },
    { scope: "worker" },
  ],
});

export { expect };
