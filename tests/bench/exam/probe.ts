// What the benchmark reads around its phases: the server's /healthz/metrics (event-loop lag since
// the previous read, memory), the server's RSS from /proc, the client's own CPU, and the machine.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import type { DbHandle } from "#db/client";
import type { ServerMetrics } from "./report";

interface MetricsBody {
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  eventLoopUtilization: number;
}

async function readMetrics(baseUrl: string): Promise<MetricsBody | null> {
  try {
    const response = await fetch(`${baseUrl}/healthz/metrics`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) return null;
    const body = (await response.json()) as MetricsBody;
    return typeof body?.eventLoopDelayMs?.p99 === "number" ? body : null;
  } catch {
    return null;
  }
}

/**
 * Samples one server while a phase runs: /healthz/metrics every `intervalMs` (each read resets the
 * server's histogram, so the phase's figures are the worst interval's p99 and max) and the RSS.
 */
export class ServerSampler {
  private timer: NodeJS.Timeout | null = null;
  private reads: MetricsBody[] = [];
  private rssMax = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly baseUrl: string,
    private readonly rss: () => number,
    private readonly intervalMs = 2000,
  ) {}

  async start(): Promise<void> {
    this.reads = [];
    this.rssMax = this.rss();
    await readMetrics(this.baseUrl); // resets the histogram to the phase's start
    let reading = false;
    this.timer = setInterval(() => {
      this.rssMax = Math.max(this.rssMax, this.rss());
      // A busy server answers late: never two reads at once, or the second covers no time.
      if (reading) return;
      reading = true;
      this.pending = readMetrics(this.baseUrl)
        .then((m) => m && this.reads.push(m))
        .finally(() => (reading = false));
    }, this.intervalMs);
  }

  async stop(): Promise<{ metrics: ServerMetrics | null; rssMaxBytes: number | null }> {
    if (this.timer) clearInterval(this.timer);
    await this.pending;
    const last = await readMetrics(this.baseUrl);
    if (last) this.reads.push(last);
    this.rssMax = Math.max(this.rssMax, this.rss(), ...this.reads.map((r) => r.rssBytes));
    if (this.reads.length === 0) return { metrics: null, rssMaxBytes: this.rssMax || null };
    const p50s = this.reads.map((r) => r.eventLoopDelayMs.p50).sort((a, b) => a - b);
    return {
      metrics: {
        lagP50Ms: p50s[Math.floor(p50s.length / 2)]!,
        lagP99Ms: Math.max(...this.reads.map((r) => r.eventLoopDelayMs.p99)),
        lagMaxMs: Math.max(...this.reads.map((r) => r.eventLoopDelayMs.max)),
        utilization: this.reads.reduce((s, r) => s + r.eventLoopUtilization, 0) / this.reads.length,
      },
      rssMaxBytes: this.rssMax || null,
    };
  }
}

/** CPU of this process since `since` (from process.cpuUsage()), as % of one core over `wallMs`. */
export function cpuPercent(since: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1000 / Math.max(1, wallMs)) * 100;
}

/** Resident memory of a process and its children (the worker processes of a cluster). */
export function rssOf(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return kb * 1024 + children.reduce((sum, child) => sum + rssOf(child), 0);
  } catch {
    return 0;
  }
}

export async function machineInfo(handle: DbHandle): Promise<Array<[string, string]>> {
  const cpuModel = os.cpus()[0]?.model ?? "unknown";
  const rows: Array<[string, string]> = [
    ["CPUs (nproc)", `${os.availableParallelism()} × ${cpuModel}`],
    ["memory", `${Math.round(os.totalmem() / 1073741824)} GiB`],
    ["load average at start", os.loadavg().map((l) => l.toFixed(2)).join(" ")],
    ["node", process.version],
  ];
  if (handle.dialect === "sqlite") {
    const version = await sql<{ v: string }>`select sqlite_version() as v`.execute(handle.db);
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    const level = ["OFF", "NORMAL", "FULL", "EXTRA"][sync.rows[0]?.synchronous ?? -1] ?? "?";
    rows.push(["database", `SQLite ${version.rows[0]?.v} (better-sqlite3), ${handle.location}`]);
    rows.push(["durability", `journal_mode=${journal.rows[0]?.journal_mode}, synchronous=${level} (db/client.ts createDb, as the server opens it)`]);
  } else {
    const v = await sql<Record<string, string | number>>`select version() as version, @@innodb_flush_log_at_trx_commit as flush, @@sync_binlog as sync_binlog, @@log_bin as log_bin, @@innodb_buffer_pool_size as pool, @@innodb_doublewrite as dw`.execute(handle.db);
    const r = v.rows[0]!;
    rows.push(["database", `MariaDB/MySQL ${r.version}, ${handle.location}`]);
    rows.push(["durability", `innodb_flush_log_at_trx_commit=${r.flush}, sync_binlog=${r.sync_binlog}, log_bin=${r.log_bin}, innodb_doublewrite=${r.dw}, buffer pool ${Math.round(Number(r.pool) / 1048576)} MiB`]);
  }
  return rows;
}

export interface CeilingProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts tests/bench/exam/ceiling-server.ts as its own process and waits for its /healthz. */
export async function startCeiling(mode: "http" | "db", port: number, databaseUrl: string, logFile: string): Promise<CeilingProcess> {
  const log = fs.openSync(logFile, "a");
  const script = path.resolve(import.meta.dirname, "ceiling-server.ts");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script, mode, String(port), databaseUrl], { stdio: ["ignore", log, log], env: { ...process.env, NODE_ENV: "production" } });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ceiling ${mode} exited with ${child.exitCode} (see ${logFile})`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`ceiling ${mode} did not start (see ${logFile})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
