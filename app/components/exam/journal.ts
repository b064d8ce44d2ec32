// The local answer journal: every answer not yet acknowledged by the server, kept in localStorage
// per attempt with its sequence number, so nothing typed on a phone is lost to a dead network, a
// reload or a crashed tab. Entries leave only when the server acknowledges a seq ≥ theirs.

export interface JournalEntry {
  answer: unknown;
  flagged: boolean;
  seq: number;
}

export interface Journal {
  /** The last sequence number handed out for this attempt (monotonic across reloads). */
  lastSeq: number;
  entries: Record<string, JournalEntry>;
}

const keyOf = (attemptId: number) => `exam-journal:${attemptId}`;

export function readJournal(attemptId: number): Journal {
  try {
    const raw = window.localStorage.getItem(keyOf(attemptId));
    const parsed = raw ? (JSON.parse(raw) as Journal) : null;
    if (parsed && typeof parsed.lastSeq === "number" && parsed.entries) return parsed;
  } catch {
    // Private mode or a corrupt value: start a fresh journal rather than break the exam.
  }
  return { lastSeq: 0, entries: {} };
}

export function writeJournal(attemptId: number, journal: Journal): void {
  try {
    window.localStorage.setItem(keyOf(attemptId), JSON.stringify(journal));
  } catch {
    // Storage full or disabled: autosave still works while online.
  }
}

/**
 * The next sequence number. At least the clock, because the no-JavaScript form saves with the
 * server's clock as its sequence: a later JavaScript save must still win over it.
 */
export function nextSeq(journal: Journal, floor = 0): number {
  journal.lastSeq = Math.max(journal.lastSeq + 1, Date.now(), floor + 1);
  return journal.lastSeq;
}

/** Drops the entry for `position` when the server holds `seq` or newer for it. */
export function acknowledge(journal: Journal, position: number, seq: number): void {
  const entry = journal.entries[position];
  if (entry && entry.seq <= seq) delete journal.entries[position];
}

export function pendingCount(journal: Journal): number {
  return Object.keys(journal.entries).length;
}
