// Autosave for the taking page: every change goes to the local journal first, then to
// POST /attempts/:id/answers in order; failures retry with backoff and on the `online` event.
// Each response also re-measures the offset between this device's clock and the server's, so the
// timer stays right after a phone sleeps or its clock is wrong.
import { useCallback, useEffect, useRef, useState } from "react";
import { acknowledge, nextSeq, pendingCount, readJournal, writeJournal, type Journal, type JournalEntry } from "./journal";

export interface SaveAck {
  status: "saved" | "stale";
  seq: number;
  savedAt: number;
  remainingMs: number | null;
}

/**
 * What one autosave response means for the journal. Only a JSON acknowledgement removes an entry
 * as saved, and only a JSON refusal of the answer itself (409 time is up / submitted, 404 no such
 * question, 400 a malformed answer) removes it as unsavable. Everything else — 5xx and 503 while
 * the database restarts, 429, a proxy's HTML error page, a login page after the session expired —
 * keeps the entry to be resent later, honouring Retry-After when the server gives one.
 */
export type SaveOutcome =
  | { kind: "acked"; ack: SaveAck }
  | { kind: "refused"; message: string }
  | { kind: "retry"; retryAfterMs: number | null };

const REFUSAL_STATUSES = new Set([400, 404, 409]);

export function saveOutcome(status: number, body: unknown, retryAfter: string | null): SaveOutcome {
  const object = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : null;
  if (status === 200 && object && (object.status === "saved" || object.status === "stale") && typeof object.seq === "number") {
    return { kind: "acked", ack: object as unknown as SaveAck };
  }
  if (REFUSAL_STATUSES.has(status) && object && typeof object.error === "string") return { kind: "refused", message: object.error };
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  return { kind: "retry", retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null };
}

interface Options {
  attemptId: number;
  deadlineAt: number | null;
  /** The server's clock when the loader ran, for the first clock offset. */
  serverNow: number;
  /** The sequence number the server holds per position. */
  serverSeqs: Record<number, number>;
  /** Journal entries newer than the server's, to show on the page before they are resent. */
  onRestore: (entries: Record<number, JournalEntry>) => void;
  /** The server says the attempt is over (submitted elsewhere, or time is up). */
  onClosed: () => void;
}

const MAX_BACKOFF_MS = 5_000;

export function useAnswerSync({ attemptId, deadlineAt, serverNow, serverSeqs, onRestore, onClosed }: Options) {
  const journal = useRef<Journal>({ lastSeq: 0, entries: {} });
  const [pending, setPending] = useState<number[]>([]);
  const [savedAt, setSavedAt] = useState<Record<number, number>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [online, setOnline] = useState(true);
  const [failing, setFailing] = useState(false);
  const [offsetMs, setOffsetMs] = useState(() => serverNow - Date.now());
  const running = useRef<Promise<void> | null>(null);
  const retry = useRef<{ timer: ReturnType<typeof setTimeout> | null; delay: number }>({ timer: null, delay: 500 });
  const debounce = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const closedRef = useRef(false);
  const callbacks = useRef({ onRestore, onClosed });
  callbacks.current = { onRestore, onClosed };

  const persist = useCallback(() => {
    writeJournal(attemptId, journal.current);
    setPending(Object.keys(journal.current.entries).map(Number));
  }, [attemptId]);

  const sendOne = useCallback(
    async (position: number, entry: JournalEntry): Promise<"ok" | "failed"> => {
      let response: Response;
      try {
        response = await fetch(`/attempts/${attemptId}/answers`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ position, answer: entry.answer, flagged: entry.flagged, seq: entry.seq }),
        });
      } catch {
        return "failed";
      }
      const isJson = (response.headers.get("Content-Type") ?? "").includes("application/json");
      const body: unknown = isJson && !response.redirected ? await response.json().catch(() => null) : null;
      const outcome = saveOutcome(response.redirected ? 0 : response.status, body, response.headers.get("Retry-After"));
      if (outcome.kind === "retry") {
        if (outcome.retryAfterMs !== null) retry.current.delay = Math.min(Math.max(retry.current.delay, outcome.retryAfterMs), MAX_BACKOFF_MS);
        return "failed";
      }
      if (outcome.kind === "acked") {
        const ack = outcome.ack;
        acknowledge(journal.current, position, ack.seq);
        if (deadlineAt !== null && ack.remainingMs !== null && ack.remainingMs > 0) setOffsetMs(deadlineAt - ack.remainingMs - Date.now());
        setSavedAt((s) => ({ ...s, [position]: ack.savedAt }));
        setErrors((e) => (e[position] ? { ...e, [position]: "" } : e));
        return "ok";
      }
      // A refusal (409) or a position not in the attempt (404): resending cannot help.
      delete journal.current.entries[position];
      const message = outcome.message || "保存失败";
      setErrors((e) => ({ ...e, [position]: message }));
      if (/交卷/.test(message) && !closedRef.current) {
        closedRef.current = true;
        callbacks.current.onClosed();
      }
      return "ok";
    },
    [attemptId, deadlineAt],
  );

  const flush = useCallback((): Promise<void> => {
    if (running.current) return running.current;
    const run = (async () => {
      for (;;) {
        const next = Object.entries(journal.current.entries)[0];
        if (!next) break;
        const [position, entry] = next;
        const outcome = await sendOne(Number(position), entry);
        persist();
        if (outcome === "failed") {
          setFailing(true);
          scheduleRetry();
          return;
        }
        setFailing(false);
        retry.current.delay = 500;
      }
    })().finally(() => {
      running.current = null;
    });
    running.current = run;
    return run;
    // scheduleRetry is defined below and only reads refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [persist, sendOne]);

  function scheduleRetry() {
    if (retry.current.timer) return;
    const delay = retry.current.delay;
    retry.current.delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    retry.current.timer = setTimeout(() => {
      retry.current.timer = null;
      void flush();
    }, delay);
  }

  /** Journals a change and sends it (text after a pause, so each keystroke is not a request). */
  const record = useCallback(
    (position: number, answer: unknown, flagged: boolean, delayMs = 0) => {
      const seq = nextSeq(journal.current, serverSeqs[position] ?? 0);
      journal.current.entries[position] = { answer, flagged, seq };
      persist();
      const timers = debounce.current;
      clearTimeout(timers.get(position));
      if (delayMs === 0) void flush();
      else timers.set(position, setTimeout(() => void flush(), delayMs));
    },
    [flush, persist, serverSeqs],
  );

  useEffect(() => {
    const loaded = readJournal(attemptId);
    const restore: Record<number, JournalEntry> = {};
    for (const [position, entry] of Object.entries(loaded.entries)) {
      if (entry.seq > (serverSeqs[Number(position)] ?? 0)) restore[Number(position)] = entry;
      else delete loaded.entries[position];
    }
    journal.current = loaded;
    persist();
    if (Object.keys(restore).length) callbacks.current.onRestore(restore);
    setOnline(navigator.onLine);
    const goOnline = () => {
      setOnline(true);
      retry.current.delay = 500;
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    void flush();
    const timers = debounce.current;
    const backoff = retry.current;
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      for (const t of timers.values()) clearTimeout(t);
      if (backoff.timer) clearTimeout(backoff.timer);
      backoff.timer = null;
    };
    // Once per attempt: the server's seqs at load decide what the journal still owes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attemptId]);

  /** Unacknowledged answers right now (after an awaited flush, before React re-renders). */
  const pendingNow = useCallback(() => pendingCount(journal.current), []);

  return { record, flush, pending, pendingNow, savedAt, errors, offline: !online || failing, offsetMs };
}
