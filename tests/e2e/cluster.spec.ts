import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { expect, login, test } from "./support/fixtures";

// WEB_CONCURRENCY=2: the primary migrates and seeds, two workers share the port, a worker that
// dies is replaced, and SIGTERM stops them all. Engine-independent: playwright.config.ts runs it
// on SQLite only.
test.setTimeout(120_000);

const port = Number(process.env.E2E_PORT_BASE ?? 3101) + 40;
const base = `http://localhost:${port}`;
const dir = `data/e2e-cluster${(process.env.E2E_INSTANCE ?? "").replace(/[^a-z0-9_]/gi, "")}`;

function childrenOf(pid: number): number[] {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

async function metrics(): Promise<{ processes: number; rssBytes: number }> {
  // A new connection each time, so the reads land on different workers.
  const response = await fetch(`${base}/healthz/metrics`, { headers: { Connection: "close" } });
  expect(response.status).toBe(200);
  return (await response.json()) as { processes: number; rssBytes: number };
}

test.use({ baseURL: base });

let server: ChildProcess;
test.beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  server = spawn(process.execPath, ["build/index.js"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${dir}/app.db`, PORT: String(port), HOST: "127.0.0.1", DEMO_MODE: "1", APP_ORIGIN: base, WEB_CONCURRENCY: "2", BENCH_METRICS: "1" },
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("(2 worker processes)")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
});

test.afterAll(() => {
  if (server.exitCode === null) server.kill("SIGKILL");
});

test("two worker processes serve the app, a dead worker is replaced, SIGTERM stops them all", async ({ page }) => {
  const workers = childrenOf(server.pid!);
  expect(workers).toHaveLength(2);
  // Every read reports both workers, whichever of them answers it.
  for (let i = 0; i < 4; i++) expect((await metrics()).processes).toBe(2);

  // A person logs in and works through the workers as through one server.
  await login(page, "trainee");
  for (let i = 0; i < 3; i++) {
    await page.goto("/my/exams");
    await expect(page.getByRole("heading", { name: "我的考试" })).toBeVisible();
  }

  process.kill(workers[0]!, "SIGKILL");
  await expect.poll(() => childrenOf(server.pid!).filter((pid) => !workers.includes(pid)).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await metrics()).processes, { timeout: 15_000 }).toBe(2);
  await page.goto("/my/exams");
  await expect(page.getByRole("heading", { name: "我的考试" })).toBeVisible();

  const running = childrenOf(server.pid!);
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  for (const pid of running) expect(() => process.kill(pid, 0)).toThrow();
});
