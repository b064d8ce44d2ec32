// Writing autosaved answers: one conditional upsert per answer, on SQLite in a group commit
// (db/group-commit.ts) so concurrent saves share one fsync.
import { sql } from "kysely";
import type { Db } from "#db/client";
import { inGroupCommit } from "#db/group-commit";
import { dialectOfDb } from "#db/sql-helpers";

export interface AnswerWrite {
  attemptId: number;
  position: number;
  /** JSON text of the validated answer, or "null" for a cleared one. */
  answer: string;
  flagged: number;
  seq: number;
  savedAt: number;
  /** The attempt's deadline must be at or after this instant (now − grace) for the write to happen. */
  notAfter: number;
}

/** The stored row after the write: the caller compares its seq with the one it sent. */
export type StoredAnswer = { seq: number; savedAt: number } | null;

/**
 * The conditional upsert, in each engine's syntax (the one place they differ here): written only
 * while the attempt is open and within deadline + grace, and only over a lower sequence number. In
 * MySQL the column assignments run left to right, so `seq` is compared before it is raised, last.
 */
async function upsertAnswer(db: Db, a: AnswerWrite): Promise<void> {
  const source = sql`select ${a.attemptId}, ${a.position}, ${a.answer}, ${a.seq}, ${a.flagged}, ${a.savedAt} from attempts where id = ${a.attemptId} and status = 'open' and deadline_at >= ${a.notAfter}`;
  if (dialectOfDb(db) === "mysql") {
    await sql`insert into attempt_answers (attempt_id, position, answer, seq, flagged, saved_at) ${source}
          on duplicate key update
            answer = if(values(seq) > seq, values(answer), answer),
            flagged = if(values(seq) > seq, values(flagged), flagged),
            saved_at = if(values(seq) > seq, values(saved_at), saved_at),
            seq = greatest(seq, values(seq))`.execute(db);
    return;
  }
  // SQLite needs the SELECT's own WHERE before ON CONFLICT to parse the upsert unambiguously.
  await sql`insert into attempt_answers (attempt_id, position, answer, seq, flagged, saved_at) ${source}
      on conflict (attempt_id, position) do update
        set answer = excluded.answer, flagged = excluded.flagged, saved_at = excluded.saved_at, seq = excluded.seq
        where excluded.seq > attempt_answers.seq`.execute(db);
}

// Read back rather than trust affected-row counts, which the two engines report differently.
async function storedAnswer(db: Db, a: AnswerWrite): Promise<StoredAnswer> {
  const row = await db.selectFrom("attempt_answers").select(["seq", "saved_at"]).where("attempt_id", "=", a.attemptId).where("position", "=", a.position).executeTakeFirst();
  return row ? { seq: Number(row.seq), savedAt: Number(row.saved_at) } : null;
}

async function writeOne(db: Db, a: AnswerWrite): Promise<StoredAnswer> {
  await upsertAnswer(db, a);
  return storedAnswer(db, a);
}

/** Writes one autosaved answer (conditionally) and returns what is stored for its question now. */
export function writeAnswer(db: Db, write: AnswerWrite): Promise<StoredAnswer> {
  // On MySQL the upsert commits on its own; there is nothing to group.
  if (dialectOfDb(db) === "mysql") return writeOne(db, write);
  return inGroupCommit(db, (trx) => writeOne(trx, write));
}
