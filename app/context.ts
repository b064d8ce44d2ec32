import type { Db, Dialect } from "#db/client";
import type { AppLucia } from "~/modules/auth/lucia.server";
import type { SessionUser } from "~/modules/auth/session.server";

/** What the server hands every loader and action besides the request. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  lucia: AppLucia;
  /** CSP nonce of this response, for inline scripts Remix renders. */
  nonce: string;
  clientAddress: string;
  user: SessionUser | null;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}

declare module "@remix-run/server-runtime" {
  // Single fetch: loader/action data types are inferred without JSON serialisation wrappers.
  interface Future {
    v3_singleFetch: true;
  }
}
