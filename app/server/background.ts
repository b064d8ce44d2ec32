// Background sweeps. Each is safe to run in any number of processes at once, but a cluster runs
// them only in its primary, and a single process runs them itself.
import type { Db } from "#db/client";
import { deleteExpiredSessions } from "~/modules/auth/session.server";
import { sweepOverdueAttempts } from "~/modules/exams/attempts.server";

export function startSweeps(db: Db) {
  // Expired sessions are deleted hourly; a DELETE by expiry is safe from any number of processes.
  setInterval(() => void deleteExpiredSessions(db).catch((e) => console.error("session sweep failed", e)), 3600_000).unref();
  // Overdue exam attempts are closed (finish time = deadline) and graded every 30 s. Each close is
  // a conditional update, so whichever sweep or request comes first closes an attempt once.
  setInterval(() => void sweepOverdueAttempts(db).catch((e) => console.error("attempt sweep failed", e)), 30_000).unref();
}
