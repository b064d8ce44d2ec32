// Scenario 1: kill -9 of the app in the middle of an autosave burst. Every answer a client saw
// acknowledged must be in the database after the crash; after a restart on the same database the
// clients' journals resend the rest and the final state is each taker's last intended answer.
import { createDb } from "#db/client";
import { startServer, type ServerProcess } from "../support/server-process";
import { createAgent, randomAnswer } from "../support/taker-client";
import { finalMismatches, lostAcknowledged, seededRng } from "./checks";
import { createBenchExam, type Dataset } from "./dataset";
import { attemptsOf, firstFew, fmtMs, loadPaper, loginAll, mapLimit, sleep, startAndLoad, storedAnswers, type ScenarioResult } from "./harness";
import { ResponseTally, SyncClient } from "./sync-client";

export interface Kill9Options {
  data: Dataset;
  port: number;
  logFile: string;
  takers: number;
  /** Acknowledged saves per taker (on average) before the kill. */
  acksPerTakerBeforeKill: number;
  seed: number;
}

export async function kill9Scenario(o: Kill9Options): Promise<ScenarioResult> {
  const lines: string[] = [];
  const problems: string[] = [];
  const rng = seededRng(o.seed);
  const examId = await createBenchExam(o.data, "断电测试：进程被强制结束");
  const accounts = o.data.takers.slice(0, o.takers);
  let server: ServerProcess = await startServer({ databaseUrl: o.data.url, port: o.port, logFile: o.logFile });
  const agent = createAgent(64);
  const tally = new ResponseTally();
  try {
    const takers = await loginAll(server.url, agent, accounts);
    await mapLimit(takers, 16, (t) => startAndLoad(t, examId));
    const clients = takers.map((t) => new SyncClient(t, tally));

    // The burst: every taker changes an answer every 150–450 ms (the journal coalesces them per
    // question, as on a phone); the server dies once enough saves are acknowledged, with saves in
    // flight; the takers keep answering for another second against the dead server.
    const burstStarted = Date.now();
    const target = o.takers * o.acksPerTakerBeforeKill;
    const acks = () => clients.reduce((n, c) => n + c.ackCount, 0);
    let killedAt = 0;
    let ackedAtKill = 0;
    let inFlightAtKill = 0;
    const killer = (async () => {
      while (acks() < target && Date.now() - burstStarted < 30_000) await sleep(5);
      ackedAtKill = acks();
      inFlightAtKill = tally.total();
      await server.kill9();
      killedAt = Date.now() - burstStarted;
    })();
    let edits = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (killedAt === 0 || Date.now() - burstStarted < killedAt + 1_000) {
          const item = client.taker.paper[Math.floor(rng() * client.taker.paper.length)]!;
          client.record(item.position, randomAnswer(item, rng));
          edits++;
          await sleep(150 + rng() * 300);
        }
      }),
    );
    await killer;
    lines.push(
      `${clients.length} takers changing answers every 150–450 ms (${edits} changes); kill -9 at ${fmtMs(killedAt)} after ${ackedAtKill} acknowledged saves (${inFlightAtKill} responses so far, the rest in flight)`,
    );

    // The server is dead: the database must hold everything acknowledged.
    for (const c of clients) c.stop();
    await Promise.all(clients.map((c) => c.settled()));
    const check = createDb(o.data.url, { poolSize: 2 });
    const attemptIds = takers.map((t) => t.attemptId!);
    let ackedPositions = 0;
    try {
      const stored = await storedAnswers(check.db, attemptIds);
      for (const c of clients) {
        ackedPositions += c.acked.size;
        problems.push(...lostAcknowledged(c.acked, stored.get(c.taker.attemptId!) ?? new Map(), `attempt ${c.taker.attemptId} `));
      }
      const attempts = await attemptsOf(check.db, examId);
      const perPerson = new Map<number, number>();
      for (const a of attempts) perPerson.set(a.person_id, (perPerson.get(a.person_id) ?? 0) + 1);
      if (attempts.length !== clients.length) problems.push(`${attempts.length} attempts stored for ${clients.length} takers`);
      for (const [person, n] of perPerson) if (n !== 1) problems.push(`person ${person} has ${n} attempts`);
      for (const a of attempts) if (a.status !== "open" || a.graded !== 0) problems.push(`attempt ${a.id} is ${a.status}, graded ${a.graded}× after the crash`);
    } finally {
      await check.db.destroy();
    }
    const pendingAtCrash = clients.reduce((n, c) => n + c.pending(), 0);
    lines.push(`after the crash: ${ackedPositions} acknowledged answers checked in the database, ${problems.length} lost or changed; ${pendingAtCrash} answers waiting in the clients' journals`);

    // Restart on the same database; the pages' journals resend what was not acknowledged.
    const restartStarted = Date.now();
    server = await startServer({ databaseUrl: o.data.url, port: o.port, logFile: o.logFile });
    const restartMs = Date.now() - restartStarted;
    const drainStarted = Date.now();
    for (const c of clients) {
      c.stopped = false;
      c.retryNow();
    }
    while (clients.some((c) => c.pending() > 0) && Date.now() - drainStarted < 60_000) await sleep(100);
    await Promise.all(clients.map((c) => c.settled()));
    const drainMs = Date.now() - drainStarted;
    const leftPending = clients.reduce((n, c) => n + c.pending(), 0);
    if (leftPending) problems.push(`${leftPending} answers still unacknowledged 60 s after the restart`);
    const refusals = clients.flatMap((c) => c.refusals);
    if (refusals.length) problems.push(`${refusals.length} saves refused after the restart, e.g. ${refusals[0]}`);

    // A reload of every taking page works, and the database holds each last intended answer.
    const reloads = await mapLimit(clients, 16, async (c) => (await loadPaper(c.taker)).status);
    const badReloads = reloads.filter((s) => s !== 200).length;
    if (badReloads) problems.push(`${badReloads} taking-page reloads did not answer 200`);
    const final = createDb(o.data.url, { poolSize: 2 });
    const finalProblems: string[] = [];
    let intended = 0;
    try {
      const stored = await storedAnswers(final.db, attemptIds);
      for (const c of clients) {
        intended += c.intended.size;
        finalProblems.push(...finalMismatches(c.intended, stored.get(c.taker.attemptId!) ?? new Map(), `attempt ${c.taker.attemptId} `));
      }
      const attempts = await attemptsOf(final.db, examId);
      if (attempts.some((a) => a.status !== "open")) finalProblems.push("an attempt closed during the scenario");
    } finally {
      await final.db.destroy();
    }
    problems.push(...finalProblems);
    lines.push(`restart took ${fmtMs(restartMs)}; journals drained in ${fmtMs(drainMs)}; final state: ${intended - finalProblems.length}/${intended} positions equal the last intended answer; ${badReloads} bad reloads`);
    lines.push(`responses: ${tally.summary()}`);
    lines.push(...firstFew(problems));
    return { name: "1. kill -9 mid-autosave", engine: o.data.engine, pass: problems.length === 0, lines };
  } finally {
    await server.stop();
    agent.destroy();
  }
}
