// Scenario 5: saves around the deadline (DESIGN invariant 2). An exam whose window closes seconds
// after the takers start, so the deadline is the close: saves before it and within the grace are
// accepted, a save after deadline + grace is refused with 409 and a Chinese message, and every
// attempt ends closed with finish time = deadline — whether a late save, a late submit or a page
// load closes it.
import { createDb } from "#db/client";
import { DEFAULT_SAVE_GRACE_MS } from "~/modules/exams/attempts.server";
import { startServer } from "../support/server-process";
import { createAgent, randomAnswer, type HttpResult, type Taker } from "../support/taker-client";
import { finalMismatches, seededRng, type ExpectedAnswer } from "./checks";
import { createBenchExam, type Dataset } from "./dataset";
import { attemptsOf, firstFew, loginAll, mapLimit, sleep, startAndLoad, storedAnswers, type ScenarioResult } from "./harness";

export interface DeadlineOptions {
  data: Dataset;
  port: number;
  logFile: string;
  takers: number;
  seed: number;
}

const WINDOW_MS = 8_000;

export async function deadlineScenario(o: DeadlineOptions): Promise<ScenarioResult> {
  const lines: string[] = [];
  const problems: string[] = [];
  const rng = seededRng(o.seed + 5);
  const server = await startServer({ databaseUrl: o.data.url, port: o.port, logFile: o.logFile });
  const agent = createAgent(64);
  try {
    const takers = await loginAll(server.url, agent, o.data.takers.slice(0, o.takers));
    const now = Date.now();
    const examId = await createBenchExam(o.data, "限时测试：超时保存", { opensAt: now - 60_000, closesAt: now + WINDOW_MS, durationMinutes: 30 });
    await mapLimit(takers, 16, (t) => startAndLoad(t, examId));
    const check = createDb(o.data.url, { poolSize: 2 });
    try {
      const deadlines = new Set((await attemptsOf(check.db, examId)).map((a) => a.deadline_at));
      if (deadlines.size !== 1 || ![...deadlines][0]) throw new Error(`expected one deadline (the window close), got ${[...deadlines].join(", ")}`);
      const deadline = [...deadlines][0]!;
      const wait = (at: number) => sleep(Math.max(0, at - Date.now()));
      const savers = takers.filter((_, i) => i % 3 === 0);
      const submitters = takers.filter((_, i) => i % 3 === 1);
      const idle = takers.filter((_, i) => i % 3 === 2);
      const expected = new Map<Taker, Map<number, ExpectedAnswer>>();
      const expectSave = (t: Taker, r: HttpResult, seq: number, item: { position: number }, answer: unknown, when: string) => {
        if (r.status !== 200 || !r.body.includes('"saved"')) problems.push(`${t.employeeNo}: save ${when} answered ${r.status} ${r.body.slice(0, 80)}`);
        let want = expected.get(t);
        if (!want) expected.set(t, (want = new Map()));
        want.set(item.position, { seq, answer });
      };

      // Before the deadline.
      await Promise.all(
        [...savers, ...submitters].map(async (t) => {
          const answer = randomAnswer(t.paper[0]!, rng);
          expectSave(t, await t.save(t.paper[0]!.position, answer, 1), 1, t.paper[0]!, answer, "before the deadline");
        }),
      );
      // Within the grace, after the deadline.
      await wait(deadline + 3_000);
      await Promise.all(
        [...savers, ...submitters].map(async (t) => {
          const answer = randomAnswer(t.paper[1]!, rng);
          expectSave(t, await t.save(t.paper[1]!.position, answer, 2), 2, t.paper[1]!, answer, "3 s after the deadline (within grace)");
        }),
      );
      await wait(deadline + 4_000);
      const submits = await Promise.all(submitters.map((t) => t.submit()));
      submits.forEach((r, i) => {
        if (r.status !== 302 || r.headers.location !== `/attempts/${submitters[i]!.attemptId}/result`) problems.push(`${submitters[i]!.employeeNo}: submit within grace answered ${r.status} ${r.headers.location ?? r.body.slice(0, 80)}`);
      });
      // After deadline + grace.
      await wait(deadline + DEFAULT_SAVE_GRACE_MS + 1_500);
      const refused = await Promise.all(savers.map((t) => t.save(t.paper[2]!.position, randomAnswer(t.paper[2]!, rng), 3)));
      let refusedOk = 0;
      refused.forEach((r, i) => {
        let message = "";
        try {
          message = String((JSON.parse(r.body) as { error?: string }).error ?? "");
        } catch {
          message = "";
        }
        if (r.status === 409 && /[\u4e00-\u9fff]/.test(message)) refusedOk++;
        else problems.push(`${savers[i]!.employeeNo}: save after deadline + grace answered ${r.status} ${r.body.slice(0, 80)}`);
      });
      const sampleMessage = refused[0] ? refused[0].body : "";
      const pages = await Promise.all(idle.map((t) => t.session.request("GET", `/attempts/${t.attemptId}`)));
      pages.forEach((r, i) => {
        if (r.status !== 302 || r.headers.location !== `/attempts/${idle[i]!.attemptId}/result`) problems.push(`${idle[i]!.employeeNo}: page load after the deadline answered ${r.status} ${r.headers.location ?? ""}`);
      });

      const attempts = await attemptsOf(check.db, examId);
      for (const a of attempts) {
        if (a.status !== "closed" || a.finished_at !== deadline || a.closed_by !== "deadline" || a.graded !== 1) {
          problems.push(`attempt ${a.id}: ${a.status}/${a.closed_by}, finished ${a.finished_at === null ? "null" : `deadline${a.finished_at - deadline >= 0 ? "+" : ""}${a.finished_at - deadline} ms`}, graded ${a.graded}×`);
        }
      }
      const stored = await storedAnswers(check.db, takers.map((t) => t.attemptId!));
      let kept = 0;
      for (const [t, want] of expected) {
        const mismatch = finalMismatches(want, stored.get(t.attemptId!) ?? new Map(), `attempt ${t.attemptId} `);
        kept += want.size - mismatch.length;
        problems.push(...mismatch);
      }
      const lateStored = savers.filter((t) => (stored.get(t.attemptId!)?.get(t.paper[2]!.position)?.seq ?? 0) === 3).length;
      if (lateStored) problems.push(`${lateStored} saves after deadline + grace were stored`);
      lines.push(`deadline = window close, ${WINDOW_MS / 1000} s after the start; grace ${DEFAULT_SAVE_GRACE_MS / 1000} s; ${savers.length} late savers, ${submitters.length} late submitters, ${idle.length} idle takers`);
      lines.push(`saves before the deadline and within the grace: ${kept}/${[...expected.values()].reduce((n, m) => n + m.size, 0)} stored; late submits: ${submits.filter((r) => r.status === 302).length}/${submits.length} → result`);
      lines.push(`saves after deadline + grace: ${refusedOk}/${refused.length} refused with 409 and a Chinese message (${sampleMessage.slice(0, 60)}), ${lateStored} stored`);
      lines.push(`closed with finish = deadline, graded once: ${attempts.filter((a) => a.status === "closed" && a.finished_at === deadline && a.graded === 1).length}/${attempts.length}`);
    } finally {
      await check.db.destroy();
    }
    lines.push(...firstFew(problems));
    return { name: "5. saves after the deadline", engine: o.data.engine, pass: problems.length === 0, lines };
  } finally {
    await server.stop();
    agent.destroy();
  }
}
