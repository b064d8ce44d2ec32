// GET /uploads/:id: a stored file, to any signed-in user. Ids are random and a file never changes,
// so browsers may keep it for a year; nosniff and a no-everything CSP keep a file that fooled the
// type check from ever running as a page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition, type UploadKind } from "~/modules/uploads/file-types";
import { getUpload } from "~/modules/uploads/uploads.server";
import { notFound } from "~/utils/http.server";

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  if (!context.user) notFound();
  const upload = await getUpload(context.db, params.id ?? "");
  if (!upload) notFound();
  const etag = `"${upload.sha256}"`;
  const headers = new Headers({
    "Content-Type": upload.mime,
    "Content-Length": String(upload.size),
    "Content-Disposition": contentDisposition(upload.kind as UploadKind, upload.original_name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
  });
  if (request.headers.get("If-None-Match") === etag) {
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  const { buffer, byteOffset, byteLength } = upload.data;
  return new Response(new Uint8Array(buffer as ArrayBuffer, byteOffset, byteLength), { status: 200, headers });
}
