// Exits 0 when the MySQL/MariaDB server at argv[2] accepts a connection.
import { createConnection } from "mysql2/promise";

try {
  const conn = await createConnection({ uri: process.argv[2], connectTimeout: 3000 });
  await conn.end();
  process.exit(0);
} catch {
  process.exit(1);
}
