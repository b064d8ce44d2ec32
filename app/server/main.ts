// The production (and dev) server: `node build/index.js` is the whole app. One process prepares
// the database (migrations, the demo city) and runs the background sweeps; it serves HTTP itself,
// or, with WEB_CONCURRENCY=N, forks N worker processes that share the port (app/server/web.ts).
import cluster from "node:cluster";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import * as build from "@remix-run/dev/server-build";
import { ensureMysqlDatabase } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { getDbHandle } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { announceDemo, prepareDemo } from "./demo";
import { startSweeps } from "./background";
import { superviseWorkers } from "./supervisor";
import { startWeb } from "./web";

const env = getEnv();
// The compiler inlines REMIX_DEV_ORIGIN: set under `remix dev`, empty in a production build.
const dev = Boolean(process.env.REMIX_DEV_ORIGIN);
const serverBuild = build as unknown as ServerBuild;
const workers = dev ? 1 : env.WEB_CONCURRENCY;

if (cluster.isWorker) {
  startWeb({ build: serverBuild, handle: getDbHandle(), env, dev, onListening: () => {} });
} else {
  if (env.DATABASE_URL?.match(/^(mysql|mariadb):/)) await ensureMysqlDatabase(env.DATABASE_URL);
  const handle = getDbHandle();
  const migrated = await migrateToLatest(handle.db);
  console.log(`database: ${handle.dialect} ${handle.location} (${migrated.results?.length ?? 0} migrations applied)`);
  const demo = env.DEMO_MODE ? await prepareDemo(handle.db) : null;
  startSweeps(handle.db);
  const onListening = () => {
    console.log(`应急培训考试积分平台 listening on http://localhost:${env.PORT}${workers > 1 ? ` (${workers} worker processes)` : ""}`);
    if (demo) announceDemo(demo);
    if (dev) broadcastDevReady(serverBuild);
  };
  if (workers > 1) superviseWorkers(workers, { onListening, onStopped: () => handle.db.destroy() });
  else startWeb({ build: serverBuild, handle, env, dev, onListening });
}
