import { describe, expect, it } from "vitest";
import { isEmptyDoc, plainText, renderRichText, renderStoredRichText } from "~/modules/richtext/render";
import { RICH_TEXT_LIMITS, type RichNode } from "~/modules/richtext/schema";

const doc = (...content: unknown[]) => ({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const link = (href: string, extra: Record<string, unknown> = {}) => ({ type: "link", attrs: { href, ...extra } });

const ALLOWED_TAGS = new Set(
  "p h2 h3 h4 strong em u s code a ul ol li blockquote hr br pre aside div table thead tbody tr th td img".split(" "),
);
const ALLOWED_ATTRS = new Set(["href", "target", "rel", "title", "src", "alt", "loading", "class", "start", "colspan", "rowspan"]);
const TAG = /<([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"]*")*)>/g;

/**
 * Parses the renderer's output (double-quoted attributes, escaped values) and checks that every
 * tag and attribute is allow-listed, every URL is of an allowed kind, and no other "<" remains.
 */
function expectInert(html: string) {
  for (const [, tag, attrs] of html.matchAll(TAG)) {
    expect(ALLOWED_TAGS, `tag <${tag}>`).toContain(tag);
    for (const [, name, value] of attrs.matchAll(/\s+([a-z-]+)="([^"]*)"/g)) {
      expect(ALLOWED_ATTRS, `attribute ${name} on <${tag}>`).toContain(name);
      if (name === "href") expect(value).toMatch(/^(https?:\/\/[^/]|mailto:|\/(?![/\\]))/);
      if (name === "src") expect(value).toMatch(/^(\/uploads\/|data:image\/(png|jpeg|gif|webp);base64,)/);
    }
  }
  const rest = html.replace(TAG, "").replace(/<\/[a-z0-9]+>/g, "");
  expect(rest).not.toContain("<");
  expect(html).not.toMatch(/javascript:|vbscript:/i);
}

describe("expectInert (the checker used below)", () => {
  it.each([
    '<p onclick="x">a</p>',
    '<p style="x">a</p>',
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">a</a>',
    '<a href="//evil">a</a>',
    '<img src="http://evil/x.png">',
    "<iframe></iframe>",
    "<p a=b>",
  ])("rejects %s", (html) => {
    expect(() => expectInert(html)).toThrow();
  });
});

describe("renderRichText: legitimate content", () => {
  it("renders every allowed node and mark exactly", () => {
    const input = doc(
      { type: "heading", attrs: { level: 2 }, content: [text("电动自行车火灾隐患")] },
      p(
        text("车辆"),
        text("不得", [{ type: "bold" }]),
        text("在楼道充电，见"),
        text("《消防法》", [link("https://www.example.gov.cn/law"), { type: "italic" }]),
        text("与"),
        text("课程", [link("/courses/hazard")]),
        { type: "hardBreak" },
        text("x", [{ type: "underline" }]),
        text("y", [{ type: "strike" }]),
        text("z", [{ type: "code" }]),
      ),
      {
        type: "bulletList",
        content: [{ type: "listItem", content: [p(text("一"))] }, { type: "listItem", content: [p(text("二"))] }],
      },
      { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("三"))] }] },
      { type: "callout", attrs: { tone: "warning" }, content: [p(text("严禁"))] },
      { type: "callout", attrs: { tone: "note" }, content: [p(text("提示"))] },
      {
        type: "table",
        content: [
          { type: "tableRow", content: [{ type: "tableHeader", content: [p(text("项目"))] }, { type: "tableHeader", content: [p(text("要求"))] }] },
          {
            type: "tableRow",
            content: [
              { type: "tableCell", attrs: { colspan: 2, rowspan: 1, align: "center" }, content: [p(text("A & B"))] },
            ],
          },
        ],
      },
      { type: "image", attrs: { src: "/uploads/2026/03/a.png", alt: "现场照片", title: "图1" } },
      { type: "blockquote", content: [p(text("引"))] },
      { type: "horizontalRule" },
      { type: "codeBlock", attrs: { language: "js" }, content: [text("a < b")] },
    );
    expect(renderRichText(input)).toBe(
      "<h2>电动自行车火灾隐患</h2>" +
        "<p>车辆<strong>不得</strong>在楼道充电，见" +
        '<a href="https://www.example.gov.cn/law" target="_blank" rel="noopener noreferrer"><em>《消防法》</em></a>与' +
        '<a href="/courses/hazard" rel="noopener noreferrer">课程</a><br><u>x</u><s>y</s><code>z</code></p>' +
        "<ul><li><p>一</p></li><li><p>二</p></li></ul>" +
        '<ol start="3"><li><p>三</p></li></ol>' +
        '<aside class="callout callout--warning"><p class="callout__title">警示</p><p>严禁</p></aside>' +
        '<aside class="callout callout--note"><p class="callout__title">注意</p><p>提示</p></aside>' +
        '<div class="table-wrap"><table class="table"><thead><tr><th><p>项目</p></th><th><p>要求</p></th></tr></thead>' +
        '<tbody><tr><td colspan="2" class="align-center"><p>A &amp; B</p></td></tr></tbody></table></div>' +
        '<img src="/uploads/2026/03/a.png" alt="现场照片" title="图1" loading="lazy">' +
        "<blockquote><p>引</p></blockquote><hr>" +
        '<pre><code class="language-js">a &lt; b</code></pre>',
    );
    expectInert(renderRichText(input));
  });

  it("keeps one <a> across adjacent runs of the same link, like ProseMirror", () => {
    const html = renderRichText(doc(p(text("甲", [link("/a")]), text("乙", [link("/a"), { type: "bold" }]), text("丙"))));
    expect(html).toBe('<p><a href="/a" rel="noopener noreferrer">甲<strong>乙</strong></a>丙</p>');
  });

  it("accepts Tiptap's own JSON, ignoring the attributes it adds", () => {
    const tiptap = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              marks: [{ type: "link", attrs: { href: "mailto:a@b.cn", target: "_blank", rel: "nofollow", class: null, title: null } }],
              text: "写信",
            },
          ],
        },
        { type: "image", attrs: { src: "data:image/png;base64,iVBORw0KGgo=", alt: null, title: null, width: 10, height: null } },
      ],
    };
    expect(renderRichText(tiptap)).toBe(
      '<p><a href="mailto:a@b.cn" rel="noopener noreferrer">写信</a></p><img src="data:image/png;base64,iVBORw0KGgo=" alt="" loading="lazy">',
    );
  });
});

describe("renderRichText: hostile documents", () => {
  it("escapes markup in text", () => {
    const html = renderRichText(doc(p(text('<script>alert("x")</script><img src=x onerror=alert(1)>'))));
    expect(html).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>");
    expectInert(html);
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&#x3A;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/png;base64,iVBORw0KGgo=",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example/x",
    "https://user:secret@evil.example/",
    "ftp://example.com/file",
    "file:///etc/passwd",
    "lessons/relative",
    "#top",
  ])("drops the link %j but keeps its text", (href) => {
    const html = renderRichText(doc(p(text("点我", [link(href)]))));
    expect(html).toBe("<p>点我</p>");
    expectInert(html);
  });

  it("cannot break out of attributes through quotes", () => {
    const html = renderRichText(
      doc(
        p(text("a", [link('https://ex.com/"onmouseover="alert(1)', { title: '"><script>alert(1)</script>' })])),
        p(text("b", [link("/x'onfocus='alert(1)")])),
        { type: "image", attrs: { src: "/uploads/a.png", alt: '" onerror="alert(1)', title: "' onload='alert(1)" } },
      ),
    );
    expect(html).toBe(
      '<p><a href="https://ex.com/%22onmouseover=%22alert(1)" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" target="_blank" rel="noopener noreferrer">a</a></p>' +
        '<p><a href="/x&#39;onfocus=&#39;alert(1)" rel="noopener noreferrer">b</a></p>' +
        '<img src="/uploads/a.png" alt="&quot; onerror=&quot;alert(1)" title="&#39; onload=&#39;alert(1)" loading="lazy">',
    );
    expectInert(html);
  });

  it("emits only allow-listed image attributes", () => {
    const html = renderRichText(
      doc({
        type: "image",
        attrs: { src: "/uploads/a.png", alt: "图", onerror: "alert(1)", style: "width:9999px", srcset: "javascript:alert(1)", class: "x" },
      }),
    );
    expect(html).toBe('<img src="/uploads/a.png" alt="图" loading="lazy">');
  });

  it.each([
    "http://evil/x.png",
    "https://evil.example/x.png",
    "javascript:alert(1)",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "data:text/html,<script>alert(1)</script>",
    "DATA:image/png;base64,iVBORw0KGgo=",
    "/uploads/../secret.png",
    "/uploads/.hidden.png",
    "/uploads/a.png?x=<script>",
    "//evil/uploads/a.png",
    "/static/a.png",
    "",
  ])("drops the image with src %j", (src) => {
    const html = renderRichText(doc({ type: "image", attrs: { src, alt: "x" } }, p(text("后文"))));
    expect(html).toBe("<p>后文</p>");
  });

  it("unwraps unknown nodes: their text survives, nothing else", () => {
    const html = renderRichText(
      doc(
        { type: "iframe", attrs: { src: "https://evil.example" } },
        { type: "script", content: [text("alert(1)")] },
        { type: "div", attrs: { onclick: "alert(1)", style: "x" }, content: [p(text("里面"))] },
        p({ type: "span", attrs: { style: "color:red" }, content: [text("行内")] }, { type: "mention", attrs: { id: "<x>" } }),
        { type: "doc", content: [p(text("嵌套文档"))] },
        { type: "text", text: "<b>裸文本</b>" },
      ),
    );
    expect(html).toBe("alert(1)<p>里面</p><p>行内</p><p>嵌套文档</p>&lt;b&gt;裸文本&lt;/b&gt;");
    expectInert(html);
  });

  it("ignores unknown marks and attributes on known ones", () => {
    const html = renderRichText(
      doc(
        p(
          text("粗", [{ type: "bold", attrs: { onclick: "alert(1)", style: "color:red", class: "x" } }]),
          text("样式", [{ type: "textStyle", attrs: { style: "background:url(javascript:alert(1))" } }, { type: "span" }]),
          text("重复", [{ type: "bold" }, { type: "bold" }, "bold", null, { type: 5 }]),
        ),
      ),
    );
    expect(html).toBe("<p><strong>粗</strong>样式<strong>重复</strong></p>");
  });

  it("ignores style, class and event attributes on nodes", () => {
    const html = renderRichText(
      doc(
        { type: "paragraph", attrs: { style: "position:fixed", class: "evil", onclick: "alert(1)", id: "x" }, content: [text("段")] },
        { type: "heading", attrs: { level: 2, style: "x", onmouseover: "alert(1)" }, content: [text("题")] },
        { type: "callout", attrs: { tone: 'note" onclick="alert(1)', style: "x" }, content: [p(text("框"))] },
        { type: "codeBlock", attrs: { language: '"><script>alert(1)</script>' }, content: [text("code")] },
        { type: "orderedList", attrs: { start: '1" onclick="x' }, content: [] },
      ),
    );
    expect(html).toBe(
      "<p>段</p><h2>题</h2>" +
        '<aside class="callout callout--note"><p class="callout__title">注意</p><p>框</p></aside>' +
        "<pre><code>code</code></pre><ol></ol>",
    );
    expectInert(html);
  });

  it("clamps heading levels and cell spans", () => {
    const cell = (attrs: Record<string, unknown>) => ({ type: "tableCell", attrs, content: [p(text("c"))] });
    const html = renderRichText(
      doc(
        { type: "heading", attrs: { level: 1 }, content: [text("一")] },
        { type: "heading", attrs: { level: 6 }, content: [text("六")] },
        { type: "heading", attrs: { level: "<script>" }, content: [text("坏")] },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                cell({ colspan: 1_000_000, rowspan: 99999 }),
                cell({ colspan: "2", rowspan: 1.5 }),
                cell({ colspan: -3, align: "justify" }),
              ],
            },
          ],
        },
      ),
    );
    expect(html).toBe(
      "<h2>一</h2><h4>六</h4><h2>坏</h2>" +
        `<div class="table-wrap"><table class="table"><tbody><tr><td colspan="${RICH_TEXT_LIMITS.maxCellSpan}" rowspan="${RICH_TEXT_LIMITS.maxCellSpan}"><p>c</p></td>` +
        "<td><p>c</p></td><td><p>c</p></td></tr></tbody></table></div>",
    );
  });

  it("survives a 100 000-deep document and stops at the depth limit", () => {
    let node: RichNode = p(text("底")) as RichNode;
    for (let i = 0; i < 100_000; i++) node = { type: "blockquote", content: [node] };
    const html = renderRichText(doc(node));
    expect(html.match(/<blockquote>/g)?.length).toBe(RICH_TEXT_LIMITS.maxDepth);
    expect(html).not.toContain("底");
    expect(plainText(doc(node))).toBe("");
    expect(isEmptyDoc(doc(node))).toBe(true);
  });

  it("survives deep unknown wrappers too", () => {
    let node: unknown = text("深");
    for (let i = 0; i < 100_000; i++) node = { type: "x", content: [node] };
    expect(renderRichText(doc(node))).toBe("");
  });

  it("stops after the node budget", () => {
    const many = Array.from({ length: RICH_TEXT_LIMITS.maxNodes * 2 }, () => ({ type: "horizontalRule" }));
    expect(renderRichText(doc(...many)).match(/<hr>/g)?.length).toBe(RICH_TEXT_LIMITS.maxNodes);
  });

  it.each([null, undefined, "text", 42, [], {}, { type: "paragraph" }, { type: "doc" }, { type: "doc", content: "x" }])(
    "renders %j as nothing",
    (input) => {
      expect(renderRichText(input)).toBe("");
    },
  );

  it("skips malformed children", () => {
    expect(renderRichText(doc(null, "x", 3, { type: 7 }, { type: "text", text: 9 }, { type: "text", text: "" }, p(text("ok"))))).toBe(
      "<p>ok</p>",
    );
  });

  it("renders stored JSON and treats garbage as empty", () => {
    expect(renderStoredRichText(JSON.stringify(doc(p(text("存")))))).toBe("<p>存</p>");
    expect(renderStoredRichText("{not json")).toBe("");
    expect(renderStoredRichText(null)).toBe("");
    expect(renderStoredRichText("")).toBe("");
  });
});

describe("plainText and isEmptyDoc", () => {
  const lesson = doc(
    { type: "heading", attrs: { level: 2 }, content: [text("标题")] },
    p(text("第一句"), text("加粗", [{ type: "bold" }]), { type: "hardBreak" }, text("第二行")),
    { type: "bulletList", content: [{ type: "listItem", content: [p(text("条目  一"))] }] },
    { type: "callout", attrs: { tone: "warning" }, content: [p(text("严禁"))] },
    {
      type: "table",
      content: [{ type: "tableRow", content: [{ type: "tableCell", content: [p(text("格"))] }, { type: "tableCell", content: [p()] }] }],
    },
    { type: "script", content: [text("<unknown>")] },
  );

  it("gives one line per block, whitespace collapsed, no markup", () => {
    expect(plainText(lesson)).toBe("标题\n第一句加粗\n第二行\n条目 一\n严禁\n格\n<unknown>");
  });

  it("cuts to a maximum length for summaries", () => {
    expect(plainText(lesson, 6)).toBe("标题\n第一…");
    expect(plainText(lesson, 1000)).toBe(plainText(lesson));
  });

  it("knows an empty document", () => {
    expect(isEmptyDoc({ type: "doc", content: [{ type: "paragraph" }] })).toBe(true);
    expect(isEmptyDoc(doc(p(text("   ")), { type: "horizontalRule" }, p({ type: "hardBreak" })))).toBe(true);
    expect(isEmptyDoc(doc({ type: "image", attrs: { src: "http://evil/x.png" } }))).toBe(true);
    expect(isEmptyDoc(null)).toBe(true);
    expect(isEmptyDoc("x")).toBe(true);
    expect(isEmptyDoc(doc({ type: "image", attrs: { src: "/uploads/a.png" } }))).toBe(false);
    expect(isEmptyDoc(doc(p(text("字"))))).toBe(false);
    expect(isEmptyDoc(lesson)).toBe(false);
  });
});
