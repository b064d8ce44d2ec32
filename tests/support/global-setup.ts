// Decides once per run whether the MySQL half of the integration tests runs, and gives the run
// its own database-name prefix; every test file then creates its own database under it, and all
// of them are dropped at the end.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";

const SERVER_URL = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306";

declare module "vitest" {
  export interface ProvidedContext {
    mysqlServerUrl: string | null;
    mysqlPrefix: string;
  }
}

export default async function setup(project: TestProject) {
  const prefix = `t_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  let available = false;
  const { createConnection } = await import("mysql2/promise");
  try {
    const conn = await createConnection({ uri: SERVER_URL, connectTimeout: 3000 });
    await conn.end();
    available = true;
  } catch (error) {
    if (process.env.CI === "true") {
      throw new Error(`MariaDB/MySQL is required under CI=true but ${SERVER_URL} did not answer: ${String(error)}`);
    }
    const line = "!".repeat(78);
    console.warn(`\n${line}\n!! MySQL/MariaDB not reachable at ${SERVER_URL}: the MySQL half of the\n!! integration tests is SKIPPED. Start MariaDB or set TEST_MYSQL_URL.\n${line}\n`);
  }
  project.provide("mysqlServerUrl", available ? SERVER_URL : null);
  project.provide("mysqlPrefix", prefix);

  return async () => {
    if (!available) return;
    const conn = await createConnection({ uri: SERVER_URL });
    try {
      const [rows] = await conn.query("SHOW DATABASES");
      for (const row of rows as Array<Record<string, string>>) {
        const name = Object.values(row)[0];
        if (name.startsWith(prefix)) await conn.query(`DROP DATABASE \`${name}\``);
      }
    } finally {
      await conn.end();
    }
  };
}
