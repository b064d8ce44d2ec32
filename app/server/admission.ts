// Bounds how many page and form requests one process works on at once; the rest wait in arrival
// order. A taking page is a few milliseconds of synchronous rendering (and SQLite queries are
// synchronous too), so when hundreds arrive together — the start of a city-wide exam — taking
// them all at once only makes every event-loop turn long: timers, autosaves and health checks
// wait behind the whole batch (p99 loop lag 1 s in the 30,000-taker run). Admitted a few at a
// time, each turn stays short and the same work finishes in the same order.
import type { NextFunction, Request, Response } from "express";

export interface Admission {
  (req: Request, res: Response, next: NextFunction): void;
  /** Requests being worked on and waiting now, for the metrics. */
  readonly load: () => { active: number; waiting: number };
}

export function admission(limit: number, exempt: (req: Request) => boolean): Admission {
  let active = 0;
  const waiting: Array<() => void> = [];

  const admitWaiting = () => {
    while (active < limit && waiting.length > 0) waiting.shift()!();
  };

  const handler = (req: Request, res: Response, next: NextFunction) => {
    if (exempt(req)) return next();
    const start = () => {
      // A client that gave up while waiting takes no slot.
      if (req.destroyed) return;
      active++;
      res.once("close", () => {
        active--;
        // On a later turn, so the next request does not run inside this one's callback.
        setImmediate(admitWaiting);
      });
      next();
    };
    if (active < limit && waiting.length === 0) start();
    else waiting.push(start);
  };
  return Object.assign(handler, { load: () => ({ active, waiting: waiting.length }) });
}
