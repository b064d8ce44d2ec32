import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RichTextField } from "~/components/rich-text/editor-field";
import {
  emptyDoc,
  readStoredDoc,
  RICH_TEXT_LIMITS,
  richDocJsonSchema,
  richDocSchema,
  type RichNode,
} from "~/modules/richtext/schema";

const p = (...content: unknown[]) => ({ type: "paragraph", content });
const t = (text: string, marks?: unknown[]) => (marks ? { type: "text", text, marks } : { type: "text", text });
const doc = (...content: unknown[]) => ({ type: "doc", content });

function problem(value: unknown): string | undefined {
  const parsed = richDocSchema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

/** What Tiptap 3's getJSON() returned for a small document in the real editor. */
const fromTiptap = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "标题" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", marks: [{ type: "bold" }], text: "粗体" },
        {
          type: "text",
          marks: [{ type: "link", attrs: { href: "/x", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null } }],
          text: "链接",
        },
        { type: "hardBreak" },
        { type: "text", text: "换行" },
      ],
    },
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [
            {
              type: "tableHeader",
              attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null },
              content: [
                {
                  type: "orderedList",
                  attrs: { start: 1, type: null },
                  content: [
                    {
                      type: "listItem",
                      content: [
                        { type: "paragraph", content: [{ type: "text", text: "甲" }] },
                        { type: "image", attrs: { src: "/uploads/2026/a.png", alt: "现场", title: null, width: null, height: null } },
                      ],
                    },
                  ],
                },
              ],
            },
            { type: "tableCell", attrs: { colspan: 2, rowspan: 1, colwidth: [120, 80], align: "center" }, content: [{ type: "paragraph" }] },
          ],
        },
      ],
    },
    { type: "callout", attrs: { tone: "note" }, content: [{ type: "paragraph", content: [{ type: "text", text: "提示" }] }] },
    { type: "codeBlock", attrs: { language: null }, content: [{ type: "text", text: "x" }] },
    { type: "paragraph" },
  ],
};

describe("richDocSchema", () => {
  it("accepts the editor's JSON and strips attributes outside the allow-list", () => {
    const parsed = richDocSchema.parse(fromTiptap);
    const [, paragraph, table] = parsed.content;
    expect(paragraph.content?.[1].marks).toEqual([{ type: "link", attrs: { href: "/x", title: null } }]);
    const [header, cell] = table.content![0].content!;
    expect(header.attrs).toEqual({ colspan: 1, rowspan: 1, align: null });
    expect(cell.attrs).toEqual({ colspan: 2, rowspan: 1, align: "center" });
    const image = header.content![0].content![0].content![1];
    expect(image).toEqual({ type: "image", attrs: { src: "/uploads/2026/a.png", alt: "现场", title: null } });
    expect(parsed.content[4]).toEqual({ type: "codeBlock", attrs: { language: null }, content: [{ type: "text", text: "x" }] });
  });

  it("accepts an empty document", () => {
    expect(richDocSchema.parse(emptyDoc())).toEqual(emptyDoc());
    expect(richDocSchema.parse({ type: "doc" })).toEqual({ type: "doc", content: [] });
  });

  it.each([
    [doc({ type: "iframe", attrs: { src: "https://evil" } }), "正文包含不支持的内容格式，请删除后重试"],
    [doc({ type: "script", content: [t("x")] }), "正文包含不支持的内容格式，请删除后重试"],
    [doc(p(t("x", [{ type: "textStyle", attrs: { style: "color:red" } }]))), "正文包含不支持的内容格式，请删除后重试"],
    [doc(p(t("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))), "链接地址只能以 http://、https://、mailto: 或站内路径 / 开头"],
    [doc(p(t("x", [{ type: "link", attrs: { href: " https://ok.example" } }]))), "链接地址只能以 http://、https://、mailto: 或站内路径 / 开头"],
    [doc({ type: "image", attrs: { src: "http://evil/x.png" } }), "图片只能使用本站上传的图片（PNG、JPEG、GIF、WebP）"],
    [doc({ type: "image", attrs: { src: "data:image/svg+xml;base64,PHN2Zz4=" } }), "图片只能使用本站上传的图片（PNG、JPEG、GIF、WebP）"],
    [doc({ type: "heading", attrs: { level: 1 }, content: [t("x")] }), "标题只能是 2–4 级"],
    [doc({ type: "callout", attrs: { tone: "danger" }, content: [p(t("x"))] }), "提示框类型只能是注意或警示"],
    [doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 1000 } }] }] }), "表格合并单元格不能超过 20 格"],
    [doc({ type: "codeBlock", attrs: { language: '"><script>' } }), "代码语言名称无效"],
  ])("refuses %j with a Chinese message", (value, message) => {
    expect(problem(value)).toBe(message);
  });

  it.each([
    null,
    "doc",
    { type: "paragraph" },
    doc(p({ type: "text", text: "" })),
    doc(p({ type: "text" })),
    doc(p(t("x", ["bold"]))),
    doc({ type: "tableCell", attrs: { colspan: 1.5 } }),
    doc({ type: "paragraph", content: "x" }),
  ])("refuses the malformed %j", (value) => {
    expect(richDocSchema.safeParse(value).success).toBe(false);
  });

  it("refuses a document nested past the depth limit without overflowing the stack", () => {
    let node: RichNode = p(t("底")) as RichNode;
    for (let i = 0; i < 100_000; i++) node = { type: "blockquote", content: [node] };
    expect(problem(doc(node))).toBe("正文嵌套层级过深，请简化列表或引用的嵌套");

    let ok: RichNode = p(t("底")) as RichNode;
    for (let i = 0; i < RICH_TEXT_LIMITS.maxDepth - 2; i++) ok = { type: "blockquote", content: [ok] };
    expect(problem(doc(ok))).toBeUndefined();
  });

  it("refuses a document with too many nodes", () => {
    const many = Array.from({ length: RICH_TEXT_LIMITS.maxNodes }, () => ({ type: "horizontalRule" }));
    expect(problem(doc(...many))).toBe("正文过长，请拆分为多节课");
  });
});

describe("richDocJsonSchema (the posted form field)", () => {
  const form = z.object({ body: richDocJsonSchema });

  it("parses the hidden input's JSON", () => {
    const parsed = form.parse({ body: JSON.stringify(fromTiptap) });
    expect(parsed.body.content[0]).toEqual({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "标题" }] });
  });

  it.each([
    ["{not json", "正文格式无效，请刷新页面后重试"],
    [JSON.stringify({ type: "page" }), "正文格式无效，请刷新页面后重试"],
    [JSON.stringify(doc({ type: "video" })), "正文包含不支持的内容格式，请删除后重试"],
    [JSON.stringify(doc({ type: "image", attrs: { src: "https://evil/x.png" } })), "图片只能使用本站上传的图片（PNG、JPEG、GIF、WebP）"],
    ["x".repeat(RICH_TEXT_LIMITS.maxJsonLength + 1), "正文过长，请拆分为多节课或压缩图片"],
  ])("reports %j as one message on the field", (body, message) => {
    const parsed = form.safeParse({ body });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[["body"], message]]);
  });

  it("reports a missing field", () => {
    expect(form.safeParse({}).error?.issues[0]).toMatchObject({ path: ["body"], message: "正文格式无效，请刷新页面后重试" });
  });
});

describe("readStoredDoc", () => {
  it("reads a stored row, and falls back to an empty document", () => {
    expect(readStoredDoc(JSON.stringify(doc(p(t("存")))))).toEqual(doc(p(t("存"))));
    expect(readStoredDoc(null)).toEqual(emptyDoc());
    expect(readStoredDoc("{oops")).toEqual(emptyDoc());
    expect(readStoredDoc(JSON.stringify(doc({ type: "iframe" })))).toEqual(emptyDoc());
  });
});

describe("RichTextField on the server", () => {
  it("renders a preview and a hidden input with the current JSON, never the editor", () => {
    const content = richDocSchema.parse(doc(p(t("原有<正文>", [{ type: "bold" }]))));
    const html = renderToString(createElement(RichTextField, { name: "body", initialContent: content }));
    expect(html).toContain('<div class="rich-text rte__preview"><p><strong>原有&lt;正文&gt;</strong></p></div>');
    const value = /<input type="hidden" name="body" value="([^"]*)"/.exec(html)?.[1];
    expect(value?.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")).toBe(JSON.stringify(content));
    expect(html).not.toContain("rte__toolbar");
    expect(html).toContain("<noscript>");
  });

  it("posts an empty document when there is no content yet", () => {
    const html = renderToString(createElement(RichTextField, { name: "stem" }));
    expect(html).toContain('name="stem"');
    expect(html).toContain("&quot;paragraph&quot;");
  });
});
