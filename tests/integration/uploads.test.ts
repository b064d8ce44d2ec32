import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/modules/auth/session.server";
import { MAX_UPLOAD_BYTES } from "~/modules/uploads/file-types";
import { getUpload, storeUpload, UploadError } from "~/modules/uploads/uploads.server";
import { action as uploadAction } from "~/routes/uploads";
import { loader as serveLoader } from "~/routes/uploads.$id";
import { makePerson, makeUnit } from "../support/fixtures";
import { forEachDialect, type TestDb } from "../support/test-db";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A "PNG" whose body holds every byte value, twice, in both orders: any text decoding shows. */
function everyByte(): Buffer {
  const all = Array.from({ length: 256 }, (_, i) => i);
  return Buffer.from([...PNG_SIGNATURE, ...all, ...all.reverse()]);
}

function sessionUser(id: number, roles: SessionUser["grants"][number]["role"][]): SessionUser {
  return {
    id,
    sessionId: "test",
    name: "测试人员",
    employeeNo: `T${id}`,
    orgUnitId: 1,
    orgPath: "/1/",
    tier: "grid",
    post: "网格员",
    mustChangePassword: false,
    grants: roles.map((role) => ({ role, scopeOrgUnitId: null, scopePath: null })),
  };
}

function context(t: TestDb, user: SessionUser | null): AppLoadContext {
  return { db: t.db, dialect: t.dialect, lucia: null as never, nonce: "", clientAddress: "127.0.0.1", user };
}

function uploadRequest(parts: { kind?: string; file?: { bytes: Uint8Array; name: string; type: string } }) {
  const form = new FormData();
  if (parts.kind) form.append("kind", parts.kind);
  if (parts.file) form.append("file", new Blob([new Uint8Array(parts.file.bytes)], { type: parts.file.type }), parts.file.name);
  return new Request("http://localhost/uploads", { method: "POST", body: form });
}

async function post(t: TestDb, user: SessionUser | null, parts: Parameters<typeof uploadRequest>[0]) {
  const response = (await uploadAction({ request: uploadRequest(parts), context: context(t, user), params: {} })) as Response;
  return { status: response.status, body: (await response.json()) as { id?: string; url?: string; name?: string; size?: number; error?: string } };
}

async function get(t: TestDb, user: SessionUser | null, id: string, headers: Record<string, string> = {}) {
  try {
    return await serveLoader({ request: new Request(`http://localhost/uploads/${id}`, { headers }), context: context(t, user), params: { id } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

forEachDialect("uploads: stored in the database, served back byte for byte", (getDb) => {
  let instructor: SessionUser;
  let trainee: SessionUser;

  beforeAll(async () => {
    const { db } = getDb();
    const unit = await makeUnit(db, null, "city", "市局");
    instructor = sessionUser((await makePerson(db, unit.id, { roles: [{ role: "instructor" }] })).id, ["trainee", "instructor"]);
    trainee = sessionUser((await makePerson(db, unit.id)).id, ["trainee"]);
  });

  it("round-trips all 256 byte values exactly, with sha256 and size", async () => {
    const bytes = everyByte();
    const stored = await storeUpload(getDb().db, { kind: "image", fileName: "全字节.png", bytes, uploadedBy: instructor.id });
    expect(stored).toMatchObject({ url: `/uploads/${stored.id}`, name: "全字节.png", size: bytes.length, mime: "image/png" });
    const row = await getUpload(getDb().db, stored.id);
    expect(Buffer.isBuffer(row?.data)).toBe(true);
    expect(row!.data.equals(bytes)).toBe(true);
    expect(row!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(row!.uploaded_by).toBe(instructor.id);
  });

  it("POST /uploads stores an image and GET /uploads/:id serves the same bytes with safe headers", async () => {
    const bytes = everyByte();
    const { status, body } = await post(getDb(), instructor, { kind: "image", file: { bytes, name: "现场照片.png", type: "image/png" } });
    expect(status).toBe(200);
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), url: `/uploads/${body.id}`, name: "现场照片.png", size: bytes.length });

    const response = await get(getDb(), trainee, body.id!);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Disposition")).toBe("inline");
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    expect(response.headers.get("Content-Security-Policy")).toBe("default-src 'none'");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);

    const again = await get(getDb(), trainee, body.id!, { "If-None-Match": response.headers.get("ETag")! });
    expect(again.status).toBe(304);
  });

  it("serves a PDF as a download under its UTF-8 name", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "latin1");
    const { status, body } = await post(getDb(), instructor, { kind: "attachment", file: { bytes: pdf, name: "防汛 手册.pdf", type: "application/pdf" } });
    expect(status).toBe(200);
    const response = await get(getDb(), instructor, body.id!);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''%E9%98%B2%E6%B1%9B%20%E6%89%8B%E5%86%8C.pdf",
    );
  });

  it("refuses an HTML file claiming to be image/png, and a PNG sent as a PDF attachment", async () => {
    const html = new TextEncoder().encode("<html><body><script>alert(1)</script></body></html>");
    const fake = await post(getDb(), instructor, { kind: "image", file: { bytes: html, name: "x.png", type: "image/png" } });
    expect(fake.status).toBe(400);
    expect(fake.body.error).toMatch(/PNG、JPEG、GIF、WebP/);
    const renamed = await post(getDb(), instructor, { kind: "attachment", file: { bytes: everyByte(), name: "资料.pdf", type: "application/pdf" } });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error).toMatch(/PDF/);
  });

  it("refuses a missing kind, a missing file and files over the limit", async () => {
    expect((await post(getDb(), instructor, { file: { bytes: everyByte(), name: "a.png", type: "image/png" } })).status).toBe(400);
    expect(await post(getDb(), instructor, { kind: "image" })).toEqual({ status: 400, body: { error: "请选择要上传的文件" } });
    const bigImage = Buffer.alloc(MAX_UPLOAD_BYTES.image + 1);
    bigImage.set(PNG_SIGNATURE);
    expect(await post(getDb(), instructor, { kind: "image", file: { bytes: bigImage, name: "big.png", type: "image/png" } })).toEqual({
      status: 413,
      body: { error: "文件过大：图片不能超过 5 MB" },
    });
    const bigPdf = Buffer.alloc(MAX_UPLOAD_BYTES.attachment + 1);
    bigPdf.write("%PDF-1.4");
    const tooBig = await post(getDb(), instructor, { kind: "attachment", file: { bytes: bigPdf, name: "big.pdf", type: "application/pdf" } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatch(/^文件过大/);
  });

  it("lets only course authors upload, and only signed-in people download", async () => {
    await expect(post(getDb(), trainee, { kind: "image", file: { bytes: everyByte(), name: "a.png", type: "image/png" } })).rejects.toMatchObject({
      status: 404,
    });
    const stored = await storeUpload(getDb().db, { kind: "image", fileName: "a.png", bytes: everyByte(), uploadedBy: instructor.id });
    expect((await get(getDb(), null, stored.id)).status).toBe(404);
    expect((await get(getDb(), trainee, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get(getDb(), trainee, "../etc/passwd")).status).toBe(404);
  });

  it("writes nothing for a refused file", async () => {
    const before = await getDb().db.selectFrom("uploads").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    await expect(storeUpload(getDb().db, { kind: "attachment", fileName: "x.pdf", bytes: everyByte(), uploadedBy: null })).rejects.toBeInstanceOf(UploadError);
    const after = await getDb().db.selectFrom("uploads").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
