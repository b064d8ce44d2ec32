// Uploaded files live in the `uploads` table (bytes included), so any number of stateless app
// processes serve them alike. Ids are random and a row never changes once written.
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "#db/client";
import { checkUpload, sanitiseFileName, UPLOAD_ID, uploadUrl, type UploadKind } from "./file-types";

/** An expected refusal (wrong type, too large, empty) with its Chinese message. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

export interface StoredUpload {
  id: string;
  url: string;
  name: string;
  size: number;
  mime: string;
}

/**
 * Checks and stores one file. Takes `db` or a transaction (it opens none itself), so a caller can
 * store a file and link it to a lesson atomically.
 */
export async function storeUpload(
  db: Db,
  input: { kind: UploadKind; fileName: string; bytes: Uint8Array; uploadedBy: number | null },
  now = Date.now(),
): Promise<StoredUpload> {
  const check = checkUpload(input.kind, input.bytes);
  if (!check.ok) throw new UploadError(check.error, check.reason === "too-large" ? 413 : 400);
  const id = randomUUID();
  const name = sanitiseFileName(input.fileName, check.type);
  const data = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  await db
    .insertInto("uploads")
    .values({
      id,
      kind: input.kind,
      original_name: name,
      mime: check.type.mime,
      size: data.length,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
      uploaded_by: input.uploadedBy,
      created_at: now,
    })
    .execute();
  return { id, url: uploadUrl(id), name, size: data.length, mime: check.type.mime };
}

/** One stored file with its bytes, or undefined (a malformed id is simply not found). */
export async function getUpload(db: Db, id: string) {
  if (!UPLOAD_ID.test(id)) return undefined;
  const row = await db.selectFrom("uploads").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  // mysql2 and better-sqlite3 both return Buffers; normalise anything array-like all the same.
  return { ...row, data: Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data as Uint8Array) };
}

/** The file's metadata without its bytes. */
export function getUploadInfo(db: Db, id: string) {
  if (!UPLOAD_ID.test(id)) return Promise.resolve(undefined);
  return db
    .selectFrom("uploads")
    .select(["id", "kind", "original_name", "mime", "size", "sha256", "uploaded_by", "created_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}
