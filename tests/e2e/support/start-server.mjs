// Starts the built app for the browser tests on a fresh database: `start-server.mjs <sqlite|mysql> <port>`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createConnection } from "mysql2/promise";
import { databaseUrlFor, MYSQL_DATABASE, MYSQL_SERVER, SQLITE_DIR } from "./targets.mjs";

const [dialect, port] = process.argv.slice(2);
const url = databaseUrlFor(dialect);

if (dialect === "mysql") {
  const conn = await createConnection({ uri: MYSQL_SERVER });
  await conn.query(`DROP DATABASE IF EXISTS ${MYSQL_DATABASE}`);
  await conn.end();
} else {
  fs.rmSync(SQLITE_DIR, { recursive: true, force: true });
}

const child = spawn(process.execPath, ["build/index.js"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    PORT: port,
    HOST: "127.0.0.1",
    DEMO_MODE: "1",
    // The throttling test sends X-Forwarded-For to act as a client at another address.
    TRUST_PROXY: "1",
    APP_ORIGIN: `http://localhost:${port}`,
  },
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
