// Pure checks of the fault scenarios: what the database holds against what the clients saw
// acknowledged and what they meant to answer last. No I/O; unit-tested in
// tests/unit/bench-faults-checks.test.ts.

/** One stored answer row as read back from attempt_answers. */
export interface StoredAnswer {
  seq: number;
  /** The JSON text of the column. */
  answer: string;
}

export interface ExpectedAnswer {
  seq: number;
  answer: unknown;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * A comparable text of an answer, as the server stores it: keys in a fixed order and the options
 * of a multiple-choice answer de-duplicated and sorted (what parseAnswer does). Strings pass
 * through, so an answer already canonical stays as it is.
 */
export function canonicalAnswer(answer: unknown): string {
  if (typeof answer === "string") return answer;
  if (answer && typeof answer === "object" && Array.isArray((answer as { choices?: unknown }).choices)) {
    const choices = [...new Set((answer as { choices: number[] }).choices)].sort((a, b) => a - b);
    return JSON.stringify(sortKeys({ ...(answer as object), choices }));
  }
  return JSON.stringify(sortKeys(answer ?? null));
}

function storedCanonical(row: StoredAnswer): string {
  try {
    return canonicalAnswer(JSON.parse(row.answer));
  } catch {
    return `unparsable ${row.answer}`;
  }
}

/**
 * Every acknowledged answer must still be there: the stored seq at least the acknowledged one,
 * and the same content when the seqs are equal. Returns one line per violation.
 */
export function lostAcknowledged(acked: ReadonlyMap<number, ExpectedAnswer>, stored: ReadonlyMap<number, StoredAnswer>, label = ""): string[] {
  const problems: string[] = [];
  for (const [position, ack] of acked) {
    const row = stored.get(position);
    if (!row) problems.push(`${label}q${position}: acknowledged seq ${ack.seq} but no row stored`);
    else if (row.seq < ack.seq) problems.push(`${label}q${position}: acknowledged seq ${ack.seq} but stored seq ${row.seq}`);
    else if (row.seq === ack.seq && storedCanonical(row) !== canonicalAnswer(ack.answer)) {
      problems.push(`${label}q${position}: seq ${ack.seq} stored ${row.answer}, acknowledged ${canonicalAnswer(ack.answer)}`);
    }
  }
  return problems;
}

/** The final state must be each position's last intended answer, exactly (seq and content). */
export function finalMismatches(intended: ReadonlyMap<number, ExpectedAnswer>, stored: ReadonlyMap<number, StoredAnswer>, label = ""): string[] {
  const problems: string[] = [];
  for (const [position, want] of intended) {
    const row = stored.get(position);
    if (!row) problems.push(`${label}q${position}: intended seq ${want.seq} but no row stored`);
    else if (row.seq !== want.seq || storedCanonical(row) !== canonicalAnswer(want.answer)) {
      problems.push(`${label}q${position}: intended seq ${want.seq} ${canonicalAnswer(want.answer)}, stored seq ${row.seq} ${row.answer}`);
    }
  }
  return problems;
}

/** Of many sends for one question, the one that must win: the highest seq. */
export function expectedWinner(sends: readonly ExpectedAnswer[]): ExpectedAnswer | null {
  let best: ExpectedAnswer | null = null;
  for (const send of sends) if (!best || send.seq > best.seq) best = send;
  return best;
}

/** A shuffled copy (Fisher–Yates); `rng` returns [0, 1). */
export function shuffled<T>(list: readonly T[], rng: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A small seeded generator (mulberry32) so a failing run can be repeated with --seed. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** p-th percentile (0–100) of a list of numbers, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
