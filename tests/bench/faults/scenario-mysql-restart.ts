// Scenario 2: MariaDB restarted in the middle of an exam while takers autosave. The app process
// is NOT restarted: during the outage every autosave must get a retryable answer (503 with
// Retry-After, JSON — never a 500 or an HTML error page), the taking page's journal keeps the
// answers and resends them, and once MariaDB is back every answer is stored, pages load and
// submits close each attempt once. A real browser following a link inside the loaded app during
// the outage gets the self-refreshing 系统繁忙 page, which turns back into the page by itself.
import { createDb } from "#db/client";
import { startServer } from "../support/server-process";
import { createAgent, randomAnswer } from "../support/taker-client";
import { BrowserProbe } from "./browser-probe";
import { finalMismatches, seededRng } from "./checks";
import { createBenchExam, type Dataset } from "./dataset";
import { attemptsOf, firstFew, fmtMs, loadPaper, loginAll, mapLimit, sleep, startAndLoad, storedAnswers, type ScenarioResult } from "./harness";
import { otherMariadbUsers, startMariadb, stopMariadb } from "./mariadb";
import { ResponseTally, SyncClient } from "./sync-client";

export interface MysqlRestartOptions {
  data: Dataset;
  port: number;
  logFile: string;
  takers: number;
  editsPerTaker: number;
  seed: number;
}

const OUTAGE_HOLD_MS = 3_000;

/** Waits (up to 10 minutes) until no browser test or other bench seems to be using MariaDB. */
async function waitForQuietMariadb(lines: string[]): Promise<boolean> {
  const until = Date.now() + 10 * 60_000;
  let others = otherMariadbUsers();
  if (others.length) console.log(`     waiting for other MariaDB users to finish before the restart:\n       ${others.join("\n       ")}`);
  while (others.length && Date.now() < until) {
    await sleep(10_000);
    others = otherMariadbUsers();
  }
  if (others.length) lines.push(`not run: other processes still use MariaDB after 10 minutes (${others[0]})`);
  return others.length === 0;
}

export async function mysqlRestartScenario(o: MysqlRestartOptions): Promise<ScenarioResult> {
  const lines: string[] = [];
  const problems: string[] = [];
  const name = "2. MariaDB restarted mid-exam";
  if (!(await waitForQuietMariadb(lines))) return { name, engine: o.data.engine, pass: true, skipped: true, lines };
  const rng = seededRng(o.seed + 2);
  const examId = await createBenchExam(o.data, "数据库重启测试");
  const server = await startServer({ databaseUrl: o.data.url, port: o.port, logFile: o.logFile });
  const agent = createAgent(64);
  const before = new ResponseTally();
  const outage = new ResponseTally();
  const after = new ResponseTally();
  let browser: BrowserProbe | null = null;
  try {
    const takers = await loginAll(server.url, agent, o.data.takers.slice(0, o.takers));
    await mapLimit(takers, 16, (t) => startAndLoad(t, examId));
    const clients = takers.map((t) => new SyncClient(t, before));
    browser = await BrowserProbe.open(server.url, takers[2]!.session.cookieHeader, "/my/exams");

    // Answers keep coming for ~10 s; MariaDB goes down 1.5 s in and stays down a few seconds.
    const editing = Promise.all(
      clients.map(async (client) => {
        for (let e = 0; e < o.editsPerTaker; e++) {
          const item = client.taker.paper[Math.floor(rng() * client.taker.paper.length)]!;
          client.record(item.position, randomAnswer(item, rng));
          await sleep(100 + rng() * 300);
        }
      }),
    );
    await sleep(1_500);
    for (const c of clients) c.tally = outage;
    const outageStarted = Date.now();
    const stopMs = await stopMariadb();
    // A taker reloads the taking page and another presses 交卷 while the database is down.
    const probe = clients[0]!.taker;
    const [page, submit] = await Promise.all([
      probe.session.request("GET", `/attempts/${probe.attemptId}`).catch((e: Error) => ({ status: 0, headers: {}, body: e.message })),
      clients[1]!.taker.session.request("POST", `/attempts/${clients[1]!.taker.attemptId}?index`, { form: { intent: "save" } }).catch((e: Error) => ({ status: 0, headers: {}, body: e.message })),
    ]);
    const describe = (r: { status: number; headers: Record<string, unknown>; body: string }) =>
      `${r.status} ${String(r.headers["content-type"] ?? "").split(";")[0]}${r.headers["retry-after"] ? ` Retry-After ${String(r.headers["retry-after"])}` : ""} «${r.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 40)}»`;
    for (const [what, r] of [["page load", page], ["form post", submit]] as const) {
      if (r.status !== 503) problems.push(`during the outage a ${what} answered ${describe(r)}, not 503`);
    }
    const linkProblem = await browser.followLinkDuringOutage("我的学习", "/learn");
    if (linkProblem) problems.push(linkProblem);
    await sleep(OUTAGE_HOLD_MS);
    const startMs = await startMariadb();
    const browserBackMs = linkProblem ? null : await browser.recovery("/learn", 30_000);
    if (!linkProblem && browserBackMs === null) problems.push(`the browser's 系统繁忙 page did not turn back into the page within 30 s: «${await browser.visibleText()}»`);
    const outageMs = Date.now() - outageStarted;
    for (const c of clients) c.tally = after;
    lines.push(`${clients.length} takers autosaving; MariaDB shutdown took ${fmtMs(stopMs)}, held down ${fmtMs(OUTAGE_HOLD_MS)}, start until ping ${fmtMs(startMs)}: ${fmtMs(outageMs)} without a database`);

    await editing;
    const drainStarted = Date.now();
    while (clients.some((c) => c.pending() > 0) && Date.now() - drainStarted < 90_000) await sleep(100);
    const drainMs = Date.now() - drainStarted;
    for (const c of clients) c.stop();
    await Promise.all(clients.map((c) => c.settled()));
    const left = clients.reduce((n, c) => n + c.pending(), 0);
    if (left) problems.push(`${left} answers still unacknowledged ${fmtMs(drainMs)} after the edits ended`);
    const refusals = clients.flatMap((c) => c.refusals);
    if (refusals.length) problems.push(`${refusals.length} saves refused (answers dropped from the journal), e.g. ${refusals[0]}`);

    const badDuringOutage = [...outage.counts].filter(([k]) => !(k === "200" || k.startsWith("503 json") || k.startsWith("network")));
    for (const [kind, n] of badDuringOutage) problems.push(`during the outage ${n} autosaves answered ${kind}, not a retryable 503 JSON: ${outage.samples.get(kind) ?? ""}`);
    const badAfter = [...after.counts].filter(([k]) => k !== "200" && !k.startsWith("503 json") && !k.startsWith("network"));
    for (const [kind, n] of badAfter) problems.push(`after MariaDB was back ${n} autosaves answered ${kind}: ${after.samples.get(kind) ?? ""}`);
    lines.push(`autosave responses before: ${before.summary()}`);
    lines.push(`during the outage: ${outage.summary()}; a taking-page load answered ${describe(page)}; a 保存 form post answered ${describe(submit)}`);
    lines.push(`after MariaDB was back: ${after.summary()}; journals drained ${fmtMs(drainMs)} after the last edit`);
    lines.push(
      `a browser following 「我的学习」 inside the app during the outage: ${linkProblem ? "no 系统繁忙 page" : `the self-refreshing 系统繁忙 page at /learn, ${browserBackMs === null ? "which did not come back" : `back to the page by itself ${fmtMs(browserBackMs)} after MariaDB answered`}`}`,
    );

    const health = await fetch(`${server.url}/healthz`).then((r) => r.status).catch(() => 0);
    const reloads = await mapLimit(clients, 16, async (c) => (await loadPaper(c.taker)).status);
    const badReloads = reloads.filter((s) => s !== 200);
    if (health !== 200) problems.push(`/healthz answered ${health} after the restart`);
    if (badReloads.length) problems.push(`${badReloads.length} taking-page loads failed (${[...new Set(badReloads)].join(", ")})`);

    const check = createDb(o.data.url, { poolSize: 2 });
    try {
      const stored = await storedAnswers(check.db, takers.map((t) => t.attemptId!));
      let intended = 0;
      const mismatches: string[] = [];
      for (const c of clients) {
        intended += c.intended.size;
        mismatches.push(...finalMismatches(c.intended, stored.get(c.taker.attemptId!) ?? new Map(), `attempt ${c.taker.attemptId} `));
      }
      problems.push(...mismatches);
      lines.push(`final state: ${intended - mismatches.length}/${intended} positions equal the last intended answer; /healthz ${health}; page loads ${reloads.length - badReloads.length}/${reloads.length} OK`);

      const submits = await mapLimit(clients, 16, async (c) => c.taker.submit());
      const badSubmits = submits.filter((r, i) => r.status !== 302 || r.headers.location !== `/attempts/${clients[i]!.taker.attemptId}/result`);
      if (badSubmits.length) problems.push(`${badSubmits.length} submits failed, e.g. ${badSubmits[0]!.status} ${badSubmits[0]!.body.slice(0, 80)}`);
      const attempts = await attemptsOf(check.db, examId);
      const closedOnce = attempts.filter((a) => a.status === "closed" && a.closed_by === "submit" && a.graded === 1).length;
      if (closedOnce !== attempts.length) problems.push(`${attempts.length - closedOnce} attempts not closed exactly once by the submit`);
      lines.push(`submits: ${submits.length - badSubmits.length}/${submits.length} → result page; closed once and graded once: ${closedOnce}/${attempts.length}`);
    } finally {
      await check.db.destroy();
    }
    lines.push(...firstFew(problems, 8));
    return { name, engine: o.data.engine, pass: problems.length === 0, lines };
  } finally {
    await browser?.close();
    await server.stop();
    agent.destroy();
  }
}
