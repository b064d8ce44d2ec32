// Where each browser-test server keeps its data; shared by the launcher and the test fixtures.
export const MYSQL_SERVER = process.env.E2E_MYSQL_SERVER ?? "mysql://root@127.0.0.1:3306";

export function databaseUrlFor(dialect) {
  return dialect === "mysql" ? `${MYSQL_SERVER}/e2e_platform` : "file:data/e2e/app.db";
}
