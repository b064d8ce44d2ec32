// The Markdown report of a fault run.
import os from "node:os";
import type { Engine } from "./dataset";
import type { ScenarioResult } from "./harness";

export interface ReportInput {
  started: Date;
  finished: Date;
  engines: Engine[];
  takers: number;
  edits: number;
  seed: number;
  results: ScenarioResult[];
  /** Findings outside any one scenario. */
  notes: string[];
}

export function renderReport(r: ReportInput): string {
  const failed = r.results.filter((x) => !x.pass).length;
  const skipped = r.results.filter((x) => x.skipped).length;
  const verdict = (x: ScenarioResult) => (x.skipped ? "SKIPPED" : x.pass ? "PASS" : "**FAIL**");
  const out = [
    `# Fault benchmark (${r.started.toISOString()})`,
    "",
    `Command: \`npm run bench:faults -- --db ${r.engines.length > 1 ? "both" : r.engines[0]} --takers ${r.takers} --edits ${r.edits} --seed ${r.seed}\``,
    `Machine: ${os.cpus().length} cores, Node ${process.version}; took ${Math.round((r.finished.getTime() - r.started.getTime()) / 1000)} s.`,
    "",
    `**${failed ? `${failed} of ${r.results.length} scenario runs FAILED` : `All ${r.results.length - skipped} scenario runs passed`}${skipped ? `, ${skipped} skipped` : ""}.**`,
    "",
    "| scenario | engine | result |",
    "|---|---|---|",
    ...r.results.map((x) => `| ${x.name} | ${x.engine} | ${verdict(x)} |`),
    "",
  ];
  if (r.notes.length) out.push("## Other findings", "", ...r.notes.map((n) => `- ${n}`), "");
  for (const x of r.results) {
    out.push(`## ${verdict(x).replaceAll("*", "")} · ${x.name} · ${x.engine}`, "");
    for (const line of x.lines) out.push(line.startsWith("  - ") ? line.trimStart() : `- ${line}`);
    out.push("");
  }
  return out.join("\n");
}
