// The benchmark's report: one row per phase (rate, latency percentiles, errors by kind, server
// event-loop lag and memory, client CPU, ratio to the ceilings), the targets of the issue with
// met / not met, the machine and the correctness check, as Markdown. Pure: the caller measures.
import type { PhaseSummary } from "./stats";

export interface ServerMetrics {
  /** Per-interval reads of /healthz/metrics: the worst p99 and max, the median p50. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  utilization: number;
}

export interface PhaseResult {
  summary: PhaseSummary;
  /** null when the server has no metrics endpoint (BENCH_METRICS) or the phase ran elsewhere. */
  metrics: ServerMetrics | null;
  serverRssMaxBytes: number | null;
  /** Client process CPU over the phase, % of one core. */
  clientCpuPercent: number;
  /** Offered rate of an open-loop phase (per second). */
  offeredRate?: number;
  note?: string;
}

export interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export interface RunReport {
  title: string;
  command: string;
  startedAt: string;
  machine: Array<[string, string]>;
  phases: PhaseResult[];
  ceilings: Array<{ name: string; okPerSecond: number }>;
  targets: Target[];
  verification: string[];
  verificationPassed: boolean;
  notes: string[];
}

const num = (v: number, digits = 0) => (Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "n/a");
const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(1) : v.toFixed(0)) : "n/a");
export const mib = (bytes: number | null) => (bytes === null || !Number.isFinite(bytes) ? "n/a" : `${Math.round(bytes / 1048576)} MiB`);

export function errorsCell(summary: PhaseSummary): string {
  const parts = Object.entries(summary.errors).map(([k, n]) => `${k} ×${n}`);
  return parts.length ? parts.join(", ") : "0";
}

/** The ratio of a rate to a ceiling, as a percentage string. */
export function ratio(rate: number, ceiling: number | undefined): string {
  if (!ceiling || !Number.isFinite(rate) || !Number.isFinite(ceiling)) return "n/a";
  return `${((rate / ceiling) * 100).toFixed(0)} %`;
}

export function phaseTable(phases: readonly PhaseResult[]): string[] {
  const lines = [
    "| phase | ok/s | requests | p50 ms | p95 ms | p99 ms | max ms | 429 | errors | loop lag p50/p99/max ms | loop util | server RSS max | client CPU |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|",
  ];
  for (const p of phases) {
    const s = p.summary;
    const lag = p.metrics ? `${ms(p.metrics.lagP50Ms)} / ${ms(p.metrics.lagP99Ms)} / ${ms(p.metrics.lagMaxMs)}` : "n/a";
    const util = p.metrics ? `${(p.metrics.utilization * 100).toFixed(0)} %` : "n/a";
    const name = p.offeredRate ? `${s.name} (offered ${num(p.offeredRate)}/s)` : s.name;
    lines.push(
      `| ${name} | ${num(s.okPerSecond)} | ${num(s.requests)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.throttled} | ${errorsCell(s)} | ${lag} | ${util} | ${mib(p.serverRssMaxBytes)} | ${Number.isFinite(p.clientCpuPercent) ? `${p.clientCpuPercent.toFixed(0)} %` : "—"} |`,
    );
  }
  return lines;
}

export function targetTable(targets: readonly Target[]): string[] {
  const lines = ["| target | wanted | measured | |", "|---|---|---|---|"];
  for (const t of targets) lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.met === null ? "not measured" : t.met ? "met" : "**not met**"} |`);
  return lines;
}

export function formatReport(r: RunReport): string {
  const lines: string[] = [`# ${r.title}`, "", `Started ${r.startedAt}. Command:`, "", "```", r.command, "```", "", "## Machine", ""];
  lines.push("| | |", "|---|---|", ...r.machine.map(([k, v]) => `| ${k} | ${v} |`), "");
  lines.push("## Phases", "", ...phaseTable(r.phases), "");
  if (r.ceilings.length) {
    lines.push("Ceilings (bare node:http on this machine, same client, closed loop):", "");
    for (const c of r.ceilings) lines.push(`- ${c.name}: ${num(c.okPerSecond)}/s`);
    lines.push("");
  }
  lines.push("## Targets", "", ...targetTable(r.targets), "");
  lines.push(`## Correctness check: ${r.verificationPassed ? "passed" : "**FAILED**"}`, "", ...r.verification.map((v) => `- ${v}`), "");
  if (r.notes.length) lines.push("## Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  return lines.join("\n");
}

/** What the issue asks of each phase, judged against what this run measured. */
export function evaluateTargets(input: {
  dialect: "sqlite" | "mysql";
  phases: ReadonlyMap<string, PhaseResult>;
  dbCeiling?: number;
  exam?: { takers: number; thinkSeconds: number; errors: number; lostAnswers: number; lagP99Ms: number | null };
}): Target[] {
  const { phases } = input;
  const out: Target[] = [];
  const rate = (name: string) => phases.get(name)?.summary.okPerSecond;
  const judge = (what: string, target: string, value: number | undefined, ok: (v: number) => boolean, show: (v: number) => string) =>
    out.push({ what, target, measured: value === undefined ? "n/a" : show(value), met: value === undefined || Number.isNaN(value) ? null : ok(value) });

  const autosaveTarget = input.dialect === "sqlite" ? 2000 : 1000;
  judge("autosave sustained (closed loop)", `≥ ${num(autosaveTarget)}/s`, rate("autosave"), (v) => v >= autosaveTarget, (v) => `${num(v)}/s`);
  const open = phases.get("autosave open loop");
  judge("autosave p99 at 1,000/s offered", "≤ 100 ms", open && open.offeredRate === 1000 ? open.summary.p99 : undefined, (v) => v <= 100 && open!.summary.errorCount === 0, (v) => `${ms(v)} ms (${num(open!.summary.okPerSecond)}/s done, ${open!.summary.errorCount} errors)`);
  const save = rate("autosave");
  judge("autosave vs database ceiling", "≥ 60 %", save !== undefined && input.dbCeiling ? save / input.dbCeiling : undefined, (v) => v >= 0.6, (v) => `${(v * 100).toFixed(0)} % of ${num(input.dbCeiling!)}/s`);
  // Rates from the spikes (everyone at once); p95 at the target rate, from the paced runs.
  const paced = (name: string) => {
    const run = phases.get(`${name} at 300/s`);
    return run && run.offeredRate === 300 ? run : undefined;
  };
  const pacedP95 = (name: string) => {
    const run = paced(name);
    // Every paced request must succeed, and the run must keep up, for its p95 to count.
    return run ? (run.summary.errorCount === 0 && run.summary.okPerSecond >= 0.95 * 300 ? run.summary.p95 : Number.POSITIVE_INFINITY) : undefined;
  };
  const showPaced = (name: string) => (v: number) => (Number.isFinite(v) ? `${ms(v)} ms at 300/s offered` : `300/s not sustained (${num(paced(name)!.summary.okPerSecond)}/s, ${paced(name)!.summary.errorCount} errors)`);
  judge("start rate (spike)", "≥ 300/s", rate("start"), (v) => v >= 300, (v) => `${num(v)}/s`);
  judge("start p95", "≤ 300 ms", pacedP95("start"), (v) => v <= 300, showPaced("start"));
  judge("submit + grade rate (spike)", "≥ 300/s", rate("submit"), (v) => v >= 300, (v) => `${num(v)}/s`);
  judge("submit + grade p95", "≤ 300 ms", pacedP95("submit"), (v) => v <= 300, showPaced("submit"));
  judge("exam page rate", "≥ 300/s", rate("page"), (v) => v >= 300, (v) => `${num(v)}/s`);
  const login = phases.get("login");
  judge("login rate", "≥ 50/s", login?.summary.okPerSecond, (v) => v >= 50, (v) => `${num(v, 1)}/s`);
  judge("login timeouts", "none", login ? (login.summary.errors.timeout ?? 0) : undefined, (v) => v === 0, (v) => `${v}`);
  if (input.exam) {
    const e = input.exam;
    out.push({ what: "whole exam: takers", target: "30,000", measured: num(e.takers), met: e.takers >= 30_000 });
    out.push({ what: "whole exam: think time", target: "60 s", measured: `${e.thinkSeconds} s`, met: e.thinkSeconds >= 60 });
    out.push({ what: "whole exam: errors", target: "0", measured: String(e.errors), met: e.errors === 0 });
    out.push({ what: "whole exam: lost answers", target: "0", measured: String(e.lostAnswers), met: e.lostAnswers === 0 });
    out.push({ what: "whole exam: event-loop lag p99", target: "≤ 100 ms", measured: e.lagP99Ms === null ? "n/a" : `${ms(e.lagP99Ms)} ms`, met: e.lagP99Ms === null ? null : e.lagP99Ms <= 100 });
  }
  return out;
}
