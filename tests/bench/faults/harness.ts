// Shared plumbing of the fault scenarios: a bounded parallel map, logging many takers in through
// the real login form (retrying 429 as a browser user would), starting attempts, reading answers
// and attempts back from the database, and a scenario's result line.
import path from "node:path";
import type http from "node:http";
import type { Db } from "#db/client";
import { HttpSession, parsePaper, Taker, type HttpResult } from "../support/taker-client";
import type { StoredAnswer } from "./checks";
import { TAKER_PASSWORD, type TakerAccount } from "./dataset";

export interface ScenarioResult {
  name: string;
  engine: string;
  pass: boolean;
  /** Not run (MariaDB busy with other tests): neither a pass nor a failure. */
  skipped?: boolean;
  /** Numbers and findings, one line each, for the console and the report. */
  lines: string[];
}

export const RESULTS_DIR = path.resolve("tests/bench/results");
export const LOG_DIR = path.resolve("data/bench/faults-logs");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Logs one taker in through the form; a 429 is retried after its Retry-After. */
export async function loginTaker(baseUrl: string, agent: http.Agent, account: TakerAccount): Promise<Taker> {
  const taker = new Taker(new HttpSession(baseUrl, agent), account.employeeNo, TAKER_PASSWORD);
  for (let tries = 0; tries < 30; tries++) {
    const result = await taker.login();
    if (result.status === 302 && taker.session.cookieHeader) return taker;
    if (result.status !== 429) throw new Error(`login of ${account.employeeNo} answered ${result.status}: ${result.body.slice(0, 200)}`);
    await sleep(Number(result.headers["retry-after"] ?? 1) * 1000);
  }
  throw new Error(`login of ${account.employeeNo} kept answering 429`);
}

export async function loginAll(baseUrl: string, agent: http.Agent, accounts: readonly TakerAccount[]): Promise<Taker[]> {
  return mapLimit(accounts, 6, (account) => loginTaker(baseUrl, agent, account));
}

/** Taking pages seen with NUL bytes in their HTML, and how many NULs (React 18 Fizz, see loadPaper). */
export const nulBytes = { pages: 0, pagesSeen: 0, nuls: 0 };

/**
 * GET of the taking page, reading its questions like Taker.loadPaper, but with NUL bytes removed
 * first: React 18.3's renderToPipeableStream writes unfilled bytes of its 2 KB buffer when a
 * multi-byte character straddles the boundary (facebook/react#24985, fixed by #26228 in React 19),
 * which breaks the shared parsePaper on Chinese pages. Counted for the report.
 */
export async function loadPaper(taker: Taker): Promise<HttpResult> {
  if (taker.attemptId === null) throw new Error("no attempt started");
  const result = await taker.session.request("GET", `/attempts/${taker.attemptId}`);
  if (result.status === 200) {
    const nuls = result.body.split("\0").length - 1;
    nulBytes.pagesSeen++;
    if (nuls) {
      nulBytes.pages++;
      nulBytes.nuls += nuls;
    }
    taker.paper = parsePaper(result.body.replaceAll("\0", ""));
  }
  return result;
}

/** Starts (or resumes) the taker's attempt and reads its paper from the taking page. */
export async function startAndLoad(taker: Taker, examId: number): Promise<void> {
  const started = await taker.start(examId);
  if (started.status !== 302 || taker.attemptId === null) throw new Error(`start of ${taker.employeeNo} answered ${started.status} ${started.headers.location ?? ""}: ${started.body.slice(0, 300)}`);
  const page = await loadPaper(taker);
  if (page.status !== 200 || taker.paper.length === 0) throw new Error(`taking page of ${taker.employeeNo} answered ${page.status} with ${taker.paper.length} questions`);
}

/** Stored answers of many attempts: attempt id → position → row. */
export async function storedAnswers(db: Db, attemptIds: readonly number[]): Promise<Map<number, Map<number, StoredAnswer>>> {
  const byAttempt = new Map<number, Map<number, StoredAnswer>>();
  for (let i = 0; i < attemptIds.length; i += 500) {
    const rows = await db
      .selectFrom("attempt_answers")
      .select(["attempt_id", "position", "seq", "answer"])
      .where("attempt_id", "in", attemptIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      let map = byAttempt.get(row.attempt_id);
      if (!map) byAttempt.set(row.attempt_id, (map = new Map()));
      map.set(row.position, { seq: Number(row.seq), answer: row.answer });
    }
  }
  return byAttempt;
}

export interface AttemptState {
  id: number;
  person_id: number;
  status: string;
  closed_by: string | null;
  started_at: number;
  deadline_at: number;
  finished_at: number | null;
  score_x100: number | null;
  graded: number;
}

/** Attempts of one exam with how many times each was graded (the audit row of a close). */
export async function attemptsOf(db: Db, examId: number): Promise<AttemptState[]> {
  const rows = await db
    .selectFrom("attempts as a")
    .select(["a.id", "a.person_id", "a.status", "a.closed_by", "a.started_at", "a.deadline_at", "a.finished_at", "a.score_x100"])
    .select((eb) => eb.selectFrom("attempt_score_events as e").whereRef("e.attempt_id", "=", "a.id").where("e.action", "=", "graded").select(eb.fn.countAll<number>().as("n")).as("graded"))
    .where("a.exam_id", "=", examId)
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({ ...r, started_at: Number(r.started_at), deadline_at: Number(r.deadline_at), finished_at: r.finished_at === null ? null : Number(r.finished_at), graded: Number(r.graded ?? 0) }));
}

/** Whether each closed attempt's total equals the sum of its item scores. */
export async function scoreMismatches(db: Db, examId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("attempts as a")
    .innerJoin("attempt_answers as w", "w.attempt_id", "a.id")
    .select(["a.id", "a.score_x100"])
    .select((eb) => eb.fn.sum<number>("w.score_x100").as("items"))
    .where("a.exam_id", "=", examId)
    .where("a.status", "=", "closed")
    .groupBy(["a.id", "a.score_x100"])
    .execute();
  return rows.filter((r) => Number(r.score_x100) !== Number(r.items)).map((r) => `attempt ${r.id}: total ${r.score_x100} ≠ items ${r.items}`);
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** The first few problems for the report, with a count of the rest. */
export function firstFew(problems: readonly string[], n = 5): string[] {
  if (problems.length === 0) return [];
  const shown = problems.slice(0, n).map((p) => `  - ${p}`);
  if (problems.length > n) shown.push(`  - … and ${problems.length - n} more`);
  return shown;
}
