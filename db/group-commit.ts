// Group commit for SQLite. With synchronous=FULL every commit waits for an fsync of the WAL (2–5 ms
// on this class of disk), and better-sqlite3 waits synchronously, blocking the whole process: one
// transaction per autosave, attempt start or submit caps a process at a few hundred per second and
// stalls every other request meanwhile. Units of work that arrive while one commit is in progress
// are therefore queued and run together in the next transaction, and each caller is answered only
// after that commit, so what a caller was told is stored is as durable as before. MySQL's InnoDB
// already groups the commits of concurrent connections; there each unit is its own transaction.
import type { Db } from "./client";
import { dialectOfDb, perDatabase } from "./sql-helpers";

type Work<T> = (trx: Db) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most units one transaction takes; the rest wait for the next one. */
const MAX_GROUP = 200;

class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
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
      const results = await this.db.transaction().execute(async (trx) => {
        const out: unknown[] = [];
        for (const p of group) out.push(await p.work(trx));
        return out;
      });
      group.forEach((p, i) => p.resolve(results[i]));
    } catch {
      // Everything rolled back. Run each unit alone so one failure (a unique key two starts raced
      // for, a bad value) is its caller's alone, and its neighbours still commit.
      for (const p of group) await this.db.transaction().execute(p.work).then(p.resolve, p.reject);
    } finally {
      if (this.queue.length) setImmediate(() => void this.flush());
      else this.scheduled = false;
    }
  }
}

const committers = new WeakMap<object, GroupCommitter>();

/**
 * Runs `work` in a transaction: on SQLite grouped with the other units that arrive meanwhile (see
 * above), on MySQL alone. Inside a caller's transaction it simply runs in that transaction. A unit
 * must keep its effects to the database it is given, since it may run twice (grouped, rolled back
 * with a failing neighbour, then alone).
 */
export function inGroupCommit<T>(db: Db, work: Work<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  if (dialectOfDb(db) === "mysql") return db.transaction().execute(work);
  return perDatabase(committers, db, () => new GroupCommitter(db)).run(work);
}
