// A virtual taking page's autosave, mirroring app/components/exam/use-answer-sync.ts: every change
// goes into the same journal (the app's own journal.ts functions), one flush at a time sends the
// entries in order, and the app's own saveOutcome decides what each response means (acknowledged,
// refused, or retry later with backoff). On top, it remembers what the server acknowledged so the
// fault scenarios can check the database against it.
import { acknowledge, nextSeq, pendingCount, type Journal } from "~/components/exam/journal";
import { saveOutcome } from "~/components/exam/use-answer-sync";
import type { Taker } from "../support/taker-client";
import { canonicalAnswer } from "./checks";

const MAX_BACKOFF_MS = 5_000;

export interface SavedAnswer {
  seq: number;
  answer: unknown;
}

/** Response classes seen by all clients: "200", "503 json", "500 html", "network ECONNREFUSED", … */
export class ResponseTally {
  readonly counts = new Map<string, number>();
  readonly samples = new Map<string, string>();

  add(kind: string, sample = ""): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (sample && !this.samples.has(kind)) this.samples.set(kind, sample.replace(/\s+/g, " ").slice(0, 160));
  }

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  /** `200×512, 503 json×40` for the report. */
  summary(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`).join(", ") || "none";
  }
}

export function responseKind(status: number, contentType: string | undefined): string {
  if (status === 200) return "200";
  const type = (contentType ?? "").includes("json") ? "json" : (contentType ?? "").includes("html") ? "html" : contentType ? contentType.split(";")[0]! : "no body type";
  return `${status} ${type}`;
}

export class SyncClient {
  journal: Journal = { lastSeq: 0, entries: {} };
  /** The last answer the taker chose per position: what the database must hold in the end. */
  readonly intended = new Map<number, SavedAnswer>();
  /** The highest acknowledged seq per position with the answer sent under it. */
  readonly acked = new Map<number, SavedAnswer>();
  readonly refusals: string[] = [];
  private sent = new Map<number, Map<number, unknown>>();
  private running: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private delay = 500;
  stopped = false;
  failures = 0;
  /** Acknowledged responses (saved or stale) so far. */
  ackCount = 0;

  constructor(
    readonly taker: Taker,
    public tally: ResponseTally,
    private serverSeqs: Record<number, number> = {},
  ) {}

  /** The taker changes an answer: journal it and send (like record() with no debounce). */
  record(position: number, answer: unknown): void {
    const seq = nextSeq(this.journal, this.serverSeqs[position] ?? 0);
    this.journal.entries[position] = { answer, flagged: false, seq };
    this.intended.set(position, { seq, answer });
    this.kick();
  }

  pending(): number {
    return pendingCount(this.journal);
  }

  /** Starts a flush unless one is running or a retry is already scheduled. */
  kick(): void {
    if (this.stopped || this.running || this.retryTimer) return;
    this.running = this.flush().finally(() => {
      this.running = null;
    });
  }

  /** The retry timer fires now (the page's `online` event does the same). */
  retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.delay = 500;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async flush(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const next = Object.entries(this.journal.entries)[0];
      if (!next) return;
      const position = Number(next[0]);
      const entry = next[1];
      const outcome = await this.sendOne(position, entry.answer, entry.seq);
      if (outcome === "retry") {
        this.failures++;
        this.scheduleRetry();
        return;
      }
      this.delay = 500;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = this.delay;
    this.delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
  }

  /** One save over HTTP, classified by the app's own saveOutcome. */
  async sendOne(position: number, answer: unknown, seq: number): Promise<"ok" | "retry"> {
    let sentForPosition = this.sent.get(position);
    if (!sentForPosition) this.sent.set(position, (sentForPosition = new Map()));
    sentForPosition.set(seq, answer);
    let result;
    try {
      result = await this.taker.save(position, answer, seq);
    } catch (error) {
      this.tally.add(`network ${(error as NodeJS.ErrnoException).code ?? (error as Error).message.slice(0, 40)}`);
      return "retry";
    }
    const contentType = String(result.headers["content-type"] ?? "");
    this.tally.add(responseKind(result.status, contentType), result.status === 200 ? "" : result.body);
    let body: unknown = null;
    if (contentType.includes("json")) {
      try {
        body = JSON.parse(result.body);
      } catch {
        body = null;
      }
    }
    const retryAfter = result.headers["retry-after"];
    const outcome = saveOutcome(result.status, body, typeof retryAfter === "string" ? retryAfter : null);
    if (outcome.kind === "retry") {
      if (outcome.retryAfterMs !== null) this.delay = Math.min(Math.max(this.delay, outcome.retryAfterMs), MAX_BACKOFF_MS);
      return "retry";
    }
    if (outcome.kind === "refused") {
      delete this.journal.entries[position];
      this.refusals.push(`${position}: ${outcome.message}`);
      return "ok";
    }
    this.ackCount++;
    const ackSeq = outcome.ack.seq;
    acknowledge(this.journal, position, ackSeq);
    const content = sentForPosition.get(ackSeq);
    const previous = this.acked.get(position);
    // A "stale" answer names a newer seq this client sent earlier; its content is known too.
    if (content !== undefined && (!previous || previous.seq < ackSeq)) this.acked.set(position, { seq: ackSeq, answer: canonicalAnswer(content) });
    return "ok";
  }
}
