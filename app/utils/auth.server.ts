import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Action } from "~/modules/auth/permissions";
import { can } from "~/modules/auth/permissions";
import type { SessionUser } from "~/modules/auth/session.server";
import { notFound } from "./http.server";

interface Args {
  request: Request;
  context: AppLoadContext;
}

/** The path to come back to after signing in, if it is a local path. */
export function safeRedirectTarget(target: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}

/**
 * The signed-in user, or a redirect to the login page. People who must change their initial
 * password are sent to do that first, except on the page that does it.
 */
export function requireUser({ request, context }: Args, options: { allowPendingPasswordChange?: boolean } = {}): SessionUser {
  const user = context.user;
  const url = new URL(request.url);
  if (!user) {
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (user.mustChangePassword && !options.allowPendingPasswordChange) throw redirect("/password");
  return user;
}

/** Throws 404 unless `user` may perform `action` (on a target inside their scope, when given). */
export function requirePermission(user: SessionUser, action: Action, target?: { path: string }): void {
  if (!can(user, action, target?.path)) notFound();
}

export function getOptionalUser({ context }: Args): SessionUser | null {
  return context.user;
}
