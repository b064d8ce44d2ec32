// Playwright fixtures: the database behind the server under test (to look up and create rows
// directly, as a test author would with a console) and a way to sign in as a demo account.
import { test as base, expect, type Page } from "@playwright/test";
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

export const test = base.extend<Record<never, never>, { db: Db }>({
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
