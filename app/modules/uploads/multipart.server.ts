// Reading a multipart upload form into memory with hard limits: one file part, at most the largest
// allowed upload; small text fields. Over-limit input becomes a Chinese message, never a 500.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { MAX_ANY_UPLOAD_BYTES, MAX_UPLOAD_BYTES, formatBytes } from "./file-types";

/** Room for the multipart boundaries and the small text fields around the file. */
const ENVELOPE_BYTES = 256 * 1024;
const MAX_TEXT_FIELD_BYTES = 16 * 1024;

export const GENERIC_TOO_LARGE = `文件过大：图片不能超过 ${formatBytes(MAX_UPLOAD_BYTES.image)}，PDF 附件不能超过 ${formatBytes(MAX_UPLOAD_BYTES.attachment)}`;

export type UploadForm =
  | { ok: true; fields: Record<string, string>; file: { name: string; bytes: Uint8Array } | null }
  | { ok: false; status: 400 | 413; error: string };

class TooManyFilesError extends Error {}

/**
 * Parses a multipart/form-data request holding at most one file in `fileField`. `maxFileBytes`
 * bounds what is read into memory; the per-kind limit is checked afterwards by `storeUpload`.
 */
export async function readUploadForm(
  request: Request,
  options: { fileField?: string; maxFileBytes?: number; tooLargeMessage?: string } = {},
): Promise<UploadForm> {
  const fileField = options.fileField ?? "file";
  const maxFileBytes = options.maxFileBytes ?? MAX_ANY_UPLOAD_BYTES;
  const tooLarge = options.tooLargeMessage ?? GENERIC_TOO_LARGE;
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return { ok: false, status: 400, error: "请通过文件上传表单提交文件" };
  const declared = Number(request.headers.get("Content-Length") ?? "NaN");
  // Refuse before reading anything when the client already says it is too big.
  if (Number.isFinite(declared) && declared > maxFileBytes + ENVELOPE_BYTES) return { ok: false, status: 413, error: tooLarge };

  const fileHandler = unstable_createMemoryUploadHandler({ maxPartSize: maxFileBytes });
  const textHandler = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_FIELD_BYTES });
  let files = 0;
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) return textHandler(part);
    if (part.name !== fileField || ++files > 1) throw new TooManyFilesError();
    return fileHandler(part);
  };

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return error.field === fileField || files > 0
        ? { ok: false, status: 413, error: tooLarge }
        : { ok: false, status: 400, error: "表单内容过长" };
    }
    if (error instanceof TooManyFilesError) return { ok: false, status: 400, error: "每次只能上传一个文件" };
    if (error instanceof TypeError) return { ok: false, status: 400, error: "上传的表单无法解析，请重试" };
    throw error;
  }

  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
  const entry = form.get(fileField);
  if (!(entry instanceof Blob) || (entry.size === 0 && !("name" in entry && entry.name))) return { ok: true, fields, file: null };
  const name = "name" in entry && typeof entry.name === "string" ? entry.name : "";
  return { ok: true, fields, file: { name, bytes: new Uint8Array(await entry.arrayBuffer()) } };
}
