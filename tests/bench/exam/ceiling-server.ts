// The two ceilings the app's autosave is compared with, each a bare node:http process on this
// machine, answering the same request the taking page sends (POST /attempts/:id/answers, JSON,
// session cookie):
//   http  a tiny JSON answer and nothing else: what node:http itself can do here;
//   db    the minimum the app's autosave must do: the session row by id joined to the person, then
//         the app's own answer write (conditional upsert keeping the higher seq, read-back, SQLite
//         group commit) through the same driver and durability settings (db/client.ts createDb).
//
//   node --import tsx tests/bench/exam/ceiling-server.ts <http|db> <port> [DATABASE_URL]
import http from "node:http";
import { createDb } from "#db/client";
import { writeAnswer } from "~/modules/exams/answer-writes.server";

const [mode, portArg, url] = process.argv.slice(2);
const port = Number(portArg);
if ((mode !== "http" && mode !== "db") || !port) {
  console.error("usage: ceiling-server.ts <http|db> <port> [DATABASE_URL]");
  process.exit(2);
}

const handle = mode === "db" ? createDb(url, { poolSize: Number(process.env.DB_POOL_SIZE ?? 10) }) : null;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-store" });
  res.end(text);
}

async function save(req: http.IncomingMessage, res: http.ServerResponse, attemptId: number) {
  const body = JSON.parse(await readBody(req)) as { position: number; answer: unknown; flagged?: boolean; seq: number };
  if (!handle) return send(res, 200, { status: "saved", seq: body.seq });
  const db = handle.db;
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const now = Date.now();
  const user = sid
    ? await db
        .selectFrom("sessions as s")
        .innerJoin("persons as p", "p.id", "s.user_id")
        .innerJoin("accounts as a", "a.person_id", "p.id")
        .select(["p.id", "p.tier", "p.org_unit_id", "s.expires_at"])
        .where("s.id", "=", sid)
        .executeTakeFirst()
    : undefined;
  if (!user || user.expires_at <= now) return send(res, 401, { error: "未登录" });
  // The app's own write path (db/answer-writes): the conditional upsert and read-back, grouped into
  // one commit per burst on SQLite exactly as the app does, so the ceiling and the app pay the
  // same fsyncs. Ownership is left out here (the app checks it in the same query as the item).
  await writeAnswer(db, { attemptId, position: body.position, answer: JSON.stringify(body.answer ?? null), flagged: body.flagged ? 1 : 0, seq: body.seq, savedAt: now, notAfter: now - 10_000 });
  send(res, 200, { status: "saved", seq: body.seq, savedAt: now });
}

const server = http.createServer((req, res) => {
  if (req.url === "/healthz") return send(res, 200, { ok: true });
  const match = /^\/attempts\/(\d+)\/answers$/.exec(req.url ?? "");
  if (req.method !== "POST" || !match) return send(res, 404, { error: "not found" });
  save(req, res, Number(match[1])).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { error: String(error) });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`ceiling ${mode} listening on ${port}`));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close();
    void (handle ? handle.db.destroy() : Promise.resolve()).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
