// Who changed what: one row per create / edit / status change / move / tag, newest last.
import type { Db } from "#db/client";

export const EVENT_LABELS: Record<string, string> = {
  create: "新建",
  import: "导入",
  edit: "修改",
  publish: "发布",
  retire: "停用",
  restore: "恢复",
  move: "移动",
  tag: "添加标签",
  untag: "移除标签",
};

export async function recordEvent(
  db: Db,
  event: { questionId: number; action: string; version: number | null; actorId: number | null; detail?: string },
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto("question_events")
    .values({
      question_id: event.questionId,
      action: event.action,
      version: event.version,
      actor_id: event.actorId,
      detail: event.detail ? event.detail.slice(0, 1000) : null,
      at: now,
    })
    .execute();
}

/** The history of one question, oldest first, with the actor's name. */
export async function questionHistory(db: Db, questionId: number) {
  const rows = await db
    .selectFrom("question_events as e")
    .leftJoin("persons as p", "p.id", "e.actor_id")
    .select(["e.id", "e.action", "e.version", "e.detail", "e.at", "p.name as actor_name"])
    .where("e.question_id", "=", questionId)
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    label: EVENT_LABELS[r.action] ?? r.action,
    version: r.version,
    detail: r.detail,
    at: r.at,
    actorName: r.actor_name ?? "系统导入",
  }));
}
