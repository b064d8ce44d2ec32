// Scenario 4: two tabs submitting one attempt at once — two sessions of the same taker, or the
// same session twice. Exactly one close, one grading, one finish time; both tabs are sent to the
// result page, never a 500 (DESIGN invariant 3: submit closes exactly once).
import { createDb } from "#db/client";
import { startServer } from "../support/server-process";
import { createAgent, randomAnswer, type HttpResult } from "../support/taker-client";
import { seededRng } from "./checks";
import { createBenchExam, type Dataset } from "./dataset";
import { attemptsOf, firstFew, loginAll, loginTaker, mapLimit, scoreMismatches, startAndLoad, type ScenarioResult } from "./harness";

export interface TwoTabsOptions {
  data: Dataset;
  port: number;
  logFile: string;
  takers: number;
  seed: number;
}

export async function twoTabsScenario(o: TwoTabsOptions): Promise<ScenarioResult> {
  const lines: string[] = [];
  const problems: string[] = [];
  const rng = seededRng(o.seed + 4);
  const examId = await createBenchExam(o.data, "交卷测试：两个标签页同时交卷");
  const server = await startServer({ databaseUrl: o.data.url, port: o.port, logFile: o.logFile });
  const agent = createAgent(64);
  try {
    const accounts = o.data.takers.slice(0, o.takers);
    const tabs = await loginAll(server.url, agent, accounts);
    await mapLimit(tabs, 16, (t) => startAndLoad(t, examId));
    // Half the takers open a second session (another tab after a second login, or another phone).
    const second = await mapLimit(accounts, 6, async (account, i) => {
      if (i % 2 === 1) return tabs[i]!;
      const other = await loginTaker(server.url, agent, account);
      await startAndLoad(other, examId);
      if (other.attemptId !== tabs[i]!.attemptId) problems.push(`${account.employeeNo}: the second tab got attempt ${other.attemptId}, the first ${tabs[i]!.attemptId}`);
      return other;
    });
    await mapLimit(tabs, 16, async (t) => {
      for (const item of t.paper.slice(0, 10)) await t.save(item.position, randomAnswer(item, rng), 1);
    });

    const statuses = new Map<string, number>();
    const outcome = (r: HttpResult) => `${r.status}${r.headers.location ? ` → ${r.headers.location.replace(/\d+/, ":id")}` : ""}`;
    await Promise.all(
      tabs.map(async (tab, i) => {
        const pair = await Promise.all([tab.submit(), second[i]!.submit()]);
        for (const r of pair) {
          const key = outcome(r);
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (r.status !== 302 || r.headers.location !== `/attempts/${tab.attemptId}/result`) problems.push(`${tab.employeeNo}: a submit answered ${r.status} ${r.headers.location ?? r.body.slice(0, 100)}`);
        }
        const results = await Promise.all([tab.session.request("GET", `/attempts/${tab.attemptId}/result`), second[i]!.session.request("GET", `/attempts/${tab.attemptId}/result`)]);
        if (results.some((r) => r.status !== 200)) problems.push(`${tab.employeeNo}: result page answered ${results.map((r) => r.status).join("/")}`);
      }),
    );

    const check = createDb(o.data.url, { poolSize: 2 });
    try {
      const attempts = await attemptsOf(check.db, examId);
      if (attempts.length !== tabs.length) problems.push(`${attempts.length} attempts for ${tabs.length} takers`);
      for (const a of attempts) {
        if (a.status !== "closed" || a.closed_by !== "submit" || a.finished_at === null || a.score_x100 === null || a.graded !== 1) {
          problems.push(`attempt ${a.id}: ${a.status}/${a.closed_by}, finished ${a.finished_at}, score ${a.score_x100}, graded ${a.graded}×`);
        }
      }
      problems.push(...(await scoreMismatches(check.db, examId)));
      lines.push(`${tabs.length} attempts submitted from two tabs at once (${Math.ceil(tabs.length / 2)} with two sessions, ${Math.floor(tabs.length / 2)} with one session twice)`);
      lines.push(`submit responses: ${[...statuses].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
      lines.push(`closed once and graded once: ${attempts.filter((a) => a.status === "closed" && a.graded === 1).length}/${attempts.length}`);
    } finally {
      await check.db.destroy();
    }
    lines.push(...firstFew(problems));
    return { name: "4. two tabs submitting at once", engine: o.data.engine, pass: problems.length === 0, lines };
  } finally {
    await server.stop();
    agent.destroy();
  }
}
