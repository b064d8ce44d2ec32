// Top self-time functions of a V8 .cpuprofile (what `node --cpu-prof` writes), for the report:
//
//   npx tsx tests/bench/exam/profile-top.ts <file.cpuprofile> [--phase NAME] [--top N]
//
// --phase keeps the samples taken during that phase of the run, from phases.json (written by
// bench:exam next to the profile; both use CLOCK_MONOTONIC, so the windows line up).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

/** Self time per function (summed over every node of the same function and place), largest first. */
export function topSelfTime(profile: CpuProfile, count = 25, window?: { fromUs: number; toUs: number }): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; ms: number }>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const name = frame.functionName || "(anonymous)";
    const where = frame.url ? `${frame.url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "~/")}:${frame.lineNumber + 1}` : "";
    const key = `${name}@${where}`;
    const entry = self.get(key) ?? { name, where, ms: 0 };
    entry.ms += ms;
    self.set(key, entry);
  });
  return [...self.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((e) => ({ ...e, share: total ? e.ms / total : 0 }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { phase: { type: "string" }, top: { type: "string", default: "25" } } });
  const file = positionals[0];
  if (!file) {
    console.error("usage: profile-top.ts <file.cpuprofile> [--phase NAME] [--top N]");
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  let window: { fromUs: number; toUs: number } | undefined;
  if (values.phase) {
    const phases = JSON.parse(fs.readFileSync(path.join(path.dirname(file), "phases.json"), "utf8")) as Array<{ name: string; fromUs: number; toUs: number }>;
    window = phases.find((p) => p.name === values.phase);
    if (!window) throw new Error(`no phase "${values.phase}" in phases.json: ${phases.map((p) => p.name).join(", ")}`);
  }
  console.log("| self ms | share | function | where |\n|---:|---:|---|---|");
  for (const e of topSelfTime(profile, Number(values.top), window)) console.log(`| ${e.ms.toFixed(0)} | ${(e.share * 100).toFixed(1)} % | ${e.name} | ${e.where} |`);
}
