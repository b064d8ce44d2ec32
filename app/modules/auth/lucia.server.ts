import { Lucia, TimeSpan } from "lucia";
import type { Db } from "#db/client";
import { KyselyLuciaAdapter } from "./kysely-adapter.server";
import type { RoleGrant } from "./permissions";

/** A session dies after this long without a request (lucia extends it while in use). */
export const SESSION_IDLE = new TimeSpan(8, "h");
/** ... and after this long in any case, however active. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600 * 1000;
export const SESSION_COOKIE = "sid";

export function createLucia(db: Db, options: { secureCookies: boolean }) {
  return new Lucia(new KyselyLuciaAdapter(db), {
    sessionExpiresIn: SESSION_IDLE,
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: { secure: options.secureCookies, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attrs) => ({ createdAt: attrs.created_at }),
    getUserAttributes: (attrs) => ({
      name: attrs.name,
      employeeNo: attrs.employee_no,
      orgUnitId: attrs.org_unit_id,
      orgPath: attrs.org_path,
      tier: attrs.tier,
      post: attrs.post,
      mustChangePassword: attrs.must_change_password === 1,
      grants: attrs.grants,
    }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    UserId: number;
    DatabaseSessionAttributes: { created_at: number; client_address?: string | null; user_agent?: string | null };
    DatabaseUserAttributes: {
      name: string;
      employee_no: string;
      org_unit_id: number;
      org_path: string;
      tier: string;
      post: string;
      must_change_password: number;
      grants: RoleGrant[];
    };
  }
}
