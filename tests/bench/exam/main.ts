// City-wide exam load benchmark: the production server as its own process on a city-scale data set,
// driven over real HTTP by virtual takers (this process), phase by phase, with the two ceilings
// (bare node:http; bare node:http + the minimal autosave SQL) measured by the same client, and a
// correctness check from the database at the end.
//
//   npm run bench:exam [-- --db mysql --phase all|login|start|page|autosave|submit|exam ...]
//
// See --help for every option. Figures are noisy on a shared machine: compare ratios within a run.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "#db/client";
import { buildOnce, startServer, type ServerProcess } from "../support/server-process";
import { createAgent, randomAnswer } from "../support/taker-client";
import { benchEmployeeNo, BENCH_PASSWORD, databaseUrl, openDatabase, prepareDataset, resetExam, type Dataset } from "./dataset";
import { AckLog, pageAnomalies, closedLoop, createTakers, forEachLimited, loadPage, loginWithRetry, openLoop, saveOne, startAttempt, submitAttempt, type VirtualTaker } from "./driver";
import { cpuPercent, machineInfo, ServerSampler, startCeiling, rssOf } from "./probe";
import { evaluateTargets, formatReport, mib, phaseTable, type PhaseResult, type RunReport } from "./report";
import { answeringOrder, loginOffsets, openLoopOffsets, seededRng, thinkMs } from "./schedule";
import { PhaseRecorder } from "./stats";
import { verifyPassed, verifyRun } from "./verify";

const PHASES = ["all", "login", "start", "page", "autosave", "submit", "exam"] as const;

const HELP = `npm run bench:exam -- [options]
  --db sqlite|mysql       database (default sqlite: data/bench/exam.db; mysql: bench_exam on 127.0.0.1:3306)
  --phase P               ${PHASES.join("|")} (default all: the focused phases, then a smaller whole exam)
  --takers N              focused-phase cohort, and the whole exam's takers with --phase exam (default 300)
  --exam-takers N         the whole exam's takers under --phase all (default 400)
  --paced N               more takers who start, and later submit, at 300/s offered (open loop) for
                          the p95 targets; the --takers cohort does the spikes (default 900; 0 = none)
  --think S               whole exam: mean seconds between answers, randomised ±50 % (default 2)
  --answers N             whole exam: questions each taker answers before submitting (default 10; 100 = all)
  --login-window S        whole exam: logins spread over this many seconds before the start (default 10)
  --duration S            seconds of each closed/open-loop phase (autosave, page, ceilings) (default 15)
  --rate R                offered autosaves per second of the open-loop run (default 1000)
  --connections N         client keep-alive connections to each server (default 64)
  --workers N             server worker processes, WEB_CONCURRENCY (default 1: one process)
  --accounts N            bench grid-worker accounts in the data set (default 30000)
  --questions N           questions in the bench bank (default 5000)
  --port P                first port: app P, ceilings P+10, P+11 (default 4100 sqlite, 4120 mysql)
  --fresh                 rebuild the data set from scratch
  --cpu-prof              run the server with --cpu-prof (profiles under tests/bench/results/profiles/)
  --no-ceilings           skip the two ceiling processes
  --no-write              print only; do not write tests/bench/results/*.md`;

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    phase: { type: "string", default: "all" },
    takers: { type: "string", default: "300" },
    "exam-takers": { type: "string", default: "400" },
    paced: { type: "string", default: "900" },
    think: { type: "string", default: "2" },
    answers: { type: "string", default: "10" },
    "login-window": { type: "string", default: "10" },
    duration: { type: "string", default: "15" },
    rate: { type: "string", default: "1000" },
    connections: { type: "string", default: "64" },
    workers: { type: "string", default: "1" },
    accounts: { type: "string", default: "30000" },
    questions: { type: "string", default: "5000" },
    port: { type: "string" },
    fresh: { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    "no-ceilings": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive whole number, got "${value}"\n\n${HELP}`);
    process.exit(2);
  }
  return n;
}

const dialect = values.db === "mysql" ? "mysql" : values.db === "sqlite" ? "sqlite" : null;
const phase = PHASES.find((p) => p === values.phase);
if (!dialect || !phase) {
  console.error(`unknown --db or --phase\n\n${HELP}`);
  process.exit(2);
}
const opts = {
  takers: positiveInt("takers", values.takers),
  examTakers: positiveInt("exam-takers", values["exam-takers"]),
  paced: values.paced === "0" ? 0 : positiveInt("paced", values.paced),
  thinkS: Number(values.think),
  answers: positiveInt("answers", values.answers),
  loginWindowS: Number(values["login-window"]),
  durationMs: positiveInt("duration", values.duration) * 1000,
  rate: positiveInt("rate", values.rate),
  connections: positiveInt("connections", values.connections),
  workers: positiveInt("workers", values.workers),
  accounts: positiveInt("accounts", values.accounts),
  questions: positiveInt("questions", values.questions),
  port: values.port ? positiveInt("port", values.port) : dialect === "mysql" ? 4120 : 4100,
};
if (!(opts.thinkS >= 0) || !(opts.loginWindowS >= 0)) {
  console.error("--think and --login-window must be non-negative numbers");
  process.exit(2);
}

const RESULTS = path.resolve("tests/bench/results");
const LOGS = path.resolve("data/bench/logs");
const REQUEST_TIMEOUT_MS = 60_000;
const log = (line: string) => console.log(line);

const focused = phase === "all" ? ["login", "start", "page", "autosave", "submit"] : phase === "exam" ? [] : [phase];
const needs = {
  login: focused.length > 0,
  start: focused.some((p) => p !== "login"),
  page: focused.some((p) => p === "page" || p === "autosave" || p === "submit"),
  autosave: focused.includes("autosave"),
  submit: focused.includes("submit"),
  exam: phase === "all" || phase === "exam",
};
const examTakerCount = phase === "exam" ? opts.takers : opts.examTakers;
const focusedCount = focused.length > 0 ? opts.takers : 0;
// The p95 targets for start and submit are at 300/s: a spike of N at once measures the
// rate, but its p95 is about N / rate by construction, so a second cohort is paced at that rate.
const PACED_RATE = 300;
const pacedCount = focused.includes("start") || focused.includes("submit") ? opts.paced : 0;
if (focusedCount + pacedCount + (needs.exam ? examTakerCount : 0) > opts.accounts) {
  console.error(`not enough accounts: ${focusedCount} + ${pacedCount} + ${needs.exam ? examTakerCount : 0} takers need more --accounts`);
  process.exit(2);
}

const results: PhaseResult[] = [];
const byName = new Map<string, PhaseResult>();
const acks = new AckLog();
const submitted: number[] = [];
const notes: string[] = [];
/** Each phase's window on CLOCK_MONOTONIC (µs), the clock V8 stamps CPU profiles with on Linux. */
const phaseWindows: Array<{ name: string; fromUs: number; toUs: number }> = [];
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Runs one measured phase: server sampling, client CPU, a recorder; prints its row at the end. */
async function measure(server: { url: string; pid: number } | null, name: string, body: (rec: PhaseRecorder) => Promise<void>, extra: Partial<PhaseResult> = {}): Promise<PhaseResult> {
  const recorder = new PhaseRecorder(name);
  const sampler = server ? new ServerSampler(server.url, () => rssOf(server.pid)) : null;
  await sampler?.start();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const fromUs = monotonicUs();
  recorder.start(t0);
  await body(recorder);
  const t1 = performance.now();
  phaseWindows.push({ name, fromUs, toUs: monotonicUs() });
  recorder.end(t1);
  const sampled = sampler ? await sampler.stop() : { metrics: null, rssMaxBytes: null };
  const result: PhaseResult = { summary: recorder.summary(), metrics: sampled.metrics, serverRssMaxBytes: sampled.rssMaxBytes, clientCpuPercent: cpuPercent(cpu, t1 - t0), ...extra };
  results.push(result);
  byName.set(name, result);
  console.log(phaseTable([result]).at(-1));
  if (result.clientCpuPercent > 85) notes.push(`phase ${name}: the client used ${result.clientCpuPercent.toFixed(0)} % of a core — it may be the limit there, not the server`);
  return result;
}

async function focusedPhases(server: ServerProcess, db: Db, dataset: Dataset, agent: ReturnType<typeof createAgent>): Promise<VirtualTaker[]> {
  const serials = Array.from({ length: focusedCount + pacedCount }, (_, i) => i + 1);
  const takers = createTakers(server.url, agent, serials, benchEmployeeNo, BENCH_PASSWORD, REQUEST_TIMEOUT_MS);
  console.log(phaseTable([]).join("\n"));

  // Login: all at once; 429 answers are waited out (Retry-After) and retried until in.
  const loginResult = await measure(server, "login", async (rec) => {
    const giveUpAt = performance.now() + 300_000;
    await Promise.all(takers.map((t) => loginWithRetry(t, rec, giveUpAt)));
  });
  const loggedIn = takers.filter((t) => t.loggedIn);
  if (loggedIn.length < takers.length) notes.push(`login: ${takers.length - loggedIn.length} of ${takers.length} takers never got in`);
  void loginResult;
  if (!needs.start) return loggedIn;
  const spikeCohort = loggedIn.filter((t) => t.serial <= focusedCount);
  const pacedCohort = loggedIn.filter((t) => t.serial > focusedCount);

  // Start: every taker of the spike cohort starts at once (draw and freeze 100 questions each).
  await measure(server, "start", async (rec) => {
    await Promise.all(spikeCohort.map((t) => startAttempt(t, dataset.examId, rec)));
  });
  if (pacedCohort.length) {
    await measure(server, `start at ${PACED_RATE}/s`, async (rec) => {
      await openLoop(pacedCohort, openLoopOffsets(PACED_RATE, (pacedCohort.length / PACED_RATE) * 1000), (t) => startAttempt(t, dataset.examId, rec));
    }, { offeredRate: PACED_RATE });
  }
  const started = loggedIn.filter((t) => t.taker.attemptId !== null);
  if (!needs.page) return started;

  // Page: the taking page, closed loop; every taker's paper is read at least once.
  await measure(server, "page", async (rec) => {
    await closedLoop(started, opts.connections, Math.min(opts.durationMs, 10_000), (t) => loadPage(t, rec));
  });
  const unread = started.filter((t) => t.taker.paper.length === 0);
  if (unread.length) {
    const rec = new PhaseRecorder("page (setup)");
    await forEachLimited(unread, opts.connections, (t) => loadPage(t, rec));
  }
  const ready = started.filter((t) => t.taker.paper.length > 0);

  if (needs.autosave) {
    const pick = (t: VirtualTaker) => t.taker.paper[Math.floor(t.rng() * t.taker.paper.length)]!;
    await measure(server, "autosave", async (rec) => {
      await closedLoop(ready, opts.connections, opts.durationMs, (t) => saveOne(t, pick(t), rec, acks));
    });
    const offsets = openLoopOffsets(opts.rate, opts.durationMs);
    await measure(
      server,
      "autosave open loop",
      async (rec) => {
        // Offer stops once 1 s worth of requests are waiting: the p99 target is already missed then.
        const { lateMs, sent, stoppedAtMs } = await openLoop(ready, offsets, (t, dueAt) => saveOne(t, pick(t), rec, acks, { sentAt: dueAt }), opts.rate);
        if (lateMs > 50) notes.push(`autosave open loop: the client sent up to ${lateMs.toFixed(0)} ms late (counted in the latencies)`);
        if (stoppedAtMs !== null) notes.push(`autosave open loop: the server fell behind; offering stopped after ${(stoppedAtMs / 1000).toFixed(1)} s with ${sent} of ${offsets.length} requests sent and ${opts.rate} waiting`);
      },
      { offeredRate: opts.rate },
    );
    if (!values["no-ceilings"]) await ceilings(ready, agent);
  }

  if (needs.submit) {
    await fillAnswers(db, ready);
    const submitOne = async (t: VirtualTaker, rec: PhaseRecorder) => {
      if (await submitAttempt(t, rec)) submitted.push(t.taker.attemptId!);
    };
    const spikeReady = ready.filter((t) => t.serial <= focusedCount);
    const pacedReady = ready.filter((t) => t.serial > focusedCount);
    await measure(server, "submit", async (rec) => {
      await Promise.all(spikeReady.map((t) => submitOne(t, rec)));
    });
    if (pacedReady.length) {
      await measure(server, `submit at ${PACED_RATE}/s`, async (rec) => {
        await openLoop(pacedReady, openLoopOffsets(PACED_RATE, (pacedReady.length / PACED_RATE) * 1000), (t) => submitOne(t, rec));
      }, { offeredRate: PACED_RATE });
    }
  }
  return ready;
}

/** The two ceilings, each its own process, driven exactly like the autosave phase. */
async function ceilings(ready: VirtualTaker[], agent: ReturnType<typeof createAgent>) {
  for (const [mode, offset] of [["http", 10], ["db", 11]] as const) {
    const ceiling = await startCeiling(mode, opts.port + offset, databaseUrl(dialect!), path.join(LOGS, `ceiling-${mode}-${dialect}.log`));
    try {
      const pick = (t: VirtualTaker) => t.taker.paper[Math.floor(t.rng() * t.taker.paper.length)]!;
      await measure({ url: ceiling.url, pid: ceiling.pid }, `ceiling: ${mode === "http" ? "bare node:http" : "node:http + session + upsert"}`, async (rec) => {
        // Not acknowledged into the AckLog: these writes are the ceiling's, not the app's. Their
        // seqs come from the same counters, so the app's later saves still outrank them.
        await closedLoop(ready, opts.connections, opts.durationMs, (t) => saveOne(t, pick(t), rec, null, { otherServer: ceiling.url }));
      });
    } finally {
      await ceiling.stop();
    }
  }
  void agent;
}

/** Before the submit phase: every question of every attempt answered (straight into the DB, unmeasured). */
async function fillAnswers(db: Db, ready: VirtualTaker[]) {
  const t0 = performance.now();
  const now = Date.now();
  const rows = ready.flatMap((t) => t.taker.paper.map((item) => ({ attempt_id: t.taker.attemptId!, position: item.position, answer: JSON.stringify(randomAnswer(item, t.rng)), seq: 1, flagged: 0, saved_at: now })));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto("attempt_answers").values(rows.slice(i, i + 500)).orIgnore().execute();
  log(`(submit setup: ${rows.length.toLocaleString("en-US")} answers filled where missing in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

/** The whole exam: logins over the window, the start spike, answering with think time, the final rush. */
async function wholeExam(server: ServerProcess, dataset: Dataset, agent: ReturnType<typeof createAgent>, firstSerial: number) {
  const serials = Array.from({ length: examTakerCount }, (_, i) => firstSerial + i);
  const takers = createTakers(server.url, agent, serials, benchEmployeeNo, BENCH_PASSWORD, REQUEST_TIMEOUT_MS);
  const rng = seededRng(42);
  const windowMs = opts.loginWindowS * 1000;
  const offsets = loginOffsets(takers.length, windowMs, rng);
  const thinkMean = opts.thinkS * 1000;
  const recs = { login: new PhaseRecorder("exam: login"), start: new PhaseRecorder("exam: start"), page: new PhaseRecorder("exam: page"), save: new PhaseRecorder("exam: autosave"), submit: new PhaseRecorder("exam: submit") };
  let finished = 0;
  log(`whole exam: ${takers.length} takers, logins over ${opts.loginWindowS} s, ${opts.answers} answers each at ${opts.thinkS} s ±50 % think`);
  const result = await measure(server, "whole exam", async (all) => {
    const base = performance.now();
    for (const r of Object.values(recs)) r.start(base);
    const startAt = base + windowMs + 1000;
    const rushAt = startAt + opts.answers * thinkMean * 1.5;
    const rushWindow = Math.max(2000, thinkMean);
    const until = (t: number) => sleep(Math.max(0, t - performance.now()));
    const progress = setInterval(() => log(`  … ${Math.round((performance.now() - base) / 1000)} s: ${takers.filter((t) => t.loggedIn).length} in, ${takers.filter((t) => t.taker.attemptId).length} started, ${acks.count} saves acknowledged, ${finished} submitted`), 10_000);
    try {
      await Promise.all(
        takers.map(async (t, i) => {
          await until(base + offsets[i]!);
          if (!(await loginWithRetry(t, recs.login, startAt + 300_000))) return;
          await until(startAt);
          if (!(await startAttempt(t, dataset.examId, recs.start))) return;
          if (!(await loadPage(t, recs.page))) return;
          for (const position of answeringOrder(t.taker.paper.length, opts.answers)) {
            await sleep(thinkMs(thinkMean, t.rng));
            await saveOne(t, t.taker.paper[position - 1]!, recs.save, acks);
          }
          await until(rushAt + t.rng() * rushWindow);
          if (await submitAttempt(t, recs.submit)) {
            submitted.push(t.taker.attemptId!);
            finished++;
          }
        }),
      );
    } finally {
      clearInterval(progress);
    }
    // The whole exam's own row counts every request of every step.
    for (const r of Object.values(recs)) {
      r.end(performance.now());
      all.merge(r);
    }
  });
  for (const r of Object.values(recs)) {
    const step: PhaseResult = { summary: r.summary(), metrics: null, serverRssMaxBytes: null, clientCpuPercent: Number.NaN, note: "part of the whole exam" };
    results.push(step);
    byName.set(step.summary.name, step);
    console.log(phaseTable([step]).at(-1));
  }
  return { result, finished, takers: takers.length };
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.mkdirSync(LOGS, { recursive: true });
  const startedAt = new Date();
  const command = `npm run bench:exam -- ${process.argv.slice(2).join(" ")}`.trim();
  log(`exam benchmark on ${dialect}: phase ${phase}`);
  const handle = await openDatabase(dialect!, { fresh: values.fresh });
  const { db } = handle;
  let server: ServerProcess | null = null;
  let exitCode = 0;
  try {
    const dataset = await prepareDataset(db, { accounts: opts.accounts, questions: opts.questions }, log);
    const t0 = performance.now();
    await resetExam(db, dataset.examId);
    log(`reset: the exam's attempts deleted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const machine = await machineInfo(handle);

    buildOnce();
    const profDir = values["cpu-prof"] ? path.join(RESULTS, "profiles", `${dialect}-${startedAt.toISOString().replace(/[:.]/g, "-")}`) : undefined;
    if (profDir) fs.mkdirSync(profDir, { recursive: true });
    server = await startServer({
      databaseUrl: databaseUrl(dialect!),
      port: opts.port,
      env: { BENCH_METRICS: "1", WEB_CONCURRENCY: String(opts.workers) },
      cpuProfDir: profDir,
      logFile: path.join(LOGS, `server-${dialect}.log`),
    });
    log(`server: pid ${server.pid} at ${server.url} (RSS ${mib(server.rssBytes())})`);
    const agent = createAgent(opts.connections);

    if (focused.length) await focusedPhases(server, db, dataset, agent);
    let exam: Awaited<ReturnType<typeof wholeExam>> | null = null;
    if (needs.exam) exam = await wholeExam(server, dataset, agent, focusedCount + pacedCount + 1);
    agent.destroy();

    await server.stop();
    server = null;
    if (profDir) {
      const files = fs.readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
      fs.writeFileSync(path.join(profDir, "phases.json"), JSON.stringify(phaseWindows, null, 1));
      const shown = files.map((f) => path.relative(process.cwd(), path.join(profDir, f)));
      notes.push(`CPU profile of the server: ${shown.join(", ") || "none written"}; one phase's top self time: \`npx tsx tests/bench/exam/profile-top.ts ${shown[0] ?? "<file>"} --phase autosave\``);
      log(`CPU profile(s): ${shown.join(", ")}`);
    }

    log("checking correctness from the database…");
    const verification = await verifyRun(db, { examId: dataset.examId, acks, submittedAttemptIds: submitted });
    const passed = verifyPassed(verification);
    const lines = [
      `acknowledged saves: ${verification.acknowledged.toLocaleString("en-US")} (${verification.ackSlots.toLocaleString("en-US")} answer slots); lost or different in the database: ${verification.lostOrWrong}`,
      `submitted attempts: ${verification.submitted}; closed once with a finish time and one grading event: ${verification.closedOk}; problems: ${verification.closeProblems}`,
      `closed attempts regraded independently: ${verification.regraded}; score mismatches: ${verification.scoreMismatches}`,
      ...verification.samples.map((s) => `example: ${s}`),
    ];
    const dbCeiling = byName.get("ceiling: node:http + session + upsert")?.summary.okPerSecond;
    const httpCeiling = byName.get("ceiling: bare node:http")?.summary.okPerSecond;
    const examErrors = exam ? results.filter((r) => r.summary.name.startsWith("exam: ")).reduce((n, r) => n + r.summary.errorCount, 0) : 0;
    const targets = evaluateTargets({
      dialect: dialect!,
      phases: byName,
      dbCeiling,
      exam: exam ? { takers: exam.takers, thinkSeconds: opts.thinkS, errors: examErrors + (exam.takers - exam.finished), lostAnswers: verification.lostOrWrong, lagP99Ms: exam.result.metrics?.lagP99Ms ?? null } : undefined,
    });
    const autosave = byName.get("autosave")?.summary.okPerSecond;
    const ceilingsOut = [
      ...(httpCeiling ? [{ name: `HTTP ceiling (tiny JSON): autosave is ${autosave ? ((autosave / httpCeiling) * 100).toFixed(0) : "n/a"} % of it`, okPerSecond: httpCeiling }] : []),
      ...(dbCeiling ? [{ name: `database ceiling (session lookup + upsert): autosave is ${autosave ? ((autosave / dbCeiling) * 100).toFixed(0) : "n/a"} % of it`, okPerSecond: dbCeiling }] : []),
    ];
    if (exam && exam.finished < exam.takers) notes.push(`whole exam: ${exam.takers - exam.finished} of ${exam.takers} takers did not finish (counted as errors)`);
    if (results.some((r) => r.metrics === null && !r.note && !r.summary.name.startsWith("ceiling"))) notes.push("server metrics: /healthz/metrics not available (BENCH_METRICS endpoint missing) — lag shown as n/a");
    if (pageAnomalies.withNul) notes.push(`app bug: ${pageAnomalies.withNul} of ${pageAnomalies.pages} taking pages contained NUL bytes (React 18.3.1 renderToPipeableStream pads a 2 KB chunk with zeros when a 3-byte character does not fit its end, react/react#31134); the client strips them before reading the page`);
    notes.push("Latencies count successful requests only; 429 with Retry-After is counted apart and retried, not an error. Client and server share this machine's CPUs.");
    const report: RunReport = {
      title: `City-wide exam benchmark — ${dialect}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
      command,
      startedAt: startedAt.toISOString(),
      machine: [
        ...machine,
        ["data set", `${opts.accounts.toLocaleString("en-US")} bench grid-worker accounts, ${opts.questions.toLocaleString("en-US")} questions, ${dataset.paperQuestions}-question drawn paper, exam #${dataset.examId}`],
        ["client", `this process, ${opts.connections} keep-alive connections per server, ${focusedCount} focused takers (spikes), ${pacedCount} paced at ${PACED_RATE}/s, ${needs.exam ? examTakerCount : 0} whole-exam takers`],
      ],
      phases: results,
      ceilings: ceilingsOut,
      targets,
      verification: lines,
      verificationPassed: passed,
      notes,
    };
    const markdown = formatReport(report);
    console.log(`\n${markdown}`);
    if (!values["no-write"]) {
      const stamp = startedAt.toISOString().replace(/[:.]/g, "-").slice(0, 19);
      const file = path.join(RESULTS, `exam-${dialect}-${stamp}.md`);
      fs.writeFileSync(file, markdown);
      fs.writeFileSync(path.join(RESULTS, `latest-exam-${dialect}.md`), markdown);
      log(`written: ${path.relative(process.cwd(), file)} and latest-exam-${dialect}.md`);
    }
    if (!passed) {
      console.error("correctness check FAILED");
      exitCode = 1;
    }
  } finally {
    await server?.stop();
    await db.destroy();
  }
  process.exit(exitCode);
}

await main();
