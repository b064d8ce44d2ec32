// Where each browser-test server keeps its data; shared by the launcher and the test fixtures.
export const MYSQL_SERVER = process.env.E2E_MYSQL_SERVER ?? "mysql://root@127.0.0.1:3306";

// E2E_INSTANCE lets two checkouts run the browser tests at once (with E2E_PORT_BASE apart).
const INSTANCE = (process.env.E2E_INSTANCE ?? "").replace(/[^a-z0-9_]/gi, "");
export const MYSQL_DATABASE = `e2e_platform${INSTANCE}`;
export const SQLITE_DIR = `data/e2e${INSTANCE}`;

export function databaseUrlFor(dialect) {
  return dialect === "mysql" ? `${MYSQL_SERVER}/${MYSQL_DATABASE}` : `file:${SQLITE_DIR}/app.db`;
}
