// Scenario 3: duplicated and reordered autosaves over HTTP. The same (position, seq) twice at
// once; seq 5 arriving before seq 4; many concurrent sends of different seqs for one question.
// The stored answer must always be the one with the highest seq (DESIGN invariant 3).
import { createDb } from "#db/client";
import { startServer } from "../support/server-process";
import { createAgent, randomAnswer, type HttpResult, type Taker } from "../support/taker-client";
import { canonicalAnswer, expectedWinner, finalMismatches, seededRng, shuffled, type ExpectedAnswer } from "./checks";
import { createBenchExam, type Dataset } from "./dataset";
import { firstFew, loginAll, mapLimit, startAndLoad, storedAnswers, type ScenarioResult } from "./harness";

export interface ReorderOptions {
  data: Dataset;
  port: number;
  logFile: string;
  takers: number;
  seed: number;
}

const CONCURRENT_SENDS = 30;

function ack(result: HttpResult): { status: string; seq: number } | null {
  if (result.status !== 200) return null;
  try {
    return JSON.parse(result.body) as { status: string; seq: number };
  } catch {
    return null;
  }
}

export async function reorderScenario(o: ReorderOptions): Promise<ScenarioResult> {
  const lines: string[] = [];
  const problems: string[] = [];
  const rng = seededRng(o.seed + 3);
  const examId = await createBenchExam(o.data, "乱序测试：重复与乱序保存");
  const server = await startServer({ databaseUrl: o.data.url, port: o.port, logFile: o.logFile });
  const agent = createAgent(64);
  try {
    const takers = await loginAll(server.url, agent, o.data.takers.slice(0, o.takers));
    await mapLimit(takers, 16, (t) => startAndLoad(t, examId));
    const expected = new Map<Taker, Map<number, ExpectedAnswer>>();
    const statusCounts = new Map<string, number>();
    const count = (r: HttpResult) => {
      const key = r.status === 200 ? `200 ${ack(r)?.status}` : String(r.status);
      statusCounts.set(key, (statusCounts.get(key) ?? 0) + 1);
    };

    await Promise.all(
      takers.map(async (taker) => {
        const want = new Map<number, ExpectedAnswer>();
        expected.set(taker, want);
        const [first, second, third] = taker.paper;
        const tag = `taker ${taker.employeeNo}`;
        // (a) the same (position, seq) twice at once: both acknowledged as saved, stored once.
        const a = randomAnswer(first!, rng);
        const twins = await Promise.all([taker.save(first!.position, a, 3), taker.save(first!.position, a, 3)]);
        twins.forEach(count);
        if (!twins.every((r) => ack(r)?.status === "saved" && ack(r)?.seq === 3)) problems.push(`${tag}: duplicate seq 3 answered ${twins.map((r) => `${r.status} ${r.body.slice(0, 60)}`).join(" / ")}`);
        want.set(first!.position, { seq: 3, answer: a });

        // (b) seq 5 arrives before seq 4: 4 is stale and does not overwrite.
        const five = randomAnswer(second!, rng);
        let four = randomAnswer(second!, rng);
        for (let k = 0; k < 5 && canonicalAnswer(four) === canonicalAnswer(five); k++) four = randomAnswer(second!, rng);
        const r5 = await taker.save(second!.position, five, 5);
        const r4 = await taker.save(second!.position, four, 4);
        [r5, r4].forEach(count);
        if (ack(r5)?.status !== "saved") problems.push(`${tag}: seq 5 answered ${r5.status} ${r5.body.slice(0, 80)}`);
        if (ack(r4)?.status !== "stale" || ack(r4)?.seq !== 5) problems.push(`${tag}: late seq 4 answered ${r4.status} ${r4.body.slice(0, 80)} (expected stale, seq 5)`);
        want.set(second!.position, { seq: 5, answer: five });

        // (c) many different seqs for one question, all at once, in random order.
        const sends: ExpectedAnswer[] = Array.from({ length: CONCURRENT_SENDS }, (_, k) => ({ seq: 10 + k, answer: randomAnswer(third!, rng) }));
        const results = await Promise.all(shuffled(sends, rng).map(async (s) => ({ s, r: await taker.save(third!.position, s.answer, s.seq) })));
        for (const { s, r } of results) {
          count(r);
          const body = ack(r);
          if (!body) problems.push(`${tag}: concurrent seq ${s.seq} answered ${r.status} ${r.body.slice(0, 80)}`);
          else if (body.status === "saved" && body.seq !== s.seq) problems.push(`${tag}: seq ${s.seq} acknowledged as saved with seq ${body.seq}`);
          else if (body.status === "stale" && body.seq <= s.seq) problems.push(`${tag}: seq ${s.seq} called stale against seq ${body.seq}`);
        }
        want.set(third!.position, expectedWinner(sends)!);
      }),
    );

    const check = createDb(o.data.url, { poolSize: 2 });
    let positions = 0;
    let mismatches: string[] = [];
    try {
      const stored = await storedAnswers(check.db, takers.map((t) => t.attemptId!));
      for (const [taker, want] of expected) {
        positions += want.size;
        mismatches = mismatches.concat(finalMismatches(want, stored.get(taker.attemptId!) ?? new Map(), `attempt ${taker.attemptId} `));
      }
    } finally {
      await check.db.destroy();
    }
    problems.push(...mismatches);
    lines.push(`${takers.length} takers: a duplicated (position, seq), seq 5 before seq 4, and ${CONCURRENT_SENDS} concurrent seqs for one question each`);
    lines.push(`responses: ${[...statusCounts].map(([k, n]) => `${k}×${n}`).join(", ")}`);
    lines.push(`stored: ${positions - mismatches.length}/${positions} positions hold the highest-seq answer`);
    lines.push(...firstFew(problems));
    return { name: "3. duplicated and reordered autosaves", engine: o.data.engine, pass: problems.length === 0, lines };
  } finally {
    await server.stop();
    agent.destroy();
  }
}
