import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/modules/auth/session.server";

export async function action({ context }: ActionFunctionArgs) {
  if (!context.user) throw redirect("/login");
  const cookie = await endSession(context.lucia, context.user.sessionId);
  throw redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  throw redirect("/home");
}
