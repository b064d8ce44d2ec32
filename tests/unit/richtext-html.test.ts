import { describe, expect, it } from "vitest";
import { docToText, HTML_LOSS, htmlToDoc, textToDoc } from "~/modules/richtext/html";
import { markdownToDoc } from "~/modules/richtext/markdown";
import { emptyDoc, type RichDoc, type RichMark, type RichNode } from "~/modules/richtext/nodes";
import { plainToDoc } from "~/modules/richtext/plain";
import { renderRichText } from "~/modules/richtext/render";
import { richDocSchema } from "~/modules/richtext/schema";
import { docToMarkdown } from "~/modules/richtext/to-markdown";
import {
  handbookMarkdown,
  MARKDOWN_SAMPLES,
  mergeEqualRuns,
  pick,
  randomMarkdown,
  seededRandom,
} from "../support/richtext-samples";

const t = (text: string, marks?: RichMark[]): RichNode => (marks ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: RichNode[]): RichNode => (content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" });
const li = (...content: RichNode[]): RichNode => ({ type: "listItem", content });
const br: RichNode = { type: "hardBreak" };
const bold: RichMark = { type: "bold" };
const italic: RichMark = { type: "italic" };
const link = (href: string, title?: string): RichMark => ({ type: "link", attrs: title ? { href, title } : { href } });

/** The document's blocks, checking on the way that the result is a valid stored document. */
function body(html: string): RichNode[] {
  const { doc } = htmlToDoc(html);
  expect(richDocSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
  return doc.content;
}

const lossesOf = (html: string) => htmlToDoc(html).losses;

/** Text a browser would show as written: no runs of white space, none beside a line break. */
function browserStable(nodes: RichNode[] | undefined): boolean {
  return (nodes ?? []).every((node, i, all) => {
    if (node.type === "codeBlock") return true;
    if (node.type !== "text") return browserStable(node.content);
    const text = node.text!;
    if (/[ \t\n\r\f]{2}|[\t\n\r\f]/.test(text)) return false;
    const before = all[i - 1];
    if (text.startsWith(" ") && (before?.type === "hardBreak" || before?.text?.endsWith(" "))) return false;
    return !(all[i + 1]?.type === "hardBreak" && text.endsWith(" "));
  });
}

function expectRenderRoundTrip(markdown: string): boolean {
  const d = markdownToDoc(markdown);
  if (!browserStable(d.content)) return false;
  const html = renderRichText(d);
  const { doc, losses } = htmlToDoc(html);
  // renderRichText writes equal adjacent runs as one element, so compare with them joined.
  expect(doc, `${JSON.stringify(markdown)} → ${html}`).toEqual({ type: "doc", content: mergeEqualRuns(d.content) });
  expect(losses, html).toEqual([]);
  return true;
}

describe("htmlToDoc: our own renderRichText output", () => {
  it.each(MARKDOWN_SAMPLES.filter((m) => browserStable(markdownToDoc(m).content)).map((m) => [m]))("%j", (markdown) => {
    expect(expectRenderRoundTrip(markdown)).toBe(true);
  });

  it("reads back every handbook lesson", () => {
    for (const markdown of handbookMarkdown()) expect(expectRenderRoundTrip(markdown)).toBe(true);
  });

  it("reads back 1500 generated documents", () => {
    let checked = 0;
    for (let seed = 1; seed <= 1500; seed += 1) if (expectRenderRoundTrip(randomMarkdown(seed))) checked += 1;
    expect(checked).toBeGreaterThan(1200);
  });

  it("understands the link attributes, table wrapper and callout title the renderer adds", () => {
    const d = markdownToDoc(
      '[外](https://e.com "题") [内](/a)\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n> [!警示]\n> 小心\n\n> [!注意]',
    );
    const html = renderRichText(d);
    expect(html).toContain('target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('<div class="table-wrap"><table class="table"><thead>');
    expect(html).toContain('<p class="callout__title">警示</p>');
    expect(htmlToDoc(html)).toEqual({ doc: d, losses: [] });
  });

  it("reads the empty document the editor starts with", () => {
    expect(htmlToDoc(renderRichText(emptyDoc()))).toEqual({ doc: emptyDoc(), losses: [] });
    expect(htmlToDoc("")).toEqual({ doc: emptyDoc(), losses: [] });
    expect(htmlToDoc("  \n\t ")).toEqual({ doc: emptyDoc(), losses: [] });
  });
});

describe("htmlToDoc: elements", () => {
  it("maps p and div to paragraphs, br to a line break", () => {
    expect(body("<p>一</p><div>二<br>三</div><p></p>")).toEqual([p(t("一")), p(t("二"), br, t("三")), p()]);
  });

  it("clamps h1–h6 to levels 2–4", () => {
    expect(body("<h1>一</h1><h2>二</h2><h3>三</h3><h4>四</h4><h5>五</h5><h6>六</h6><h2></h2>")).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [t("一")] },
      { type: "heading", attrs: { level: 2 }, content: [t("二")] },
      { type: "heading", attrs: { level: 3 }, content: [t("三")] },
      { type: "heading", attrs: { level: 4 }, content: [t("四")] },
      { type: "heading", attrs: { level: 4 }, content: [t("五")] },
      { type: "heading", attrs: { level: 4 }, content: [t("六")] },
      { type: "heading", attrs: { level: 2 } },
    ]);
  });

  it("maps every mark tag, nested marks in the stored order", () => {
    expect(
      body(
        "<p><b>b</b><strong>strong</strong><i>i</i><em>em</em><u>u</u><ins>ins</ins><s>s</s><del>del</del>" +
          "<strike>strike</strike><code>code</code><em><strong>粗斜</strong></em></p>",
      ),
    ).toEqual([
      p(
        t("bstrong", [bold]),
        t("iem", [italic]),
        t("uins", [{ type: "underline" }]),
        t("sdelstrike", [{ type: "strike" }]),
        t("code", [{ type: "code" }]),
        t("粗斜", [bold, italic]),
      ),
    ]);
  });

  it("reads CSS bold, italic, underline and strike as marks", () => {
    expect(
      body(
        '<p><span style="font-weight: bold">a</span><span style="font-weight:700">b</span>' +
          '<span style="font-style: italic">c</span><span style="text-decoration: underline">d</span>' +
          '<span style="text-decoration-line: line-through">e</span><span style="font-weight: normal">f</span></p>',
      ),
    ).toEqual([p(t("ab", [bold]), t("c", [italic]), t("d", [{ type: "underline" }]), t("e", [{ type: "strike" }]), t("f"))]);
  });

  it("maps links through the URL allow-list, keeping the title and dropping target/rel", () => {
    expect(body('<a href="https://e.com" title="题" target="_blank" rel="noopener">外</a> <a href="/a">内</a> <a href=" mailto:x@y.cn ">信</a>')).toEqual([
      p(t("外", [link("https://e.com/", "题")]), t(" "), t("内", [link("/a")]), t(" "), t("信", [link("mailto:x@y.cn")])),
    ]);
    expect(body('<a name="anchor">锚点</a>')).toEqual([p(t("锚点"))]);
    expect(lossesOf('<a name="anchor">锚点</a>')).toEqual([]);
  });

  it("keeps the outer link when links nest, and marks inside a link", () => {
    expect(body('<a href="/a">一<a href="/b">二</a></a>')).toEqual([p(t("一二", [link("/a")]))]);
    expect(body('<a href="/a"><b>粗</b>链</a>')).toEqual([p(t("粗", [link("/a"), bold]), t("链", [link("/a")]))]);
  });

  it("maps images to image blocks that split the paragraph", () => {
    expect(body('<p>看 <img src="/uploads/a.png" alt="现场" title="图一" width="30"> 之后</p><img src="/uploads/b.jpg">')).toEqual([
      p(t("看")),
      { type: "image", attrs: { src: "/uploads/a.png", alt: "现场", title: "图一" } },
      p(t("之后")),
      { type: "image", attrs: { src: "/uploads/b.jpg", alt: "" } },
    ]);
  });

  it("keeps only the alt text of an image in a heading", () => {
    expect(body('<h2>图 <img src="/uploads/a.png" alt="说明"></h2>')).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [t("图 说明")] },
    ]);
  });

  it("maps ul, ol (with start) and nested lists", () => {
    expect(body("<ul><li>甲<ul><li>乙</li></ul></li><li><p>丙</p><p>续</p></li></ul><ol start=\"3\"><li>三</li></ol><ol><li>一</li></ol>")).toEqual([
      { type: "bulletList", content: [li(p(t("甲")), { type: "bulletList", content: [li(p(t("乙")))] }), li(p(t("丙")), p(t("续")))] },
      { type: "orderedList", attrs: { start: 3 }, content: [li(p(t("三")))] },
      { type: "orderedList", attrs: { start: 1 }, content: [li(p(t("一")))] },
    ]);
  });

  it("starts a list item with a paragraph, as the editor requires", () => {
    expect(body("<ul><li><h3>题</h3></li><li></li></ul>")).toEqual([
      { type: "bulletList", content: [li(p(), { type: "heading", attrs: { level: 3 }, content: [t("题")] }), li(p())] },
    ]);
  });

  it("maps blockquote, hr and pre with its language", () => {
    expect(body('<blockquote><p>引</p>尾</blockquote><hr><pre><code class="language-js">if (a &lt; b) {\n  x();\n}</code></pre><pre>\nplain  text\n</pre>')).toEqual([
      { type: "blockquote", content: [p(t("引")), p(t("尾"))] },
      { type: "horizontalRule" },
      { type: "codeBlock", attrs: { language: "js" }, content: [t("if (a < b) {\n  x();\n}")] },
      { type: "codeBlock", attrs: { language: null }, content: [t("plain  text\n")] },
    ]);
    expect(body("<blockquote></blockquote><pre></pre>")).toEqual([
      { type: "blockquote", content: [p()] },
      { type: "codeBlock", attrs: { language: null } },
    ]);
  });

  it("keeps the text of tags inside pre and turns br into a newline", () => {
    expect(body('<pre class="lang-python"><span class="k">def</span> f():<br>    <b>return</b> 1</pre>')).toEqual([
      { type: "codeBlock", attrs: { language: "python" }, content: [t("def f():\n    return 1")] },
    ]);
    expect(body('<pre><code class="language-c++ other">x</code></pre>')[0].attrs).toEqual({ language: "c++" });
    expect(body('<pre><code class="language-不行">x</code></pre>')[0].attrs).toEqual({ language: null });
  });

  it("maps tables with header cells, spans and alignment from class, align or style", () => {
    expect(
      body(
        "<table><caption>说明</caption><colgroup><col></colgroup><thead><tr><th class=\"align-center\">项目</th><th align=\"right\">数</th></tr></thead>" +
          '<tbody><tr><td colspan="2" rowspan="3" style="text-align: left">合并</td></tr><tr><td colspan="99">大</td><td>x</td></tr></tbody></table>',
      ),
    ).toEqual([
      p(t("说明")),
      {
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              { type: "tableHeader", attrs: { align: "center" }, content: [p(t("项目"))] },
              { type: "tableHeader", attrs: { align: "right" }, content: [p(t("数"))] },
            ],
          },
          { type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 2, rowspan: 3, align: "left" }, content: [p(t("合并"))] }] },
          {
            type: "tableRow",
            content: [
              { type: "tableCell", attrs: { colspan: 20 }, content: [p(t("大"))] },
              { type: "tableCell", content: [p(t("x"))] },
            ],
          },
        ],
      },
    ]);
  });

  it("maps our callout markup, without its title paragraph", () => {
    expect(
      body('<aside class="callout callout--warning"><p class="callout__title">警示</p><p>小心</p></aside><aside class="callout callout--note"></aside>'),
    ).toEqual([
      { type: "callout", attrs: { tone: "warning" }, content: [p(t("小心"))] },
      { type: "callout", attrs: { tone: "note" }, content: [p()] },
    ]);
    expect(body("<aside><p>旁注</p></aside>")).toEqual([p(t("旁注"))]);
  });

  it("decodes entities, named and numeric, with or without the semicolon", () => {
    expect(body("<p>AT&amp;T &lt;b&gt; &quot;引&quot; &#39;单&#39; &copy; &#x4E2D;&#25991; &nbsp;| &amp &unknown;</p>")).toEqual([
      p(t("AT&T <b> \"引\" '单' © 中文 \u00a0| & &unknown;")),
    ]);
  });

  it("wraps inline text outside blocks in paragraphs", () => {
    expect(body("前言<p>段</p>中间 <b>粗</b><ul><li>项</li></ul>结尾")).toEqual([
      p(t("前言")),
      p(t("段")),
      p(t("中间 "), t("粗", [bold])),
      { type: "bulletList", content: [li(p(t("项")))] },
      p(t("结尾")),
    ]);
  });

  it("collapses white space like a browser, but not in pre", () => {
    expect(body("<p>\n    多个   空格\n\t换行 <b> 粗 </b> 后 <br>  下一行  </p>\n\n<p>  </p>")).toEqual([
      p(t("多个 空格 换行 "), t("粗 ", [bold]), t("后"), br, t("下一行")),
      p(),
    ]);
    expect(body("<ul>\n  <li>\n    一\n  </li>\n  <li>二</li>\n</ul>")).toEqual([
      { type: "bulletList", content: [li(p(t("一"))), li(p(t("二")))] },
    ]);
    expect(body("<pre>  a\n\n  b  </pre>")[0].content).toEqual([t("  a\n\n  b  ")]);
  });

  it("keeps non-breaking spaces, which browsers do not collapse", () => {
    expect(body("<p>a&nbsp;&nbsp;b&nbsp;</p>")).toEqual([p(t("a\u00a0\u00a0b\u00a0"))]);
  });
});

describe("htmlToDoc: what cannot be kept", () => {
  it("keeps the text of unknown tags and reports each tag once", () => {
    const result = htmlToDoc('<p>H<sub>2</sub>O 与 <font color="red">红字</font><font>又</font> <mark>高亮</mark></p>');
    expect(result.doc.content).toEqual([p(t("H2O 与 红字又 高亮"))]);
    expect(result.losses).toEqual([
      HTML_LOSS.unknownTag("sub"),
      "不支持的 HTML 标签 <font> 已去掉格式，保留文字",
      HTML_LOSS.unknownTag("mark"),
    ]);
  });

  it("keeps block-level unknown tags apart as paragraphs", () => {
    expect(body("<dl><dt>术语</dt><dd>解释</dd></dl><center>居中</center>")).toEqual([p(t("术语")), p(t("解释")), p(t("居中"))]);
  });

  it("says nothing about empty unknown tags, such as Word's <o:p>", () => {
    const result = htmlToDoc('<p class="MsoNormal"><span lang="EN-US">正文<o:p></o:p></span></p><p><o:p>&nbsp;</o:p></p>');
    expect(result.doc.content).toEqual([p(t("正文")), p(t("\u00a0"))]);
    expect(result.losses).toEqual([]);
  });

  it("drops scripts, styles and embedded content with their text", () => {
    const result = htmlToDoc("<script>alert('<p>x</p>')</script><style>p{color:red}</style><p>正文</p><iframe src=\"https://evil\">框</iframe><svg><text>图</text></svg>");
    expect(result.doc.content).toEqual([p(t("正文"))]);
    expect(result.losses).toEqual([
      HTML_LOSS.droppedTag("script"),
      HTML_LOSS.droppedTag("style"),
      HTML_LOSS.droppedTag("iframe"),
      HTML_LOSS.droppedTag("svg"),
    ]);
  });

  it("ignores head matter and comments silently", () => {
    const result = htmlToDoc("<html><head><title>标题</title><meta charset=utf-8></head><body><!-- 注释 --><p>正文</p></body></html>");
    expect(result).toEqual({ doc: { type: "doc", content: [p(t("正文"))] }, losses: [] });
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example",
    "relative/page",
  ])("drops the unsafe link %s and keeps its text", (href) => {
    const result = htmlToDoc(`<a href="${href}">点我</a>`);
    expect(result.doc.content).toEqual([p(t("点我"))]);
    expect(result.losses).toEqual([HTML_LOSS.link]);
  });

  it.each(["https://evil.example/x.png", "/images/a.png", "data:image/svg+xml;base64,PHN2Zz4=", "javascript:alert(1)", "/uploads/../etc/passwd"])(
    "drops the image %s, keeping its alt text",
    (src) => {
      const result = htmlToDoc(`<p>前<img src="${src}" alt="说明">后</p><img src="${src}">`);
      expect(result.doc.content).toEqual([p(t("前说明后"))]);
      expect(result.losses).toEqual([HTML_LOSS.image]);
    },
  );

  it("drops a link that grows past the length limit when normalised", () => {
    const result = htmlToDoc(`<a href="https://e.com/${"中".repeat(600)}">长</a>`);
    expect(result.doc.content).toEqual([p(t("长"))]);
    expect(result.losses).toEqual([HTML_LOSS.link]);
  });

  it("keeps small data: images", () => {
    expect(body('<img src="data:image/png;base64,iVBORw0KGgo=" alt="点">')).toEqual([
      { type: "image", attrs: { src: "data:image/png;base64,iVBORw0KGgo=", alt: "点" } },
    ]);
  });

  it("reports colours, sizes and fonts, and centred or right-aligned paragraphs", () => {
    expect(lossesOf('<p><span style="color: red; font-size: 14px">红</span></p>')).toEqual([HTML_LOSS.style]);
    expect(lossesOf('<p style="text-align: center">中</p><div align="right">右</div>')).toEqual([HTML_LOSS.align]);
    expect(lossesOf('<p style="text-align: left; margin: 0">左</p>')).toEqual([]);
  });

  it("reports letter and roman list numbering", () => {
    expect(lossesOf('<ol type="a"><li>甲</li></ol>')).toEqual([HTML_LOSS.listStyle]);
    expect(lossesOf('<ol type="1"><li>甲</li></ol>')).toEqual([]);
  });

  it("caps attribute texts at the schema's limit", () => {
    const long = "长".repeat(600);
    const [image] = body(`<img src="/uploads/a.png" alt="${long}" title="${long}">`);
    expect(String(image.attrs?.alt)).toHaveLength(500);
    const [paragraph] = body(`<a href="/a" title="${long}">链</a>`);
    expect(String(paragraph.content?.[0].marks?.[0].attrs?.title)).toHaveLength(500);
  });
});

describe("htmlToDoc: malformed HTML", () => {
  it("closes unclosed tags at the end", () => {
    expect(body("<p>一<b>粗<i>粗斜")).toEqual([p(t("一"), t("粗", [bold]), t("粗斜", [bold, italic]))]);
    expect(body("<ul><li>甲<li>乙")).toEqual([{ type: "bulletList", content: [li(p(t("甲"))), li(p(t("乙")))] }]);
    expect(body("<table><tr><td>1<td>2</table>")[0].content?.[0].content).toHaveLength(2);
  });

  it("ignores stray closing tags", () => {
    expect(body("</div>文字</span></p> 更多</b>")).toEqual([p(t("文字 更多"))]);
  });

  it("splits nested paragraphs", () => {
    expect(body("<p>一<p>二</p>三</p>")).toEqual([p(t("一")), p(t("二")), p(t("三"))]);
  });

  it("lets blocks inside inline tags keep the inline formatting", () => {
    expect(body("<b><p>粗段</p>尾</b>")).toEqual([p(t("粗段", [bold])), p(t("尾", [bold]))]);
    expect(body('<a href="/x"><div>块链接</div></a>')).toEqual([p(t("块链接", [link("/x")]))]);
  });

  it("keeps the text of misnested marks", () => {
    const [paragraph] = body("<b>x<i>y</b>z</i>");
    expect(paragraph.content?.map((n) => n.text).join("")).toBe("xyz");
  });

  it("puts a list placed beside its item into that item", () => {
    expect(body("<ul><li>甲</li><ul><li>甲一</li></ul><li>乙</li></ul>")).toEqual([
      {
        type: "bulletList",
        content: [li(p(t("甲")), { type: "bulletList", content: [li(p(t("甲一")))] }), li(p(t("乙")))],
      },
    ]);
    expect(body("<ol>散文<li>一</li></ol>")).toEqual([{ type: "orderedList", attrs: { start: 1 }, content: [li(p(t("散文"))), li(p(t("一")))] }]);
  });

  it("treats list items and cells outside their parents as blocks", () => {
    expect(body("<li>孤项</li><td>孤格</td><tr><th>孤行</th></tr>")).toEqual([p(t("孤项")), p(t("孤格")), p(t("孤行"))]);
  });

  it("keeps text beside table rows before the table", () => {
    expect(body("<table>漂浮<tr><td>格</td></tr></table>")).toEqual([
      p(t("漂浮")),
      { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [p(t("格"))] }] }] },
    ]);
    expect(body("<table></table><table><tr></tr></table>")).toEqual([p()]);
  });

  it("keeps broken markup and lone angle brackets as text", () => {
    expect(plainTextOf("a < b > c && d")).toBe("a < b > c && d");
    expect(plainTextOf("1 <2 and 3> 2")).toContain("1");
    expect(() => htmlToDoc('<<<a>>> <a href="x>y <img src=')).not.toThrow();
  });

  it("flattens nesting deeper than the document allows, and still passes the schema", () => {
    const quotes = htmlToDoc(`${"<blockquote>".repeat(60)}深<b>处</b>${"</blockquote>".repeat(60)}`);
    expect(richDocSchema.safeParse(quotes.doc).success).toBe(true);
    expect(quotes.losses).toEqual([HTML_LOSS.tooDeep]);
    expect(JSON.stringify(quotes.doc)).toContain("深");
    const lists = htmlToDoc(`${"<ul><li>层".repeat(40)}${"</li></ul>".repeat(40)}`);
    expect(richDocSchema.safeParse(lists.doc).success).toBe(true);
    const tables = htmlToDoc(`${"<table><tr><td>格".repeat(20)}${"</td></tr></table>".repeat(20)}`);
    expect(richDocSchema.safeParse(tables.doc).success).toBe(true);
  });

  it("survives 50 000 nested inline tags without overflowing the stack", () => {
    const { doc, losses } = htmlToDoc(`${"<span><b>".repeat(25_000)}底${"</b></span>".repeat(25_000)}`);
    expect(doc.content).toEqual([p(t("底", [bold]))]);
    expect(losses).toEqual([HTML_LOSS.tooDeep]);
  });

  it("truncates a document past the node limit at a block boundary", () => {
    const { doc, losses } = htmlToDoc("<p>段<b>粗</b></p>".repeat(8000));
    expect(richDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.content.length).toBeLessThan(8000);
    expect(losses).toEqual([HTML_LOSS.tooLong]);
  });

  it("cuts one huge paragraph instead of dropping it", () => {
    const { doc, losses } = htmlToDoc(`<p>${"字<b>粗</b>".repeat(15_000)}</p>`);
    expect(richDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.content[0].content?.length).toBeGreaterThan(10_000);
    expect(losses).toEqual([HTML_LOSS.tooLong]);
  });

  it("never throws and always passes the schema on 800 random tag soups", () => {
    const TAGS = ["p", "div", "b", "i", "u", "s", "code", "pre", "a", "img", "ul", "ol", "li", "table", "tr", "td", "th", "thead",
      "blockquote", "h1", "h3", "h6", "br", "hr", "span", "font", "script", "aside", "sub", "o:p", "caption"];
    const ATTRS = ['href="/a"', 'href="javascript:x"', 'src="/uploads/a.png"', 'src="http://x/y.png"', 'class="callout callout--warning"',
      'class="language-js"', 'colspan="3"', 'start="5"', 'style="font-weight:bold;color:red"', "title='题'", 'alt="说明"'];
    const TEXT = ["中文", " ", "\n", "&amp;", "&nbsp;", "<", ">", "a", "&#0;", "\t", "“”"];
    for (let seed = 1; seed <= 800; seed += 1) {
      const random = seededRandom(seed);
      let html = "";
      for (let i = 0, n = 5 + Math.floor(random() * 40); i < n; i += 1) {
        const roll = random();
        const tag = pick(random, TAGS);
        if (roll < 0.35) html += `<${tag}${random() < 0.5 ? ` ${pick(random, ATTRS)}` : ""}>`;
        else if (roll < 0.55) html += `</${tag}>`;
        else html += pick(random, TEXT);
      }
      const { doc } = htmlToDoc(html);
      expect(richDocSchema.safeParse(doc).error?.issues ?? [], html).toEqual([]);
      expect(htmlToDoc(html).doc).toEqual(doc);
    }
  });
});

function plainTextOf(html: string): string {
  return body(html)
    .flatMap((block) => block.content ?? [])
    .map((node) => node.text ?? "")
    .join("");
}

describe("htmlToDoc: GIFT [html] from Moodle", () => {
  it("reads Moodle's paragraph markup without losses", () => {
    const result = htmlToDoc(
      '<p dir="ltr" style="text-align: left;">依据《安全生产法》，<span>生产经营单位</span>的主要负责人&nbsp;对本单位的安全生产工作<strong>全面负责</strong>。<br></p>',
    );
    expect(result.doc.content).toEqual([
      p(t("依据《安全生产法》，生产经营单位的主要负责人\u00a0对本单位的安全生产工作"), t("全面负责", [bold]), t("。"), br),
    ]);
    expect(result.losses).toEqual([]);
  });

  it("reads a multi-paragraph stem with a list and an uploaded image", () => {
    const html = [
      '<p dir="ltr" style="text-align: left;">下列哪些属于特种作业？</p>',
      "<ul>",
      "  <li>电工作业</li>",
      "  <li>焊接与热切割作业</li>",
      "</ul>",
      '<p><img src="/uploads/q/12.png" alt="示意图" class="img-fluid atto_image_button_text-bottom" width="300" height="200"></p>',
    ].join("\n");
    expect(htmlToDoc(html)).toEqual({
      doc: {
        type: "doc",
        content: [
          p(t("下列哪些属于特种作业？")),
          { type: "bulletList", content: [li(p(t("电工作业"))), li(p(t("焊接与热切割作业")))] },
          { type: "image", attrs: { src: "/uploads/q/12.png", alt: "示意图" } },
        ],
      },
      losses: [],
    });
  });

  it("reports Moodle's pluginfile images, which are not on this site", () => {
    const result = htmlToDoc('<p>如图<img src="@@PLUGINFILE@@/fig.png" alt="图1"></p>');
    expect(result.doc.content).toEqual([p(t("如图图1"))]);
    expect(result.losses).toEqual([HTML_LOSS.image]);
  });

  it("reads TinyMCE's empty paragraphs and spans", () => {
    expect(body('<p><span style="font-family: 宋体;">题干</span></p><p><br data-mce-bogus="1"></p>')).toEqual([p(t("题干")), p(br)]);
    expect(lossesOf('<p><span style="font-family: 宋体;">题干</span></p>')).toEqual([HTML_LOSS.style]);
  });

  it("reads text without any tags", () => {
    expect(body("只是文字 &amp; 符号")).toEqual([p(t("只是文字 & 符号"))]);
  });
});

describe("textToDoc and docToText", () => {
  it("dispatches on the format", () => {
    expect(textToDoc("**粗**\n\n<b>x</b>", "plain")).toEqual({ doc: plainToDoc("**粗**\n\n<b>x</b>"), losses: [] });
    expect(textToDoc("**粗**", "markdown")).toEqual({ doc: markdownToDoc("**粗**"), losses: [] });
    expect(textToDoc("<b>粗</b><font>字</font>", "html")).toEqual(htmlToDoc("<b>粗</b><font>字</font>"));
    expect(textToDoc("", "html").doc).toEqual(emptyDoc());
  });

  it("exports plain documents as plain text and formatted ones as Markdown", () => {
    expect(docToText(plainToDoc("第一行\n第二行\n\n第二段 *星号*"))).toEqual({
      text: "第一行\n第二行\n\n第二段 *星号*",
      format: "plain",
    });
    const rich = markdownToDoc("**粗** 与 1. 列表外");
    expect(docToText(rich)).toEqual({ text: docToMarkdown(rich), format: "markdown" });
    expect(docToText(emptyDoc())).toEqual({ text: "", format: "plain" });
  });

  it("round-trips through the chosen format", () => {
    const docs: RichDoc[] = [
      plainToDoc("a * b\n_c_\n\n# 不是标题"),
      markdownToDoc("## 标题\n\n- 一\n- 二\n\n> [!注意]\n> 提示"),
      emptyDoc(),
    ];
    for (const d of docs) {
      const { text, format } = docToText(d);
      expect(textToDoc(text, format).doc).toEqual(d);
    }
  });
});
