import { createDb, type DbHandle } from "#db/client";
import { getEnv } from "./env.server";

// One pool per process, created on first use. Routes and modules get `db` from here; modules take
// it as their first argument so tests and transactions can pass their own.
let handle: DbHandle | undefined;

export function getDbHandle(): DbHandle {
  if (!handle) {
    const env = getEnv();
    handle = createDb(env.DATABASE_URL, { poolSize: env.DB_POOL_SIZE });
  }
  return handle;
}

export function getDb() {
  return getDbHandle().db;
}
