// What may be uploaded, decided from the bytes themselves: the client's MIME type and file
// extension are claims, the magic bytes are facts. Pure functions, no I/O.

export const UPLOAD_KINDS = ["image", "attachment"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

const MB = 1024 * 1024;

/** Largest file per kind, in bytes. */
export const MAX_UPLOAD_BYTES: Record<UploadKind, number> = { image: 5 * MB, attachment: 20 * MB };

/** The largest file of any kind: the multipart parser's per-part limit. */
export const MAX_ANY_UPLOAD_BYTES = Math.max(...Object.values(MAX_UPLOAD_BYTES));

export interface FileType {
  mime: string;
  /** The extension a file of this type is saved with. */
  ext: string;
  /** Extensions people use for this type (lower case), kept when the name already has one. */
  exts: readonly string[];
  kind: UploadKind;
}

export const FILE_TYPES = {
  png: { mime: "image/png", ext: "png", exts: ["png"], kind: "image" },
  jpeg: { mime: "image/jpeg", ext: "jpg", exts: ["jpg", "jpeg", "jpe", "jfif"], kind: "image" },
  gif: { mime: "image/gif", ext: "gif", exts: ["gif"], kind: "image" },
  webp: { mime: "image/webp", ext: "webp", exts: ["webp"], kind: "image" },
  pdf: { mime: "application/pdf", ext: "pdf", exts: ["pdf"], kind: "attachment" },
} as const satisfies Record<string, FileType>;

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const PDF = ascii("%PDF-");

/**
 * The type of a file from its first bytes, or null when it is none of the accepted types. PDF
 * must start with "%PDF-" at byte 0 (readers tolerate leading junk; we do not, so a polyglot
 * HTML-then-PDF file is refused).
 */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, PNG)) return FILE_TYPES.png;
  if (startsWith(bytes, JPEG)) return FILE_TYPES.jpeg;
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return FILE_TYPES.gif;
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return FILE_TYPES.webp;
  if (startsWith(bytes, PDF)) return FILE_TYPES.pdf;
  return null;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < MB) return `${Math.ceil(size / 1024)} KB`;
  return `${(size / MB).toFixed(1).replace(/\.0$/, "")} MB`;
}

const WRONG_TYPE: Record<UploadKind, string> = {
  image: "只支持 PNG、JPEG、GIF、WebP 格式的图片（按文件内容识别，改扩展名无效）",
  attachment: "附件只支持 PDF 文件（按文件内容识别，改扩展名无效）",
};

const KIND_NAMES: Record<UploadKind, string> = { image: "图片", attachment: "PDF 附件" };

export function tooLargeMessage(kind: UploadKind): string {
  return `文件过大：${KIND_NAMES[kind]}不能超过 ${formatBytes(MAX_UPLOAD_BYTES[kind])}`;
}

export type UploadCheck = { ok: true; type: FileType } | { ok: false; reason: "empty" | "too-large" | "type"; error: string };

/** Is `bytes` an acceptable file of `kind`? Size first (cheap), then the magic bytes. */
export function checkUpload(kind: UploadKind, bytes: Uint8Array): UploadCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty", error: "请选择要上传的文件（文件为空）" };
  if (bytes.length > MAX_UPLOAD_BYTES[kind]) return { ok: false, reason: "too-large", error: tooLargeMessage(kind) };
  const type = detectFileType(bytes);
  if (!type || type.kind !== kind) return { ok: false, reason: "type", error: WRONG_TYPE[kind] };
  return { ok: true, type };
}

/** Longest stored name, in characters (the column is VARCHAR(255) on MySQL, which counts characters). */
export const MAX_FILE_NAME_LENGTH = 255;

// Control characters, bidi overrides that can disguise "gpj.exe" as "exe.jpg", and the characters
// Windows forbids in file names.
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*]/g;
const EXTENSION = /\.([A-Za-z0-9]{1,10})$/;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment,
 * without control, bidi or reserved characters, whitespace folded, at most 255 characters, and
 * ending in the extension of the type the bytes really are (a PNG named "a.pdf" becomes "a.png").
 */
export function sanitiseFileName(name: string, type: Pick<FileType, "ext" | "exts" | "kind">): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let stem = base
    .replace(UNSAFE_NAME_CHARS, "")
    .replace(/\s+/g, " ")
    .trim();
  let ext = type.ext;
  const match = EXTENSION.exec(stem);
  if (match) {
    stem = stem.slice(0, match.index);
    const given = match[1].toLowerCase();
    if (type.exts.includes(given)) ext = given;
  }
  stem = stem.replace(/^[.\s]+|[.\s]+$/g, "");
  if (!stem) stem = type.kind === "image" ? "图片" : "附件";
  const room = MAX_FILE_NAME_LENGTH - ext.length - 1;
  const chars = Array.from(stem);
  if (chars.length > room) stem = chars.slice(0, room).join("").trimEnd();
  return `${stem}.${ext}`;
}

/**
 * Content-Disposition for serving an upload: images show inline; PDFs download under their
 * original name (RFC 5987 for the UTF-8 name, an ASCII fallback for old clients).
 */
export function contentDisposition(kind: UploadKind, name: string): string {
  if (kind === "image") return "inline";
  const ext = EXTENSION.exec(name)?.[1]?.toLowerCase() ?? "pdf";
  const fallback = `attachment.${ext}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Upload ids are crypto.randomUUID() values; anything else cannot exist. */
export const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uploadUrl(id: string): string {
  return `/uploads/${id}`;
}
