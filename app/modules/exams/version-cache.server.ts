// Parsed question versions, kept per process. A version row is never changed once written
// (DESIGN.md invariant 4), so a cached copy can never be stale: every autosave, page view and grade
// of a city-wide exam reads the same hundred versions, and parsing their JSON each time was the
// largest per-request cost after the database itself.
import type { Db } from "#db/client";
import { perDatabase } from "#db/sql-helpers";
import type { QuestionContent } from "~/modules/questions/content";

const MAX_ENTRIES = 20_000;

const caches = new WeakMap<object, Map<number, QuestionContent>>();
const cacheOf = (db: Db) => perDatabase(caches, db, () => new Map<number, QuestionContent>());

/** The cached versions among `ids`, and the ids still to be read. */
export function cachedVersions(db: Db, ids: readonly number[]): { found: Map<number, QuestionContent>; missing: number[] } {
  const cache = cacheOf(db);
  const found = new Map<number, QuestionContent>();
  const missing: number[] = [];
  for (const id of ids) {
    const content = cache.get(id);
    if (content) found.set(id, content);
    else missing.push(id);
  }
  return { found, missing };
}

// Frozen, because every caller now shares one object: a caller that changed it would change what
// every later request sees, and strict-mode code throws on the attempt instead.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Remembers parsed versions; past the bound the oldest entries go first. */
export function rememberVersions(db: Db, contents: Map<number, QuestionContent>): void {
  const cache = cacheOf(db);
  for (const [id, content] of contents) cache.set(id, deepFreeze(content));
  for (const id of cache.keys()) {
    if (cache.size <= MAX_ENTRIES) break;
    cache.delete(id);
  }
}
