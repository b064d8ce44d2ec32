// Process metrics for load tests: event-loop delay and utilisation since the previous read, and
// memory. Mounted only when BENCH_METRICS=1, because it tells an outsider how busy the server is.
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from "node:perf_hooks";
import type { Request, Response } from "express";

export function metricsHandler() {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lastUtilization: EventLoopUtilization = performance.eventLoopUtilization();
  return (_req: Request, res: Response) => {
    const utilization = performance.eventLoopUtilization(lastUtilization);
    lastUtilization = performance.eventLoopUtilization();
    const memory = process.memoryUsage();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    res.set("Cache-Control", "no-store").json({
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      eventLoopUtilization: Math.round(utilization.utilization * 1000) / 1000,
    });
    delay.reset();
  };
}
