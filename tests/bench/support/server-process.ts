// Runs the production build of the app as a separate process for the benchmarks: build once,
// start on a given database and port, wait until /healthz answers, then stop, kill -9 or read its
// memory. The server is the real one (build/index.js), never an in-process shortcut.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface ServerOptions {
  databaseUrl: string;
  port: number;
  /** Extra environment (DB_POOL_SIZE, HASH_CONCURRENCY, …). */
  env?: Record<string, string>;
  /** Directory for `node --cpu-prof` profiles; none when absent. */
  cpuProfDir?: string;
  /** Where the server's stdout and stderr go (appended); inherited when absent. */
  logFile?: string;
}

export interface ServerProcess {
  pid: number;
  url: string;
  /** SIGTERM, then wait for the exit (a graceful stop writes the CPU profile). */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an OOM killer would, and wait for the exit. */
  kill9(): Promise<void>;
  /** Resident set size of the server process now, from /proc. */
  rssBytes(): number;
  exited: Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `remix build` unless build/index.js is newer than every file under app/ and db/. */
export function buildOnce(): void {
  const output = path.join(ROOT, "build/index.js");
  const fresh = fs.existsSync(output) && fs.statSync(output).mtimeMs > Math.max(newestMtime(path.join(ROOT, "app")), newestMtime(path.join(ROOT, "db")));
  if (fresh || process.env.BENCH_SKIP_BUILD === "1") return;
  console.log("building the app (remix build)…");
  const result = spawnSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("remix build failed");
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before it answered`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not answer /healthz within ${timeoutMs} ms`);
}

/** The node flags of `npm start` (package.json), so the bench runs the server exactly as it runs. */
function startScriptNodeFlags(): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const words = start.trim().split(/\s+/);
  if (words[0] !== "node" || words.at(-1) !== "build/index.js") throw new Error(`unexpected start script: ${start}`);
  return words.slice(1, -1);
}

/** Starts build/index.js in production mode without demo data and waits until it is healthy. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const profile = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const args = [...startScriptNodeFlags(), ...profile, "build/index.js"];
  const log = options.logFile ? fs.openSync(options.logFile, "a") : null;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: log === null ? "inherit" : ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DEMO_MODE: "0",
      APP_ORIGIN: url,
      ...options.env,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await waitForHealth(url, child, 120_000);
  const pid = child.pid!;
  return {
    pid,
    url,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    async kill9() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
    rssBytes() {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        return kb * 1024;
      } catch {
        return 0;
      }
    },
  };
}
