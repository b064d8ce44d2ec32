// Pure bookkeeping for the exam benchmark: latency samples, percentiles and the outcome of every
// request sorted into kinds (ok, throttled with Retry-After, app refusal, HTTP status, timeout,
// connection reset). No I/O, so it is unit-tested in tests/unit/bench-exam-stats.test.ts.

/** The nearest-rank percentile (p in 0..100) of ascending-sorted samples; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[sorted.length - 1]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/** What became of one request. `ok` and `throttled` are not errors; everything else is. */
export type OutcomeKind = "ok" | "throttled" | "refusal" | "status" | "timeout" | "reset" | "other";

export interface Outcome {
  kind: OutcomeKind;
  /** The HTTP status for `status`, `refusal` and `throttled`. */
  status?: number;
  detail?: string;
}

/** Sorts a transport error (the request never got a full response) into timeout / reset / other. */
export function classifyError(error: unknown): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code ?? "";
  if (/timeout/i.test(message) || code === "ETIMEDOUT") return { kind: "timeout", detail: message };
  if (["ECONNRESET", "EPIPE", "ECONNREFUSED"].includes(code) || /socket hang up|ECONNRESET/i.test(message)) {
    const reused = (error as { reusedSocket?: boolean }).reusedSocket === true;
    return { kind: "reset", detail: reused ? "on a reused keep-alive socket" : "on a new socket" };
  }
  return { kind: "other", detail: message.slice(0, 120) };
}

/** The label an error is counted under in the report: "500", "timeout", "reset", "refusal 409". */
export function errorLabel(outcome: Outcome): string {
  switch (outcome.kind) {
    case "status":
      return `HTTP ${outcome.status}`;
    case "refusal":
      return `app refusal${outcome.status ? ` ${outcome.status}` : ""}${outcome.detail ? ` (${outcome.detail})` : ""}`;
    case "other":
      return `other (${outcome.detail ?? "?"})`;
    case "reset":
      return `connection reset${outcome.detail ? ` ${outcome.detail}` : ""}`;
    default:
      return outcome.kind;
  }
}

export interface PhaseSummary {
  name: string;
  /** Requests that got an answer of any kind or failed, over the measured wall time. */
  requests: number;
  ok: number;
  throttled: number;
  errors: Record<string, number>;
  errorCount: number;
  wallSeconds: number;
  /** Successful requests per second. */
  okPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Collects the samples of one phase; only successful requests count toward the latencies. */
export class PhaseRecorder {
  private readonly latencies: number[] = [];
  private readonly errors = new Map<string, number>();
  private throttledCount = 0;
  private total = 0;
  private startedAt: number | null = null;
  private endedAt: number | null = null;

  constructor(readonly name: string) {}

  start(now: number): void {
    this.startedAt = now;
  }

  end(now: number): void {
    this.endedAt = now;
  }

  record(outcome: Outcome, ms: number): void {
    this.total++;
    if (outcome.kind === "ok") this.latencies.push(ms);
    else if (outcome.kind === "throttled") this.throttledCount++;
    else {
      const label = errorLabel(outcome);
      this.errors.set(label, (this.errors.get(label) ?? 0) + 1);
    }
  }

  /** Adds another recorder's samples (a step of a larger phase) to this one. */
  merge(other: PhaseRecorder): void {
    this.total += other.total;
    this.throttledCount += other.throttledCount;
    for (const ms of other.latencies) this.latencies.push(ms);
    for (const [label, n] of other.errors) this.errors.set(label, (this.errors.get(label) ?? 0) + n);
  }

  get okCount(): number {
    return this.latencies.length;
  }

  get errorCount(): number {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }

  summary(): PhaseSummary {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const wallSeconds = this.startedAt !== null && this.endedAt !== null ? Math.max(1e-6, (this.endedAt - this.startedAt) / 1000) : Number.NaN;
    return {
      name: this.name,
      requests: this.total,
      ok: sorted.length,
      throttled: this.throttledCount,
      errors: Object.fromEntries([...this.errors].sort((a, b) => b[1] - a[1])),
      errorCount: this.errorCount,
      wallSeconds,
      okPerSecond: sorted.length / wallSeconds,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    };
  }
}
