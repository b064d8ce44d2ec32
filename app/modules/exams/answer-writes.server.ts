// Writing autosaved answers: one conditional upsert per answer, and on SQLite a group commit.
//
// With synchronous=FULL every SQLite commit waits for an fsync of the WAL (about 2 ms on this
// class of disk), so one transaction per autosave caps a process near 400 saves/s. Saves that
// arrive while a commit is in progress are therefore queued and written together in the next
// transaction, and each caller is answered only after that commit: durability per acknowledged
// answer is unchanged, and the fsync is shared. MySQL's InnoDB already groups the commits of
// concurrent connections, so there each save is its own statement.
import { sql } from "kysely";
import type { Db } from "#db/client";
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

interface Pending {
  write: AnswerWrite;
  resolve: (stored: StoredAnswer) => void;
  reject: (error: unknown) => void;
}

/** Most writes one SQLite transaction takes; the rest wait for the next one. */
const MAX_GROUP = 500;

class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  write(write: AnswerWrite): Promise<StoredAnswer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O phase: every request already read from the sockets joins this group.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const group = this.queue.splice(0, MAX_GROUP);
    try {
      const stored = await this.db.transaction().execute(async (trx) => {
        const out: StoredAnswer[] = [];
        for (const p of group) out.push(await writeOne(trx, p.write));
        return out;
      });
      group.forEach((p, i) => p.resolve(stored[i]!));
    } catch {
      // One bad write must not fail its neighbours: retry each alone, each with its own outcome.
      for (const p of group) await writeOne(this.db, p.write).then(p.resolve, p.reject);
    } finally {
      if (this.queue.length) setImmediate(() => void this.flush());
      else this.scheduled = false;
    }
  }
}

const committers = new WeakMap<object, GroupCommitter>();

/** Writes one autosaved answer (conditionally) and returns what is stored for its question now. */
export function writeAnswer(db: Db, write: AnswerWrite): Promise<StoredAnswer> {
  // Inside a caller's transaction the write belongs to that transaction, not to a group.
  if (dialectOfDb(db) === "mysql" || db.isTransaction) return writeOne(db, write);
  // Keyed like the version cache: by the adapter a database shares with its transactions.
  const key = db.getExecutor().adapter;
  let committer = committers.get(key);
  if (!committer) committers.set(key, (committer = new GroupCommitter(db)));
  return committer.write(write);
}
