// Process metrics for load tests: event-loop delay and utilisation since the previous read, and
// memory. Mounted only when BENCH_METRICS=1, because it tells an outsider how busy the server is.
// With several worker processes (WEB_CONCURRENCY) a read is answered for all of them: the worker
// that got the request asks the primary, which collects every worker's own figures over IPC.
import cluster, { type Worker } from "node:cluster";
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from "node:perf_hooks";
import type { Request, Response } from "express";

export interface ProcessMetrics {
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  eventLoopUtilization: number;
  processes: number;
}

type MetricsMessage =
  | { type: "metrics:ask"; id: number }
  | { type: "metrics:own"; id: number; metrics: ProcessMetrics }
  | { type: "metrics:all"; id: number; metrics: ProcessMetrics };

function ownMetricsReader(): () => ProcessMetrics {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lastUtilization: EventLoopUtilization = performance.eventLoopUtilization();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return () => {
    const utilization = performance.eventLoopUtilization(lastUtilization);
    lastUtilization = performance.eventLoopUtilization();
    const memory = process.memoryUsage();
    const metrics = {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      eventLoopUtilization: Math.round(utilization.utilization * 1000) / 1000,
      processes: 1,
    };
    delay.reset();
    return metrics;
  };
}

/** Several processes as one server: memory adds up, the worst loop counts, utilisation averages. */
export function combineMetrics(all: ProcessMetrics[]): ProcessMetrics {
  const max = (pick: (m: ProcessMetrics) => number) => Math.max(...all.map(pick));
  return {
    rssBytes: all.reduce((s, m) => s + m.rssBytes, 0),
    heapUsedBytes: all.reduce((s, m) => s + m.heapUsedBytes, 0),
    eventLoopDelayMs: { p50: max((m) => m.eventLoopDelayMs.p50), p99: max((m) => m.eventLoopDelayMs.p99), max: max((m) => m.eventLoopDelayMs.max) },
    eventLoopUtilization: Math.round((all.reduce((s, m) => s + m.eventLoopUtilization, 0) / all.length) * 1000) / 1000,
    processes: all.reduce((s, m) => s + m.processes, 0),
  };
}

const isMetricsMessage = (message: unknown): message is MetricsMessage =>
  typeof message === "object" && message !== null && String((message as { type?: unknown }).type).startsWith("metrics:");

/** The express handler, in a single process or in a cluster worker. */
export function metricsHandler() {
  const own = ownMetricsReader();
  const waiting = new Map<number, (metrics: ProcessMetrics) => void>();
  let nextId = 1;
  if (cluster.isWorker) {
    process.on("message", (message: unknown) => {
      if (!isMetricsMessage(message)) return;
      if (message.type === "metrics:ask") process.send!({ type: "metrics:own", id: message.id, metrics: own() } satisfies MetricsMessage);
      if (message.type === "metrics:all") {
        waiting.get(message.id)?.(message.metrics);
        waiting.delete(message.id);
      }
    });
  }
  return async (_req: Request, res: Response) => {
    let metrics: ProcessMetrics;
    if (cluster.isWorker) {
      const id = nextId++;
      metrics = await new Promise<ProcessMetrics>((resolve) => {
        waiting.set(id, resolve);
        process.send!({ type: "metrics:ask", id } satisfies MetricsMessage);
      });
    } else {
      metrics = own();
    }
    res.set("Cache-Control", "no-store").json(metrics);
  };
}

/** In the primary: answers a worker's metrics:ask with every worker's figures combined. */
export function relayMetrics() {
  let round = 0;
  cluster.on("message", (asker, message: unknown) => {
    if (!isMetricsMessage(message) || message.type !== "metrics:ask") return;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected());
    const roundId = ++round;
    const collected: ProcessMetrics[] = [];
    const reply = () => asker.isConnected() && asker.send({ type: "metrics:all", id: message.id, metrics: combineMetrics(collected) } satisfies MetricsMessage);
    const timeout = setTimeout(reply, 5_000);
    for (const worker of workers) {
      const onOwn = (m: unknown) => {
        if (!isMetricsMessage(m) || m.type !== "metrics:own" || m.id !== roundId) return;
        worker.off("message", onOwn);
        collected.push(m.metrics);
        if (collected.length === workers.length) {
          clearTimeout(timeout);
          reply();
        }
      };
      worker.on("message", onOwn);
      worker.send({ type: "metrics:ask", id: roundId } satisfies MetricsMessage);
    }
  });
}
