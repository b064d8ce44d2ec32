// The production (and dev) server: express in front of the Remix request handler. Everything a
// request needs besides Remix — security headers, the CSRF origin check, session validation —
// happens here once per request, so N stateless processes can serve one city.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import * as build from "@remix-run/dev/server-build";
import express from "express";
import { ensureMysqlDatabase } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { getDbHandle } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { createLucia } from "~/modules/auth/lucia.server";
import { deleteExpiredSessions, resolveSession } from "~/modules/auth/session.server";
import { sweepOverdueAttempts } from "~/modules/exams/attempts.server";
import { originCheck } from "./csrf";
import { securityHeaders } from "./security";
import { announceDemo, prepareDemo } from "./demo";
import { autosaveRoute } from "./autosave";
import { metricsHandler } from "./metrics";
import { databaseUnavailable } from "./unavailable";

const env = getEnv();
const production = env.NODE_ENV === "production";
// The compiler inlines REMIX_DEV_ORIGIN: set under `remix dev`, empty in a production build.
const dev = Boolean(process.env.REMIX_DEV_ORIGIN);

if (env.DATABASE_URL?.match(/^(mysql|mariadb):/)) await ensureMysqlDatabase(env.DATABASE_URL);
const { db, dialect, location } = getDbHandle();
const migrated = await migrateToLatest(db);
console.log(`database: ${dialect} ${location} (${migrated.results?.length ?? 0} migrations applied)`);
const demo = env.DEMO_MODE ? await prepareDemo(db) : null;

const lucia = createLucia(db, { secureCookies: production && !env.APP_ORIGIN?.startsWith("http://") });

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);

app.use(
  "/build",
  express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }),
);
app.use(express.static(path.resolve("public"), { maxAge: "1h" }));
app.use(securityHeaders({ production, dev }));
if (process.env.BENCH_METRICS === "1") app.get("/healthz/metrics", metricsHandler());
app.use(originCheck(env.APP_ORIGIN));

app.use(autosaveRoute(db, lucia));

app.all(
  "*",
  createRequestHandler({
    build: build as unknown as ServerBuild,
    mode: build.mode,
    async getLoadContext(req, res) {
      const { user, setCookie } = await resolveSession(db, lucia, req.get("cookie") ?? null);
      if (setCookie) res.append("Set-Cookie", setCookie);
      return {
        db,
        dialect,
        lucia,
        nonce: res.locals.nonce as string,
        clientAddress: req.ip ?? "unknown",
        user,
      };
    },
  }),
);

app.use(databaseUnavailable());

// Expired sessions are deleted hourly; a DELETE by expiry is safe from any number of processes.
setInterval(() => void deleteExpiredSessions(db).catch((e) => console.error("session sweep failed", e)), 3600_000).unref();
// Overdue exam attempts are closed (finish time = deadline) and graded every 30 s. Each close is a
// conditional update, so every process may sweep: whichever comes first closes an attempt once.
setInterval(() => void sweepOverdueAttempts(db).catch((e) => console.error("attempt sweep failed", e)), 30_000).unref();

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`应急培训考试积分平台 listening on http://localhost:${env.PORT}`);
  if (demo) announceDemo(demo);
  if (dev) broadcastDevReady(build as unknown as ServerBuild);
});

// Keep idle connections longer than the load balancers and phones in front of us do (60 s is the
// common idle timeout): with Node's 5 s default the server closes a connection while a taker
// thinks, and the next autosave on that connection is reset (seen in the 30,000-taker bench).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => void db.destroy().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
