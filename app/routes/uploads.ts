// POST /uploads: an image for the rich-text editor, or a PDF attachment. Multipart fields `file`
// and `kind` (image | attachment). Replies JSON { id, url, name, size } or { error } in Chinese.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { UPLOAD_KINDS } from "~/modules/uploads/file-types";
import { readUploadForm } from "~/modules/uploads/multipart.server";
import { storeUpload, UploadError } from "~/modules/uploads/uploads.server";
import { requirePermission, requireUser } from "~/utils/auth.server";

const kindSchema = z.enum(UPLOAD_KINDS, { error: "请指明上传的是图片还是附件" });

function reply(body: object, status = 200) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:author");
  if (args.request.method !== "POST") return reply({ error: "不支持的请求方法" }, 405);
  const form = await readUploadForm(args.request);
  if (!form.ok) return reply({ error: form.error }, form.status);
  const kind = kindSchema.safeParse(form.fields.kind);
  if (!kind.success) return reply({ error: kind.error.issues[0].message }, 400);
  if (!form.file) return reply({ error: "请选择要上传的文件" }, 400);
  try {
    const stored = await storeUpload(args.context.db, { kind: kind.data, fileName: form.file.name, bytes: form.file.bytes, uploadedBy: user.id });
    return reply({ id: stored.id, url: stored.url, name: stored.name, size: stored.size });
  } catch (error) {
    if (error instanceof UploadError) return reply({ error: error.message }, error.status);
    throw error;
  }
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
