import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { markdownToDoc } from "~/modules/richtext/markdown";
import { renderRichText } from "~/modules/richtext/render";
import { richDocSchema } from "~/modules/richtext/schema";

const t = (text: string, marks?: unknown[]) => (marks ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: unknown[]) => (content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" });
const li = (...content: unknown[]) => ({ type: "listItem", content });
const bold = { type: "bold" };
const body = (markdown: string) => markdownToDoc(markdown).content;

describe("markdownToDoc: blocks", () => {
  it("maps headings to levels 2–4 (level 1 is the lesson title)", () => {
    expect(body("# 一\n## 二\n### 三\n#### 四\n##### 五")).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [t("一")] },
      { type: "heading", attrs: { level: 2 }, content: [t("二")] },
      { type: "heading", attrs: { level: 3 }, content: [t("三")] },
      { type: "heading", attrs: { level: 4 }, content: [t("四")] },
      { type: "heading", attrs: { level: 4 }, content: [t("五")] },
    ]);
  });

  it("converts inline marks and links", () => {
    expect(body('普通 **粗** *斜* `a<b` ~~删~~ [链](https://example.com "标题") [站内](/courses/1)')).toEqual([
      p(
        t("普通 "),
        t("粗", [bold]),
        t(" "),
        t("斜", [{ type: "italic" }]),
        t(" "),
        t("a<b", [{ type: "code" }]),
        t(" "),
        t("删", [{ type: "strike" }]),
        t(" "),
        t("链", [{ type: "link", attrs: { href: "https://example.com/", title: "标题" } }]),
        t(" "),
        t("站内", [{ type: "link", attrs: { href: "/courses/1" } }]),
      ),
    ]);
  });

  it("orders nested marks link-first and merges equal runs", () => {
    expect(body("***粗斜*** [**粗链**接](/a)")).toEqual([
      p(
        t("粗斜", [bold, { type: "italic" }]),
        t(" "),
        t("粗链", [{ type: "link", attrs: { href: "/a" } }, bold]),
        t("接", [{ type: "link", attrs: { href: "/a" } }]),
      ),
    ]);
    expect(body("甲\\*乙\\*丙")).toEqual([p(t("甲*乙*丙"))]);
  });

  it("converts nested and numbered lists", () => {
    expect(body("- 甲\n  - 乙\n  - 丙\n- 丁\n\n3. 三\n4. 四")).toEqual([
      {
        type: "bulletList",
        content: [
          li(p(t("甲")), { type: "bulletList", content: [li(p(t("乙"))), li(p(t("丙")))] }),
          li(p(t("丁"))),
        ],
      },
      { type: "orderedList", attrs: { start: 3 }, content: [li(p(t("三"))), li(p(t("四")))] },
    ]);
  });

  it("keeps the paragraphs of loose list items", () => {
    expect(body("- 甲\n\n  续段\n- 乙")).toEqual([
      { type: "bulletList", content: [li(p(t("甲")), p(t("续段"))), li(p(t("乙")))] },
    ]);
  });

  it("converts GFM tables with a header row and alignment", () => {
    expect(body("| 项目 | 数量 |\n|---|:-:|\n| 灭火器 | **2** |\n| 空 | |")).toEqual([
      {
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              { type: "tableHeader", content: [p(t("项目"))] },
              { type: "tableHeader", attrs: { align: "center" }, content: [p(t("数量"))] },
            ],
          },
          {
            type: "tableRow",
            content: [
              { type: "tableCell", content: [p(t("灭火器"))] },
              { type: "tableCell", attrs: { align: "center" }, content: [p(t("2", [bold]))] },
            ],
          },
          {
            type: "tableRow",
            content: [
              { type: "tableCell", content: [p(t("空"))] },
              { type: "tableCell", attrs: { align: "center" }, content: [p()] },
            ],
          },
        ],
      },
    ]);
  });

  it("turns <br> in a table cell into a line break", () => {
    const [table] = body("| 要点 |\n|---|\n| 一<br>二 |");
    expect(table.content?.[1].content?.[0].content).toEqual([p(t("一"), { type: "hardBreak" }, t("二"))]);
  });

  it("converts 注意 and 警示 callouts, keeping their lists", () => {
    expect(body("> [!注意]\n> 提示内容。\n\n> [!警示]\n> 第一段\n>\n> - 条一\n\n> 普通引用")).toEqual([
      { type: "callout", attrs: { tone: "note" }, content: [p(t("提示内容。"))] },
      {
        type: "callout",
        attrs: { tone: "warning" },
        content: [p(t("第一段")), { type: "bulletList", content: [li(p(t("条一")))] }],
      },
      { type: "blockquote", content: [p(t("普通引用"))] },
    ]);
  });

  it("accepts GitHub's English markers, content on the marker line, and an empty callout", () => {
    expect(body("> [!WARNING]\n> 英文标记")).toEqual([{ type: "callout", attrs: { tone: "warning" }, content: [p(t("英文标记"))] }]);
    expect(body("> [!note]\n> 小写")).toEqual([{ type: "callout", attrs: { tone: "note" }, content: [p(t("小写"))] }]);
    expect(body("> [!警示] 同一行")).toEqual([{ type: "callout", attrs: { tone: "warning" }, content: [p(t("同一行"))] }]);
    expect(body("> [!注意]")).toEqual([{ type: "callout", attrs: { tone: "note" }, content: [p()] }]);
    expect(body("> [!其他]\n> 不是提示框")[0].type).toBe("blockquote");
  });

  it("converts rules, code blocks and images (which split paragraphs)", () => {
    expect(body("前\n\n---\n\n```js title=x\nif (a < b) {}\n```\n\n看图 ![现场](/uploads/a.png \"图一\") 之后")).toEqual([
      p(t("前")),
      { type: "horizontalRule" },
      { type: "codeBlock", attrs: { language: "js" }, content: [t("if (a < b) {}")] },
      p(t("看图")),
      { type: "image", attrs: { src: "/uploads/a.png", alt: "现场", title: "图一" } },
      p(t("之后")),
    ]);
  });

  it("keeps only the alt text of images from elsewhere", () => {
    expect(body("![外链图](https://evil.example/x.png)\n\n![](javascript:alert(1))")).toEqual([p(t("外链图"))]);
  });

  it("joins soft line breaks without a space between Chinese characters", () => {
    expect(body("第一行\n第二行\nline one\nline two\n中文\nEnglish")).toEqual([
      p(t("第一行第二行 line one line two 中文 English")),
    ]);
    expect(body("行尾两个空格  \n换行")).toEqual([p(t("行尾两个空格"), { type: "hardBreak" }, t("换行"))]);
  });

  it("decodes entities in text but not in code", () => {
    expect(body("AT&amp;T &lt;b&gt; &#169; &#x4E2D; &unknown; `&amp;`")).toEqual([
      p(t("AT&T <b> © 中 &unknown; "), t("&amp;", [{ type: "code" }])),
    ]);
  });

  it("resolves reference links and GFM autolinks", () => {
    expect(body("见[法规][fl]和 https://example.com/a 。\n\n[fl]: /laws/1")).toEqual([
      p(
        t("见"),
        t("法规", [{ type: "link", attrs: { href: "/laws/1" } }]),
        t("和 "),
        t("https://example.com/a", [{ type: "link", attrs: { href: "https://example.com/a" } }]),
        t(" 。"),
      ),
    ]);
  });

  it("returns one empty paragraph for an empty body, as Tiptap does", () => {
    expect(markdownToDoc("")).toEqual({ type: "doc", content: [p()] });
    expect(markdownToDoc("\n\n  \n")).toEqual({ type: "doc", content: [p()] });
  });
});

describe("markdownToDoc: no HTML passthrough", () => {
  it("keeps raw HTML as text, which the renderer escapes", () => {
    const doc = markdownToDoc('<script>alert(1)</script>\n\n段落 <b onclick="x">粗</b> 和 <img src=x onerror=alert(1)>');
    expect(doc.content).toEqual([
      p(t("<script>alert(1)</script>")),
      p(t('段落 <b onclick="x">粗</b> 和 <img src=x onerror=alert(1)>')),
    ]);
    const html = renderRichText(doc);
    expect(html).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" +
        "<p>段落 &lt;b onclick=&quot;x&quot;&gt;粗&lt;/b&gt; 和 &lt;img src=x onerror=alert(1)&gt;</p>",
    );
  });

  it("keeps multi-line HTML blocks as text lines and drops HTML comments", () => {
    expect(body("<div>\n<iframe src=\"https://evil\"></iframe>\n</div>\n\n<!-- 作者备注 -->\n\n正文 <!-- 行内备注 -->")).toEqual([
      p(t("<div>"), { type: "hardBreak" }, t('<iframe src="https://evil"></iframe>'), { type: "hardBreak" }, t("</div>")),
      p(t("正文")),
    ]);
  });

  it.each([
    "[点我](javascript:alert(1))",
    "[点我](JAVASCRIPT:alert(1))",
    "[点我](javascript&#58;alert(1))",
    "[点我](&#106;avascript:alert(1))",
    "[点我](<javascript:alert(1)>)",
    "[点我](data:text/html,<script>alert(1)</script>)",
    "[点我](vbscript:msgbox(1))",
    "[点我](//evil.example)",
    "[点我](relative/page)",
  ])("drops the unsafe link in %s", (markdown) => {
    expect(body(markdown)).toEqual([p(t("点我"))]);
  });
});

describe("markdownToDoc: output", () => {
  const lesson = [
    "## 一、检查要点",
    "",
    "检查时应当**逐项记录**，依据《中华人民共和国消防法》第二十八条。",
    "",
    "1. 查通道",
    "2. 查设施",
    "   - 灭火器",
    "   - 应急照明",
    "",
    "| 项目 | 要求 |",
    "|---|---|",
    "| 疏散通道 | 畅通 |",
    "",
    "> [!警示]",
    "> 严禁在楼道内为电动自行车充电。",
    "",
    "> [!注意]",
    "> 发现隐患当场告知。",
  ].join("\n");

  it("is deterministic and passes the stored-document schema", () => {
    const first = markdownToDoc(lesson);
    expect(markdownToDoc(lesson)).toEqual(first);
    expect(JSON.stringify(markdownToDoc(lesson))).toBe(JSON.stringify(first));
    const parsed = richDocSchema.safeParse(first);
    expect(parsed.success).toBe(true);
  });

  it("round-trips Markdown → document → HTML", () => {
    const html = renderRichText(markdownToDoc(lesson));
    expect(html).toContain("<h2>一、检查要点</h2>");
    expect(html).toContain("<strong>逐项记录</strong>");
    expect(html).toContain("<ol><li><p>查通道</p></li><li><p>查设施</p><ul><li><p>灭火器</p></li><li><p>应急照明</p></li></ul></li></ol>");
    expect(html).toContain(
      '<div class="table-wrap"><table class="table"><thead><tr><th><p>项目</p></th><th><p>要求</p></th></tr></thead><tbody><tr><td><p>疏散通道</p></td><td><p>畅通</p></td></tr></tbody></table></div>',
    );
    expect(html).toContain('<aside class="callout callout--warning"><p class="callout__title">警示</p><p>严禁在楼道内为电动自行车充电。</p></aside>');
    expect(html).toContain('<aside class="callout callout--note"><p class="callout__title">注意</p><p>发现隐患当场告知。</p></aside>');
  });

  it("converts every handbook lesson in content/ into a valid document", () => {
    const root = path.resolve("content/handbooks");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith(".md")) files.push(full);
      }
    };
    try {
      walk(root);
    } catch {
      return; // no content checked out
    }
    for (const file of files) {
      const markdown = readFileSync(file, "utf8").replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
      const parsed = richDocSchema.safeParse(markdownToDoc(markdown));
      expect(parsed.error?.issues ?? [], file).toEqual([]);
      expect(renderRichText(parsed.data)).not.toMatch(/<script|javascript:/i);
    }
  });
});
