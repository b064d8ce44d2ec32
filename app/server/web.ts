// The HTTP side of the server: express in front of the Remix request handler. Everything a
// request needs besides Remix — security headers, the CSRF origin check, session validation —
// happens here once per request, so N stateless processes can serve one city.
import path from "node:path";
import type { Server } from "node:http";
import { constants as zlib } from "node:zlib";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { DbHandle } from "#db/client";
import type { Env } from "~/utils/env.server";
import { createLucia } from "~/modules/auth/lucia.server";
import { resolveSession } from "~/modules/auth/session.server";
import { admission } from "./admission";
import { autosaveRoute } from "./autosave";
import { originCheck } from "./csrf";
import { metricsHandler } from "./metrics";
import { securityHeaders } from "./security";
import { databaseUnavailable } from "./unavailable";

export function startWeb(options: { build: ServerBuild; handle: DbHandle; env: Env; dev: boolean; onListening: () => void }): Server {
  const { build, env, dev } = options;
  const { db, dialect } = options.handle;
  const production = env.NODE_ENV === "production";
  const lucia = createLucia(db, { secureCookies: production && !env.APP_ORIGIN?.startsWith("http://") });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  // Takers are on phones on weak networks: a 100-question taking page is ~136 KB of HTML and ~12 KB
  // compressed. The settings are the cheap end because CPU is what a city-wide exam runs short of:
  // brotli quality 2 with a 256 KB window (the default 4 MB window made each response allocate
  // megabytes: 18 % of page throughput against 10 %), gzip level 1. Autosaves (< 1 KB) go as they are.
  if (env.COMPRESSION) {
    const brotli = { params: { [zlib.BROTLI_PARAM_QUALITY]: 2, [zlib.BROTLI_PARAM_LGWIN]: 18 } };
    app.use(compression({ threshold: 1024, level: 1, brotli }));
  }
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  // Besides the build, public/ holds a few top-level files (the favicon): only a request for such a
  // file looks there, instead of every page and save paying a stat of a file that does not exist.
  const publicFiles = express.static(path.resolve("public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (/^\/[^/]+\.\w+$/.test(req.path) && !req.path.endsWith(".data") ? publicFiles(req, res, next) : next()));
  app.use(securityHeaders({ production, dev }));
  if (process.env.BENCH_METRICS === "1") app.get("/healthz/metrics", metricsHandler());
  app.use(originCheck(env.APP_ORIGIN));

  app.use(autosaveRoute(db, lucia));

  // Sign-in and password changes wait on the password-hash queue (HASH_CONCURRENCY), not the CPU.
  const waitsOnHashing = (req: express.Request) => req.method === "POST" && (req.path === "/login" || req.path === "/password");
  app.all(
    "*",
    admission(env.REQUEST_CONCURRENCY, waitsOnHashing),
    createRequestHandler({
      build,
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

  const server = app.listen(env.PORT, env.HOST, options.onListening);
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
  return server;
}
