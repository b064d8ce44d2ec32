import { sql } from "kysely";
import type { LoaderFunctionArgs } from "@remix-run/node";

/** Load-balancer health check: the process answers and its database answers. */
export async function loader({ context }: LoaderFunctionArgs) {
  await sql`select 1`.execute(context.db);
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
