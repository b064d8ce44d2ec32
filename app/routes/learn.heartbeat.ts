import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordHeartbeat } from "~/modules/study/progress.server";
import { requirePermission, requireUser } from "~/utils/auth.server";

const beatSchema = z.object({
  lessonId: z.coerce.number().int().positive(),
  visible: z.enum(["0", "1"]),
});

/** A study heartbeat from an open lesson page; the server decides what time it earns. */
export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const parsed = beatSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return Response.json({ error: "请求无效" }, { status: 400 });
  const course = await args.context.db
    .selectFrom("lessons as l")
    .innerJoin("courses as c", "c.id", "l.course_id")
    .select("c.status")
    .where("l.id", "=", parsed.data.lessonId)
    .executeTakeFirst();
  if (course?.status !== "published") return Response.json({ error: "课时不存在" }, { status: 404 });
  const state = await recordHeartbeat(args.context.db, user.id, parsed.data.lessonId, parsed.data.visible === "1");
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
