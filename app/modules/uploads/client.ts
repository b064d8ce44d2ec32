// Browser side of POST /uploads: used by the rich-text editor's image button.
import type { UploadKind } from "./file-types";

export interface UploadResult {
  id: string;
  url: string;
  name: string;
  size: number;
}

/** Uploads one file; resolves to what the server stored, or rejects with its Chinese message. */
export async function uploadFile(file: File, kind: UploadKind): Promise<UploadResult> {
  const body = new FormData();
  body.append("kind", kind);
  body.append("file", file);
  let response: Response;
  try {
    response = await fetch("/uploads", { method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin" });
  } catch {
    throw new Error("网络连接失败，请稍后重试");
  }
  const reply = (await response.json().catch(() => null)) as Partial<UploadResult> & { error?: string } | null;
  if (!response.ok || !reply || typeof reply.url !== "string") {
    // A redirect to the login page comes back as HTML: the session has ended.
    throw new Error(reply?.error ?? (response.redirected ? "登录已过期，请刷新页面后重新登录" : "上传失败，请重试"));
  }
  return reply as UploadResult;
}

/** The editor's `onUploadImage`: stores the image and gives back its /uploads/ URL. */
export async function uploadImage(file: File): Promise<string> {
  return (await uploadFile(file, "image")).url;
}
