// Scenario 6: the overdue sweep in two OS processes at once (two app processes' 30 s timers
// firing together). Every overdue attempt must be closed exactly once, with finish time =
// deadline, graded once, its total the sum of its item scores (DESIGN invariant 2).
import { spawn } from "node:child_process";
import path from "node:path";
import { saveAnswer, startAttempt } from "~/modules/exams/attempts.server";
import { parseStoredContent } from "~/modules/questions/content";
import { seededRng } from "./checks";
import { createBenchExam, type Dataset } from "./dataset";
import { attemptsOf, firstFew, fmtMs, mapLimit, scoreMismatches, type ScenarioResult } from "./harness";

export interface SweepOptions {
  data: Dataset;
  attempts: number;
}

interface ChildReport {
  pid: number;
  closed: number;
  ms: number;
  error: string | null;
}

const MINUTE = 60_000;

function runChild(url: string, startAt: number): Promise<ChildReport> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.resolve("tests/bench/faults/sweep-child.ts"), url, String(startAt)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as ChildReport);
      } catch {
        reject(new Error(`sweep process exited ${code}: ${(err || out).slice(0, 400)}`));
      }
    });
  });
}

export async function sweepScenario(o: SweepOptions): Promise<ScenarioResult> {
  const { db } = o.data;
  const lines: string[] = [];
  const problems: string[] = [];
  const rng = seededRng(7);
  const now = Date.now();
  const examId = await createBenchExam(o.data, "巡检测试：两个进程同时收卷", { opensAt: now - 6 * 60 * MINUTE, closesAt: now + 24 * 60 * MINUTE, durationMinutes: 30 });
  const takers = o.data.takers.slice(0, o.attempts);
  // Attempts started three hours ago (the module takes `now`), a few answers each, never submitted.
  await mapLimit(takers, 8, async (t, i) => {
    const startedAt = now - 3 * 60 * MINUTE + i * 1000;
    const { attemptId } = await startAttempt(db, { examId, taker: { id: t.personId, tier: t.tier, orgUnitId: t.orgUnitId, orgPath: t.orgPath }, now: startedAt });
    const items = await db
      .selectFrom("attempt_items as i")
      .innerJoin("question_versions as v", "v.id", "i.question_version_id")
      .select(["i.position", "v.content"])
      .where("i.attempt_id", "=", attemptId)
      .orderBy("i.position")
      .execute();
    for (const item of items.slice(0, 12)) {
      const content = parseStoredContent(item.content);
      const answer =
        content.type === "single" ? { choice: Math.floor(rng() * content.options.length) }
        : content.type === "multiple" ? { choices: [0, 1, 3].filter(() => rng() < 0.7) }
        : content.type === "truefalse" ? { value: rng() < 0.5 }
        : content.type === "fill" ? { blanks: ["119", rng() < 0.5 ? "120" : "110"] }
        : null;
      await saveAnswer(db, { attemptId, personId: t.personId, position: item.position, answer, seq: 1, now: startedAt + MINUTE });
    }
  });

  const startAt = Date.now() + 4_000;
  const reports = await Promise.all([runChild(o.data.url, startAt), runChild(o.data.url, startAt)]);
  const attempts = await attemptsOf(db, examId);
  const closedTotal = reports.reduce((n, r) => n + r.closed, 0);
  for (const r of reports) if (r.error) problems.push(`sweep process ${r.pid} failed: ${r.error}`);
  if (closedTotal !== attempts.length) problems.push(`the two sweeps report ${closedTotal} closes for ${attempts.length} attempts`);
  for (const a of attempts) {
    if (a.status !== "closed" || a.closed_by !== "deadline" || a.finished_at !== a.deadline_at || a.graded !== 1 || a.score_x100 === null) {
      problems.push(`attempt ${a.id}: ${a.status}/${a.closed_by}, finished ${a.finished_at} vs deadline ${a.deadline_at}, graded ${a.graded}×, score ${a.score_x100}`);
    }
  }
  problems.push(...(await scoreMismatches(db, examId)));
  lines.push(`${attempts.length} overdue attempts; two sweep processes started together: ${reports.map((r) => `pid ${r.pid} closed ${r.closed} in ${fmtMs(r.ms)}`).join("; ")}`);
  lines.push(`closed exactly once with finish = deadline and one grading: ${attempts.filter((a) => a.status === "closed" && a.finished_at === a.deadline_at && a.graded === 1).length}/${attempts.length}`);
  lines.push(...firstFew(problems));
  return { name: "6. the sweep in two processes at once", engine: o.data.engine, pass: problems.length === 0, lines };
}
