// People import, the database half. Preview: read the file, check every row, write nothing but a
// draft (so "确认导入" works on any app process). Confirm: check the draft's rows again against
// the database as it is now and insert all of them in one transaction, or none.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "#db/client";
import { can, type Principal } from "~/modules/auth/permissions";
import { hashPassword } from "~/modules/auth/password.server";
import { todayInShanghai } from "~/utils/time";
import { writeAudit } from "./audit.server";
import { DEFAULT_ROLE } from "./constants";
import { PeopleRuleError, uniqueViolationColumn } from "./errors";
import { employeeNoKey } from "./fields";
import {
  IMPORT_COLUMNS,
  importLookupKeys,
  previewRow,
  readImportRows,
  validateImportRows,
  type ImportContext,
  type ImportPreviewRow,
  type ImportRowInput,
  type ImportUnit,
  type RowError,
  type ValidImportRow,
} from "./import-rows";
import { listTiers } from "./options.server";
import { personColumns } from "./types";
import { readSheetRows, UnreadableFileError } from "./xlsx.server";

export const IMPORT_DRAFT_KIND = "people";
/** A preview can be confirmed for this long. */
export const DRAFT_TTL_MS = 24 * 3600 * 1000;
/** Valid rows shown in the preview table (all of them are imported). */
export const PREVIEW_ROWS = 200;
/** Rows per multi-row INSERT / IN list: well under SQLite's and MySQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(items)) out.push(...(await run(chunk)));
  return out;
}

/** Looks up, for these rows, everything validateImportRows needs to know from the database. */
export async function buildImportContext(db: Db, actor: Principal, rows: readonly ImportRowInput[], now = Date.now()): Promise<ImportContext> {
  const keys = importLookupKeys(rows);
  const unitColumns = ["id", "name", "code", "path", "active"] as const;
  const tiers = await listTiers(db);
  const byCode = await inChunks(keys.unitCodes, (codes) => db.selectFrom("org_units").select(unitColumns).where("code", "in", codes).execute());
  const byName = await inChunks(keys.unitNames, (names) => db.selectFrom("org_units").select(unitColumns).where("name", "in", names).execute());
  const takenNos = await inChunks(keys.employeeNos, (nos) => db.selectFrom("persons").select("employee_no").where("employee_no", "in", nos).execute());
  const takenMobiles = await inChunks(keys.mobiles, (mobiles) => db.selectFrom("persons").select("mobile").where("mobile", "in", mobiles).execute());

  const toUnit = (u: (typeof byCode)[number]): ImportUnit => ({ id: u.id, name: u.name, code: u.code, path: u.path, active: u.active === 1 });
  const unitsByName = new Map<string, ImportUnit[]>();
  for (const u of byName) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), toUnit(u)]);
  return {
    today: todayInShanghai(now),
    tiers: tiers.map((t) => ({ code: t.code, name: t.name })),
    unitsByCode: new Map(byCode.map((u) => [u.code.toLowerCase(), toUnit(u)])),
    unitsByName,
    takenEmployeeNos: new Set(takenNos.map((r) => employeeNoKey(r.employee_no))),
    takenMobiles: new Set(takenMobiles.flatMap((r) => (r.mobile ? [r.mobile] : []))),
    mayUseUnit: (path) => can(actor, "person:import", path),
  };
}

export interface ImportPreview {
  fileName: string;
  /** Problems with the file as a whole (not an .xlsx, header missing, too many rows). */
  fileErrors: string[];
  /** Non-blank data rows in the file. */
  totalRows: number;
  validCount: number;
  errors: RowError[];
  /** The first PREVIEW_ROWS rows to be created. */
  rows: ImportPreviewRow[];
  /** Set only when the whole file is valid: what "确认导入" confirms. */
  draftId: string | null;
}

/** Checks an uploaded file without importing anything; stores its rows as a draft when all are valid. */
export async function previewPeopleImport(
  db: Db,
  actor: Principal,
  upload: { fileName: string; data: ArrayBuffer },
  now = Date.now(),
): Promise<ImportPreview> {
  const empty = { fileName: upload.fileName, totalRows: 0, validCount: 0, errors: [], rows: [], draftId: null };
  let sheet;
  try {
    sheet = await readSheetRows(upload.data);
  } catch (error) {
    if (error instanceof UnreadableFileError) return { ...empty, fileErrors: [error.message] };
    throw error;
  }
  const { rows, fileErrors } = readImportRows(sheet);
  if (fileErrors.length > 0) return { ...empty, fileErrors };
  const ctx = await buildImportContext(db, actor, rows, now);
  const { valid, errors } = validateImportRows(rows, ctx);
  let draftId: string | null = null;
  if (errors.length === 0) {
    draftId = randomUUID();
    await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom("import_drafts")
        .where("kind", "=", IMPORT_DRAFT_KIND)
        .where("created_at", "<", now - DRAFT_TTL_MS)
        .execute();
      await trx
        .insertInto("import_drafts")
        .values({
          id: draftId!,
          kind: IMPORT_DRAFT_KIND,
          created_by: actor.id,
          file_name: upload.fileName.slice(0, 255),
          payload: JSON.stringify({ version: 1, rows }),
          created_at: now,
        })
        .execute();
    });
  }
  return {
    fileName: upload.fileName,
    fileErrors: [],
    totalRows: rows.length,
    validCount: valid.length,
    errors,
    rows: valid.slice(0, PREVIEW_ROWS).map(previewRow),
    draftId,
  };
}

const draftPayloadSchema = z.object({
  version: z.literal(1),
  rows: z.array(
    z.object({
      rowNumber: z.number().int(),
      ...Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, z.string()])),
    }),
  ),
});

/** The rows of the actor's own unexpired draft, or a rule error. */
async function loadDraft(db: Db, actor: Principal, draftId: string, now: number) {
  const draft = await db
    .selectFrom("import_drafts")
    .select(["file_name", "payload"])
    .where("id", "=", draftId)
    .where("kind", "=", IMPORT_DRAFT_KIND)
    .where("created_by", "=", actor.id)
    .where("created_at", ">=", now - DRAFT_TTL_MS)
    .executeTakeFirst();
  if (!draft) throw new PeopleRuleError("导入批次不存在、已过期或已导入，请重新上传文件");
  const payload = draftPayloadSchema.parse(JSON.parse(draft.payload));
  return { fileName: draft.file_name, rows: payload.rows as ImportRowInput[] };
}

/** Thrown inside the transaction to roll it back and carry the report out. */
class ImportRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super("import rejected");
  }
}

export type ConfirmResult =
  | { ok: true; fileName: string; created: number }
  | { ok: false; fileName: string; errors: RowError[] };

/**
 * Imports a previewed draft: re-checks every row against the database now and writes people,
 * unit history, accounts (one initial password for the batch, to change at first login) and
 * trainee roles in ONE transaction. Any problem → nothing is written and the report comes back.
 */
export async function confirmPeopleImport(
  db: Db,
  actor: Principal,
  draftId: string,
  initialPassword: string,
  now = Date.now(),
): Promise<ConfirmResult> {
  const { fileName, rows } = await loadDraft(db, actor, draftId, now);
  // One hash for the whole batch: hashing is deliberately slow, and everyone gets the same password.
  const passwordHash = await hashPassword(initialPassword);
  try {
    const created = await db.transaction().execute(async (trx) => {
      // Lock the draft first (a double-clicked confirm must not import twice).
      const claimed = await trx.deleteFrom("import_drafts").where("id", "=", draftId).executeTakeFirst();
      if (Number(claimed.numDeletedRows) !== 1) throw new PeopleRuleError("该导入批次已被处理，请勿重复提交");
      const ctx = await buildImportContext(trx, actor, rows, now);
      const { valid, errors } = validateImportRows(rows, ctx);
      if (errors.length > 0) throw new ImportRejected(errors);
      const ids = await insertPeople(trx, valid, passwordHash, now);
      await writeAudit(
        trx,
        {
          actorId: actor.id,
          action: "person.import",
          targetType: "import",
          targetId: draftId,
          detail: { fileName, count: valid.length, firstPersonId: ids[0], lastPersonId: ids[ids.length - 1] },
        },
        now,
      );
      return valid.length;
    });
    return { ok: true, fileName, created };
  } catch (error) {
    if (error instanceof ImportRejected) return { ok: false, fileName, errors: error.errors };
    const column = uniqueViolationColumn(error);
    if (column) {
      const what = column === "mobile" ? "手机号" : "工号";
      return { ok: false, fileName, errors: [{ row: 0, message: `导入期间有其他人员使用了相同的${what}，请重新上传预览` }] };
    }
    throw error;
  }
}

/** Multi-row inserts in chunks; ids are read back by 工号 (MySQL cannot return them per row). */
async function insertPeople(db: Db, rows: readonly ValidImportRow[], passwordHash: string, now: number): Promise<number[]> {
  const allIds: number[] = [];
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("persons")
      .values(chunk.map((r) => ({ ...personColumns(r.person), status: "active" as const, created_at: now, updated_at: now })))
      .execute();
    const inserted = await db
      .selectFrom("persons")
      .select(["id", "employee_no"])
      .where(
        "employee_no",
        "in",
        chunk.map((r) => r.person.employeeNo),
      )
      .execute();
    const idOf = new Map(inserted.map((p) => [employeeNoKey(p.employee_no), p.id]));
    const ids = chunk.map((r) => {
      const id = idOf.get(employeeNoKey(r.person.employeeNo));
      if (id === undefined) throw new Error(`imported person ${r.person.employeeNo} not found after insert`);
      return id;
    });
    await db
      .insertInto("person_org_history")
      .values(chunk.map((r, i) => ({ person_id: ids[i], org_unit_id: r.person.orgUnitId, valid_from: now, valid_to: null })))
      .execute();
    // New people have no account yet: this is setInitialPassword's insert branch, batched.
    await db
      .insertInto("accounts")
      .values(ids.map((id) => ({ person_id: id, password_hash: passwordHash, must_change_password: 1, password_changed_at: null, created_at: now })))
      .execute();
    await db
      .insertInto("role_assignments")
      .values(ids.map((id) => ({ person_id: id, role: DEFAULT_ROLE, scope_org_unit_id: null, created_at: now })))
      .execute();
    allIds.push(...ids);
  }
  return allIds;
}
