// Committing an import plan. The web import keeps the checked plan as a draft between the dry-run
// and the instructor's confirmation; the command line commits at once. Either way every planned
// question is written in ONE transaction: all of them or none.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "#db/client";
import type { Principal } from "~/modules/auth/permissions";
import { questionContentSchema } from "./content";
import { BankRuleError } from "./errors";
import { markDuplicates, IMPORT_FORMATS, type ImportPlan, type PlannedItem } from "./import-plan.server";
import { pointIdsByPath } from "./knowledge-points.server";
import { insertQuestion } from "./store.server";

const DRAFT_KIND = "questions";
const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;
/** MEDIUMTEXT holds 16 MB; a larger plan must be split into several files. */
const MAX_DRAFT_CHARS = 15_000_000;

export interface CommitOptions {
  status: "draft" | "published";
  includeDuplicates: boolean;
  actorId: number | null;
}

export interface CommitResult {
  created: number;
  skippedDuplicates: number;
}

/**
 * Writes the planned questions into the bank in the caller's transaction. Duplicates are checked
 * again against the bank as it is now (someone may have added questions since the dry-run).
 */
export async function commitItems(trx: Db, bankId: number, items: PlannedItem[], options: CommitOptions, now = Date.now()): Promise<CommitResult> {
  await markDuplicates(trx, bankId, items);
  const chosen = options.includeDuplicates ? items : items.filter((i) => !i.duplicateOf);
  const points = await pointIdsByPath(trx, bankId);
  for (const item of chosen) {
    await insertQuestion(trx, { bankId, content: item.content, status: options.status, tags: item.tags, actorId: options.actorId, origin: "import", points }, now);
  }
  return { created: chosen.length, skippedDuplicates: items.length - chosen.length };
}

/** The command line's import: plan already checked, commit in one transaction. */
export async function commitPlan(db: Db, bankId: number, plan: ImportPlan, options: CommitOptions, now = Date.now()): Promise<CommitResult> {
  return db.transaction().execute((trx) => commitItems(trx, bankId, plan.items, options, now));
}

const draftSchema = z.object({
  version: z.literal(1),
  bankId: z.number().int(),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  items: z.array(
    z.object({
      at: z.object({ row: z.number().int().optional(), line: z.number().int().optional() }),
      content: questionContentSchema,
      tags: z.array(z.string()),
      dupHash: z.string(),
    }),
  ),
});

/** Keeps a checked plan until the instructor confirms it; returns its id (null when nothing to import). */
export async function saveImportDraft(db: Db, actor: Principal, bankId: number, fileName: string, plan: ImportPlan, now = Date.now()): Promise<string | null> {
  if (plan.items.length === 0) return null;
  const payload = JSON.stringify({
    version: 1,
    bankId,
    fileName,
    format: plan.format,
    items: plan.items.map(({ at, content, tags, dupHash }) => ({ at, content, tags, dupHash })),
  });
  if (payload.length > MAX_DRAFT_CHARS) throw new BankRuleError("文件中的试题内容过多，请拆分为几个较小的文件分别导入");
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("import_drafts").where("kind", "=", DRAFT_KIND).where("created_at", "<", now - DRAFT_TTL_MS).execute();
    await trx.insertInto("import_drafts").values({ id, kind: DRAFT_KIND, created_by: actor.id, file_name: fileName.slice(0, 255), payload, created_at: now }).execute();
  });
  return id;
}

/**
 * Imports a previewed draft into its bank in one transaction. The draft row is deleted first inside
 * the same transaction, so a double-clicked confirm imports once and a failure leaves it in place.
 */
export async function confirmImportDraft(
  db: Db,
  actor: Principal,
  bankId: number,
  draftId: string,
  options: Omit<CommitOptions, "actorId">,
  now = Date.now(),
): Promise<CommitResult & { fileName: string }> {
  return db.transaction().execute(async (trx) => {
    const draft = await trx
      .selectFrom("import_drafts")
      .select(["payload", "file_name"])
      .where("id", "=", draftId)
      .where("kind", "=", DRAFT_KIND)
      .where("created_by", "=", actor.id)
      .where("created_at", ">=", now - DRAFT_TTL_MS)
      .executeTakeFirst();
    if (!draft) throw new BankRuleError("导入批次不存在、已过期或已导入，请重新上传文件");
    const claimed = await trx.deleteFrom("import_drafts").where("id", "=", draftId).executeTakeFirst();
    if (Number(claimed.numDeletedRows) !== 1) throw new BankRuleError("该导入批次已被处理，请勿重复提交");
    const payload = draftSchema.parse(JSON.parse(draft.payload));
    if (payload.bankId !== bankId) throw new BankRuleError("导入批次不属于该题库");
    const result = await commitItems(trx, bankId, payload.items, { ...options, actorId: actor.id }, now);
    return { ...result, fileName: payload.fileName };
  });
}
