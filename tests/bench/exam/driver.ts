// The load client's building blocks: virtual takers over taker-client.ts, each request timed and
// judged into an outcome, the acknowledged answers remembered for the correctness check, and the
// phase shapes (all-at-once, closed loop, open loop at a fixed rate).
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpSession, parsePaper, randomAnswer, Taker, type HttpResult, type PaperItem } from "../support/taker-client";
import { seededRng } from "./schedule";
import { classifyError, type Outcome, type PhaseRecorder } from "./stats";

export interface VirtualTaker {
  serial: number;
  taker: Taker;
  rng: () => number;
  /** The client's sequence number: one counter per taker, raised before every save. */
  seq: number;
  loggedIn: boolean;
  submitted: boolean;
}

export function createTakers(baseUrl: string, agent: http.Agent, serials: readonly number[], employeeNo: (serial: number) => string, password: string, timeoutMs: number): VirtualTaker[] {
  return serials.map((serial) => ({
    serial,
    taker: new Taker(new HttpSession(baseUrl, agent, timeoutMs), employeeNo(serial), password),
    rng: seededRng(serial * 7919),
    seq: 0,
    loggedIn: false,
    submitted: false,
  }));
}

/** Every save the server acknowledged (HTTP 200, status saved): the highest seq per answer slot. */
export class AckLog {
  readonly acked = new Map<number, Map<number, { seq: number; answer: unknown }>>();
  count = 0;

  record(attemptId: number, position: number, seq: number, answer: unknown): void {
    let slots = this.acked.get(attemptId);
    if (!slots) this.acked.set(attemptId, (slots = new Map()));
    const prev = slots.get(position);
    this.count++;
    if (!prev || prev.seq < seq) slots.set(position, { seq, answer });
  }
}

/** Runs one request, times it from the moment the client wanted to send, and records its outcome. */
export async function timed(recorder: PhaseRecorder, run: () => Promise<HttpResult>, judge: (r: HttpResult) => Outcome, sentAt = performance.now()): Promise<{ result: HttpResult | null; outcome: Outcome }> {
  try {
    const result = await run();
    const outcome = judge(result);
    recorder.record(outcome, performance.now() - sentAt);
    return { result, outcome };
  } catch (error) {
    const outcome = classifyError(error);
    recorder.record(outcome, performance.now() - sentAt);
    return { result: null, outcome };
  }
}

const refusalText = (body: string) => /"error":"([^"]{0,60})/.exec(body)?.[1] ?? /class="form-message[^"]*"[^>]*>([^<]{0,60})/.exec(body)?.[1];

export const judge = {
  login(r: HttpResult): Outcome {
    if (r.status === 302 && /sid=/.test(String(r.headers["set-cookie"] ?? ""))) return { kind: "ok" };
    if (r.status === 429 && r.headers["retry-after"]) return { kind: "throttled", status: 429 };
    if (r.status === 401) return { kind: "refusal", status: 401, detail: "wrong password" };
    return { kind: "status", status: r.status };
  },
  start(r: HttpResult): Outcome {
    if (r.status === 302 && /\/attempts\/\d+$/.test(r.headers.location ?? "")) return { kind: "ok" };
    // The action answers 200 with a refusal message rendered on the exam page.
    if (r.status === 200) return { kind: "refusal", status: 200, detail: refusalText(r.body) ?? "start refused" };
    return { kind: "status", status: r.status };
  },
  page(r: HttpResult): Outcome {
    if (r.status === 200 && r.body.includes('class="exam-question__body"')) return { kind: "ok" };
    if (r.status === 302) return { kind: "refusal", status: 302, detail: `redirect ${r.headers.location}` };
    return { kind: "status", status: r.status };
  },
  save(r: HttpResult): Outcome {
    if (r.status === 200) return { kind: "ok" };
    if (r.status === 409 || r.status === 404 || r.status === 400) return { kind: "refusal", status: r.status, detail: refusalText(r.body) };
    return { kind: "status", status: r.status };
  },
  submit(r: HttpResult): Outcome {
    if (r.status === 302 && /\/result$/.test(r.headers.location ?? "")) return { kind: "ok" };
    if (r.status === 200) return { kind: "refusal", status: 200, detail: refusalText(r.body) ?? "submit refused" };
    return { kind: "status", status: r.status };
  },
};

/** Logs in, waiting out every 429 for its Retry-After (with jitter) until in or `giveUpAt`. */
export async function loginWithRetry(t: VirtualTaker, recorder: PhaseRecorder, giveUpAt: number): Promise<boolean> {
  while (performance.now() < giveUpAt) {
    const { result, outcome } = await timed(recorder, () => t.taker.login(), judge.login);
    if (outcome.kind === "ok") return (t.loggedIn = true);
    if (outcome.kind !== "throttled" || !result) return false;
    const seconds = Number(result.headers["retry-after"]) || 1;
    await sleep(seconds * 1000 * (0.5 + t.rng()));
  }
  return false;
}

export async function startAttempt(t: VirtualTaker, examId: number, recorder: PhaseRecorder): Promise<boolean> {
  const { outcome } = await timed(recorder, () => t.taker.start(examId), judge.start);
  return outcome.kind === "ok";
}

let badPagesKept = 0;
/** Taking pages that arrived with NUL bytes in them (React 18.3.1 streaming, react/react#31134). */
export const pageAnomalies = { pages: 0, withNul: 0 };

/**
 * GET of the taking page, its questions read with parsePaper. A 200 page that cannot be read is an
 * error of its own kind; the first few such bodies are kept in data/bench/logs/ for a look.
 */
export async function loadPage(t: VirtualTaker, recorder: PhaseRecorder): Promise<boolean> {
  const { result, outcome } = await timed(recorder, () => t.taker.session.request("GET", `/attempts/${t.taker.attemptId}`), (r) => {
    const first = judge.page(r);
    if (first.kind !== "ok") return first;
    pageAnomalies.pages++;
    if (r.body.includes("\u0000")) pageAnomalies.withNul++;
    try {
      t.taker.paper = parsePaper(r.body);
      return first;
    } catch (error) {
      if (badPagesKept < 3) {
        const file = path.resolve(`data/bench/logs/unreadable-page-${++badPagesKept}.html`);
        fs.writeFileSync(file, r.body);
        console.error(`unreadable taking page (${(error as Error).message}) kept in ${file}`);
      }
      return { kind: "other", detail: "taking page could not be parsed" };
    }
  });
  void result;
  return outcome.kind === "ok";
}

/**
 * One autosave of `item` with the taker's next sequence number; acknowledged saves go to `acks`.
 * `otherServer` sends the same request, cookie included, to a ceiling server instead of the app
 * (an absolute URL overrides the session's base URL).
 */
export async function saveOne(t: VirtualTaker, item: PaperItem, recorder: PhaseRecorder, acks: AckLog | null, options: { sentAt?: number; otherServer?: string } = {}): Promise<Outcome> {
  const answer = randomAnswer(item, t.rng);
  const seq = ++t.seq;
  const send = options.otherServer
    ? () => t.taker.session.request("POST", `${options.otherServer}/attempts/${t.taker.attemptId}/answers`, { json: { position: item.position, answer, flagged: false, seq } })
    : () => t.taker.save(item.position, answer, seq);
  const { result, outcome } = await timed(recorder, send, judge.save, options.sentAt);
  if (outcome.kind === "ok" && result && acks) {
    try {
      const body = JSON.parse(result.body) as { status?: string; seq?: number };
      if (body.status === "saved" && body.seq === seq) acks.record(t.taker.attemptId!, item.position, seq, answer);
    } catch {
      // a 200 without JSON is the server's bug; the DB check will not count it as acknowledged
    }
  }
  return outcome;
}

export async function submitAttempt(t: VirtualTaker, recorder: PhaseRecorder): Promise<boolean> {
  const { outcome } = await timed(recorder, () => t.taker.submit(), judge.submit);
  if (outcome.kind === "ok") t.submitted = true;
  return outcome.kind === "ok";
}

/** Runs `task` for every item with at most `concurrency` at once (the rest wait their turn). */
export async function forEachLimited<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  });
  await Promise.all(lanes);
}

/**
 * Closed loop: `lanes` loops, each sending its next request as soon as the previous one answered,
 * until `durationMs` has passed. Lane k serves takers k, k + lanes, … so no taker has two saves of
 * the same question in flight.
 */
export async function closedLoop(takers: readonly VirtualTaker[], lanes: number, durationMs: number, send: (t: VirtualTaker) => Promise<unknown>): Promise<void> {
  const until = performance.now() + durationMs;
  const n = Math.max(1, Math.min(lanes, takers.length));
  await Promise.all(
    Array.from({ length: n }, async (_, lane) => {
      let k = lane;
      while (performance.now() < until) {
        await send(takers[k]!);
        k += n;
        if (k >= takers.length) k = lane;
      }
    }),
  );
}

/**
 * Open loop: sends at the given instants (ms from now) whatever the answers do, so a slow server
 * meets the full offered rate and the latency counts from the instant the request was due.
 */
export async function openLoop(
  takers: readonly VirtualTaker[],
  offsets: readonly number[],
  send: (t: VirtualTaker, dueAt: number) => Promise<unknown>,
  maxInflight = Number.POSITIVE_INFINITY,
): Promise<{ lateMs: number; sent: number; stoppedAtMs: number | null }> {
  const base = performance.now();
  const inflight = new Set<Promise<unknown>>();
  let i = 0;
  let lateMs = 0;
  let stoppedAtMs: number | null = null;
  while (i < offsets.length) {
    // A server far below the offered rate would leave a backlog that takes minutes to drain.
    if (inflight.size > maxInflight) {
      stoppedAtMs = performance.now() - base;
      break;
    }
    const now = performance.now() - base;
    while (i < offsets.length && offsets[i]! <= now) {
      const dueAt = base + offsets[i]!;
      lateMs = Math.max(lateMs, performance.now() - dueAt);
      const p = send(takers[i % takers.length]!, dueAt).finally(() => inflight.delete(p));
      inflight.add(p);
      i++;
    }
    if (i < offsets.length) await sleep(Math.max(1, Math.min(5, offsets[i]! - (performance.now() - base))));
  }
  await Promise.all(inflight);
  return { lateMs, sent: i, stoppedAtMs };
}
