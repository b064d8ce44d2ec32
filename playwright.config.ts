import { spawnSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

// The browser tests run against the production build twice: once on the embedded SQLite database
// and once on MariaDB, each server seeded with the demo city. Under CI=true MariaDB is mandatory.
const ci = process.env.CI === "true";
const mysqlUrl = process.env.E2E_MYSQL_SERVER ?? "mysql://root@127.0.0.1:3306";
const mysqlUp =
  spawnSync(process.execPath, ["tests/e2e/support/mysql-ping.mjs", mysqlUrl], { stdio: "ignore", timeout: 15_000 }).status === 0;
if (!mysqlUp) {
  if (ci) throw new Error(`MariaDB is required for the browser tests under CI=true, but ${mysqlUrl} did not answer`);
  console.warn(`\n!!! MariaDB not reachable at ${mysqlUrl}: the MySQL browser tests are SKIPPED !!!\n`);
}

const portBase = Number(process.env.E2E_PORT_BASE ?? 3101);
export const TARGETS = [
  { name: "sqlite", port: portBase },
  ...(mysqlUp ? [{ name: "mysql", port: portBase + 1 }] : []),
];

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 3,
  retries: 0,
  reporter: [["list"]],
  use: {
    // Recording traces costs minutes of CPU on a 2-core CI machine; CI prints the failure text and
    // error context, and a local run keeps the trace of every failure for the trace viewer.
    trace: ci ? "off" : "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: TARGETS.map((t) => ({
    name: t.name,
    use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${t.port}` },
    metadata: { dialect: t.name },
    // Navigation per role, the HTTP hardening (headers, cookies, CSRF, throttling), compression
    // and the worker processes do not depend on the engine, and their queries run on both engines
    // in the integration tests; the browser checks them once, which keeps CI within its time limit.
    testIgnore: t.name === "mysql" ? ["**/roles.spec.ts", "**/security.spec.ts", "**/cluster.spec.ts", "**/delivery.spec.ts"] : [],
  })),
  webServer: TARGETS.map((t) => ({
    command: `node tests/e2e/support/start-server.mjs ${t.name} ${t.port}`,
    url: `http://localhost:${t.port}/healthz`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
  })),
});
