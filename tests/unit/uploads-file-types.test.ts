import { describe, expect, it } from "vitest";
import {
  checkUpload,
  contentDisposition,
  detectFileType,
  FILE_TYPES,
  MAX_FILE_NAME_LENGTH,
  MAX_UPLOAD_BYTES,
  sanitiseFileName,
} from "~/modules/uploads/file-types";

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? Array.from(Buffer.from(p, "latin1")) : p)));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF");
const GIF87 = bytes("GIF87a", [1, 0, 1, 0]);
const GIF89 = bytes("GIF89a", [1, 0, 1, 0]);
const WEBP = bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ");
const PDF = bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
const HTML = bytes("<!DOCTYPE html><html><script>alert(1)</script></html>");
const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/** A buffer of `size` bytes starting with `head`. */
function sized(head: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(head);
  return out;
}

describe("detectFileType: magic bytes decide", () => {
  it.each([
    ["PNG", PNG, "image/png"],
    ["JPEG", JPEG, "image/jpeg"],
    ["GIF87a", GIF87, "image/gif"],
    ["GIF89a", GIF89, "image/gif"],
    ["WebP", WEBP, "image/webp"],
    ["PDF", PDF, "application/pdf"],
  ])("recognises %s", (_name, data, mime) => {
    expect(detectFileType(data)?.mime).toBe(mime);
  });

  it("refuses HTML, SVG, empty and truncated signatures", () => {
    expect(detectFileType(HTML)).toBeNull();
    expect(detectFileType(SVG)).toBeNull();
    expect(detectFileType(new Uint8Array())).toBeNull();
    expect(detectFileType(PNG.slice(0, 7))).toBeNull();
    expect(detectFileType(bytes("RIFF", [0, 0, 0, 0], "WAVE"))).toBeNull();
    // "%PDF-" must be at byte 0: an HTML page with a PDF tucked behind it is not a PDF.
    expect(detectFileType(bytes("<html>", "%PDF-1.4"))).toBeNull();
  });
});

describe("checkUpload", () => {
  it("accepts each image type as an image and PDF as an attachment", () => {
    for (const data of [PNG, JPEG, GIF87, GIF89, WEBP]) expect(checkUpload("image", data).ok).toBe(true);
    expect(checkUpload("attachment", PDF)).toEqual({ ok: true, type: FILE_TYPES.pdf });
  });

  it("refuses a PNG renamed .pdf as an attachment, and takes it as the PNG it is when it is an image", () => {
    const result = checkUpload("attachment", PNG);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain("PDF");
    const image = checkUpload("image", PNG);
    expect(image.ok && image.type.mime).toBe("image/png");
    expect(sanitiseFileName("截图.pdf", FILE_TYPES.png)).toBe("截图.png");
  });

  it("refuses an HTML file whatever it claims to be", () => {
    // The claimed MIME type (image/png) and name (x.png) are never consulted.
    const result = checkUpload("image", HTML);
    expect(result).toMatchObject({ ok: false, reason: "type" });
    if (!result.ok) expect(result.error).toMatch(/PNG、JPEG、GIF、WebP/);
    expect(checkUpload("attachment", HTML).ok).toBe(false);
    expect(checkUpload("image", SVG).ok).toBe(false);
  });

  it("refuses a PDF as an image and an image as an attachment", () => {
    expect(checkUpload("image", PDF).ok).toBe(false);
    expect(checkUpload("attachment", JPEG).ok).toBe(false);
  });

  it("holds images to 5 MB and attachments to 20 MB, inclusive", () => {
    expect(MAX_UPLOAD_BYTES).toEqual({ image: 5 * 1024 * 1024, attachment: 20 * 1024 * 1024 });
    expect(checkUpload("image", sized(PNG, MAX_UPLOAD_BYTES.image)).ok).toBe(true);
    const big = checkUpload("image", sized(PNG, MAX_UPLOAD_BYTES.image + 1));
    expect(big).toMatchObject({ ok: false, reason: "too-large" });
    if (!big.ok) expect(big.error).toBe("文件过大：图片不能超过 5 MB");
    expect(checkUpload("attachment", sized(PDF, MAX_UPLOAD_BYTES.attachment)).ok).toBe(true);
    const bigPdf = checkUpload("attachment", sized(PDF, MAX_UPLOAD_BYTES.attachment + 1));
    expect(bigPdf).toMatchObject({ ok: false, reason: "too-large", error: "文件过大：PDF 附件不能超过 20 MB" });
    // A 6 MB PDF is a fine attachment.
    expect(checkUpload("attachment", sized(PDF, 6 * 1024 * 1024)).ok).toBe(true);
  });

  it("refuses an empty file", () => {
    expect(checkUpload("image", new Uint8Array())).toMatchObject({ ok: false, reason: "empty" });
  });
});

describe("sanitiseFileName", () => {
  const pdf = FILE_TYPES.pdf;
  const jpeg = FILE_TYPES.jpeg;

  it("keeps ordinary Chinese names and a matching extension", () => {
    expect(sanitiseFileName("防汛防台手册（2026版）.pdf", pdf)).toBe("防汛防台手册（2026版）.pdf");
    expect(sanitiseFileName("现场照片.JPEG", jpeg)).toBe("现场照片.jpeg");
    expect(sanitiseFileName("现场照片.jpg", jpeg)).toBe("现场照片.jpg");
  });

  it("adds or corrects the extension to the real type", () => {
    expect(sanitiseFileName("报告", pdf)).toBe("报告.pdf");
    expect(sanitiseFileName("第3.5章", pdf)).toBe("第3.5章.pdf");
    expect(sanitiseFileName("photo.exe", jpeg)).toBe("photo.jpg");
    expect(sanitiseFileName("page.html", FILE_TYPES.png)).toBe("page.png");
  });

  it("drops paths, control and bidi characters and reserved characters", () => {
    expect(sanitiseFileName("C:\\Users\\张三\\桌面\\计划.pdf", pdf)).toBe("计划.pdf");
    expect(sanitiseFileName("../../etc/passwd", pdf)).toBe("passwd.pdf");
    expect(sanitiseFileName("a\u0000b\r\nc.pdf", pdf)).toBe("abc.pdf");
    expect(sanitiseFileName("invoice\u202Efdp.exe", pdf)).toBe("invoicefdp.pdf");
    expect(sanitiseFileName('a<b>c:"d|e?f*.pdf', pdf)).toBe("abcdef.pdf");
    expect(sanitiseFileName("  多个   空格 .pdf", pdf)).toBe("多个 空格.pdf");
  });

  it("never returns a name without a stem, or a hidden file", () => {
    expect(sanitiseFileName("", pdf)).toBe("附件.pdf");
    expect(sanitiseFileName(".pdf", pdf)).toBe("附件.pdf");
    expect(sanitiseFileName("...", FILE_TYPES.png)).toBe("图片.png");
    expect(sanitiseFileName(".hidden.pdf", pdf)).toBe("hidden.pdf");
  });

  it("cuts long names to 255 characters, keeping the extension and whole characters", () => {
    const long = sanitiseFileName(`${"应".repeat(400)}.pdf`, pdf);
    expect(Array.from(long)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(long.endsWith("应.pdf")).toBe(true);
    const emoji = sanitiseFileName(`${"🚒".repeat(300)}.pdf`, pdf);
    expect(Array.from(emoji)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("contentDisposition", () => {
  it("shows images inline and downloads PDFs under their UTF-8 name", () => {
    expect(contentDisposition("image", "图.png")).toBe("inline");
    expect(contentDisposition("attachment", "防汛 手册(1).pdf")).toBe(
      "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''%E9%98%B2%E6%B1%9B%20%E6%89%8B%E5%86%8C%281%29.pdf",
    );
  });
});
