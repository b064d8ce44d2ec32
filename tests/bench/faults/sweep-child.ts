// One OS process of the concurrent-sweep scenario: opens the database as the app does, waits for
// the agreed instant so both processes start together, runs sweepOverdueAttempts and prints what
// it closed as one JSON line.
//   tsx tests/bench/faults/sweep-child.ts <DATABASE_URL> <start epoch ms>
import { performance } from "node:perf_hooks";
import { createDb } from "#db/client";
import { sweepOverdueAttempts } from "~/modules/exams/attempts.server";

const [url, startAt] = process.argv.slice(2);
const { db } = createDb(url, { poolSize: 4 });
try {
  await db.selectFrom("attempts").select("id").limit(1).execute();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const started = performance.now();
  let closed = 0;
  let error: string | null = null;
  try {
    for (;;) {
      const n = await sweepOverdueAttempts(db, { limit: 100_000 });
      closed += n;
      if (n === 0) break;
    }
  } catch (e) {
    error = (e as Error).message;
  }
  console.log(JSON.stringify({ pid: process.pid, closed, ms: Math.round(performance.now() - started), error }));
} finally {
  await db.destroy();
}
