// Controls the local MariaDB for the restart scenario: ping, a clean shutdown, a start with the
// same command the machine uses, and a look for other test runs that a restart would disturb.
import { spawnSync } from "node:child_process";
import { sleep } from "./harness";

const PING = ["--protocol=tcp", "-h127.0.0.1", "-uroot", "ping"];

export async function mysqlAnswers(): Promise<boolean> {
  return spawnSync("mysqladmin", PING, { stdio: "ignore", timeout: 5_000 }).status === 0;
}

/**
 * Processes that look like other users of MariaDB mid-run: browser tests not limited to the
 * SQLite project, the exam bench on MySQL, vitest runs that include the integration tests.
 */
export function otherMariadbUsers(): string[] {
  const result = spawnSync("pgrep", ["-af", "playwright test|tests/bench/exam/main|vitest"], { encoding: "utf8" });
  const found: string[] = [];
  for (const line of (result.stdout ?? "").split("\n")) {
    const pid = Number(line.split(" ")[0]);
    if (!line.trim() || pid === process.pid || line.includes("pgrep")) continue;
    if (/playwright test/.test(line) && /--project[= ]sqlite/.test(line)) continue;
    if (/tests\/bench\/exam\/main/.test(line) && !/--db[= ]mysql/.test(line)) continue;
    if (/vitest/.test(line) && /vitest(\.mjs)? run( tests\/unit\S*)+\s*$/.test(line)) continue;
    if (/vitest\/dist\/workers/.test(line)) continue;
    found.push(line.slice(0, 120));
  }
  return found;
}

/** `mysqladmin shutdown`, then waits until the server no longer answers. */
export async function stopMariadb(): Promise<number> {
  const started = Date.now();
  const result = spawnSync("mysqladmin", ["--protocol=tcp", "-h127.0.0.1", "-uroot", "shutdown"], { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`mysqladmin shutdown failed: ${result.stderr}`);
  while (spawnSync("pgrep", ["-x", "mariadbd"]).status === 0) {
    if (Date.now() - started > 60_000) throw new Error("mariadbd still running 60 s after shutdown");
    await sleep(100);
  }
  return Date.now() - started;
}

/** Starts mariadbd as the machine does and waits until it answers a ping. */
export async function startMariadb(): Promise<number> {
  const started = Date.now();
  const result = spawnSync("start-stop-daemon", ["--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`start-stop-daemon failed: ${result.stderr}`);
  while (!(await mysqlAnswers())) {
    if (Date.now() - started > 120_000) throw new Error("MariaDB did not answer a ping within 120 s of its start");
    await sleep(200);
  }
  return Date.now() - started;
}
