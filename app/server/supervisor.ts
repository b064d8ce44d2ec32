// Several worker processes on one machine (WEB_CONCURRENCY > 1): the primary has prepared the
// database and runs the background sweeps; each worker serves HTTP on the shared port, and Node's
// cluster module hands new connections to them in turn. The workers hold no state of their own
// beyond caches of immutable data, which is what lets more processes, or machines, be added.
import cluster, { type Worker } from "node:cluster";
import { relayMetrics } from "./metrics";

const RESTART_DELAY_MS = 1_000;

/** Forks `count` workers, restarts any that dies, and stops them all on SIGTERM / SIGINT. */
export function superviseWorkers(count: number, options: { onListening: () => void; onStopped: () => Promise<void> }) {
  let stopping = false;
  let listening = 0;
  relayMetrics();
  const fork = (): Worker => {
    const worker = cluster.fork();
    // Announced once, when the first `count` workers all listen.
    worker.once("listening", () => ++listening === count && options.onListening());
    return worker;
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    // Not unref'd: with every worker gone, this timer is what keeps the primary alive.
    setTimeout(fork, RESTART_DELAY_MS);
  });
  for (let i = 0; i < count; i++) fork();

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      let left = workers.length;
      const done = () => void options.onStopped().finally(() => process.exit(0));
      if (left === 0) done();
      for (const worker of workers) {
        worker.once("exit", () => --left === 0 && done());
        worker.process.kill("SIGTERM");
      }
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
