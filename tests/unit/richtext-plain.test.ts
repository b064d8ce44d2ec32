import { describe, expect, it } from "vitest";
import { markdownToDoc } from "~/modules/richtext/markdown";
import { emptyDoc, type RichDoc, type RichNode } from "~/modules/richtext/nodes";
import { docToPlain, isPlainDoc, plainToDoc } from "~/modules/richtext/plain";
import { plainText, renderRichText } from "~/modules/richtext/render";
import { richDocSchema } from "~/modules/richtext/schema";
import { pick, seededRandom } from "../support/richtext-samples";

const t = (text: string): RichNode => ({ type: "text", text });
const p = (...content: RichNode[]): RichNode => (content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" });
const doc = (...content: RichNode[]): RichDoc => ({ type: "doc", content });
const br: RichNode = { type: "hardBreak" };

describe("plainToDoc", () => {
  it("splits paragraphs on blank lines and turns single newlines into line breaks", () => {
    expect(plainToDoc("第一段第一行\n第一段第二行\n\n第二段")).toEqual(doc(p(t("第一段第一行"), br, t("第一段第二行")), p(t("第二段"))));
  });

  it("treats any run of blank lines, with spaces or tabs on them, as one paragraph break", () => {
    expect(plainToDoc("一\n\n\n\n二\n  \t\n三\n \n \n四")).toEqual(doc(p(t("一")), p(t("二")), p(t("三")), p(t("四"))));
  });

  it("takes Markdown and HTML literally", () => {
    const text = "**不是粗体** _不是斜体_ # 不是标题\n- 不是列表\n1. 不是编号\n> 不是引用\n<b>不是标签</b> &amp; [链](/x) `代码`";
    expect(plainToDoc(text)).toEqual(
      doc(
        p(
          t("**不是粗体** _不是斜体_ # 不是标题"),
          br,
          t("- 不是列表"),
          br,
          t("1. 不是编号"),
          br,
          t("> 不是引用"),
          br,
          t("<b>不是标签</b> &amp; [链](/x) `代码`"),
        ),
      ),
    );
    expect(renderRichText(plainToDoc("<script>alert(1)</script>"))).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("gives the editor's empty document for empty or blank text", () => {
    for (const text of ["", " ", "\n", "\n\n\n", " \t\n \r\n ", "\u3000"]) expect(plainToDoc(text)).toEqual(emptyDoc());
  });

  it("reads Windows and old Mac line endings", () => {
    expect(plainToDoc("一\r\n二\r\n\r\n三\r四")).toEqual(doc(p(t("一"), br, t("二")), p(t("三"), br, t("四"))));
  });

  it("drops blank lines at either end but keeps the text's own spaces", () => {
    expect(plainToDoc("\n\n  缩进的第一行\n第二行  \n\n")).toEqual(doc(p(t("  缩进的第一行"), br, t("第二行  "))));
    expect(plainToDoc("a  b\t c")).toEqual(doc(p(t("a  b\t c"))));
  });

  it("passes the stored-document schema", () => {
    expect(richDocSchema.safeParse(plainToDoc("一\n二\n\n三")).success).toBe(true);
    expect(richDocSchema.safeParse(plainToDoc("")).success).toBe(true);
  });
});

describe("docToPlain", () => {
  it("joins paragraphs with a blank line and writes line breaks as newlines", () => {
    expect(docToPlain(doc(p(t("一"), br, t("二")), p(t("三"))))).toBe("一\n二\n\n三");
    expect(docToPlain(emptyDoc())).toBe("");
    expect(docToPlain(doc())).toBe("");
  });

  it("gives the text of formatted documents, one block per paragraph", () => {
    const d = markdownToDoc(
      "## 标题\n\n**粗** 与 [链](/a)\n\n- 一\n- 二\n\n> 引用\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![图](/uploads/a.png)",
    );
    expect(docToPlain(d)).toBe("标题\n\n粗 与 链\n\n一\n\n二\n\n引用\n\ncode\n\na\n\nb\n\n1\n\n2\n\n图");
  });
});

describe("isPlainDoc", () => {
  it("accepts paragraphs of unmarked text and line breaks", () => {
    expect(isPlainDoc(plainToDoc("一\n二\n\n三"))).toBe(true);
    expect(isPlainDoc(emptyDoc())).toBe(true);
    expect(isPlainDoc(doc(p(t("a"), br, br, t("b")), p()))).toBe(true);
  });

  it.each([
    ["bold text", "**粗**"],
    ["a link", "[链](/a)"],
    ["code", "`x`"],
    ["a heading", "## 标题"],
    ["a list", "- 项"],
    ["a quote", "> 引"],
    ["a callout", "> [!注意]\n> 提示"],
    ["a code block", "```\nx\n```"],
    ["a table", "| a |\n|---|\n| b |"],
    ["an image", "![图](/uploads/a.png)"],
    ["a rule", "前\n\n---"],
  ])("rejects %s", (_, markdown) => {
    expect(isPlainDoc(markdownToDoc(markdown))).toBe(false);
  });

  it("rejects underline, a text run holding a newline, and attributes on a paragraph", () => {
    expect(isPlainDoc(doc(p({ type: "text", text: "下", marks: [{ type: "underline" }] })))).toBe(false);
    expect(isPlainDoc(doc(p(t("一\n二"))))).toBe(false);
    expect(isPlainDoc(doc({ type: "paragraph", attrs: { textAlign: "center" }, content: [t("中")] }))).toBe(false);
  });

  it("accepts a text run with an empty marks list", () => {
    expect(isPlainDoc(doc(p({ type: "text", text: "a", marks: [] })))).toBe(true);
  });
});

describe("plain text round trip", () => {
  const SAMPLES = [
    "单行",
    "第一行\n第二行",
    "第一段\n\n第二段\n第二段第二行",
    "  缩进\n\t制表",
    "行尾空格  \n下一行",
    "**星号** _下划线_ `反引号` # 井号 > 大于 | 竖线 \\ 反斜杠",
    "1. 编号\n2. 编号",
    "- 横线\n+ 加号",
    "<p>标签</p> &amp; &nbsp;",
    "全角　空格与\u00a0不换行空格",
    "😀 emoji 𠀀",
    "依据《中华人民共和国安全生产法》第二十一条，生产经营单位的主要负责人对本单位安全生产工作负有下列职责：\n（一）建立健全并落实本单位全员安全生产责任制；\n（二）组织制定并实施本单位安全生产规章制度和操作规程。",
  ];

  it.each(SAMPLES.map((text) => [text]))("%j", (text) => {
    const d = plainToDoc(text);
    expect(isPlainDoc(d)).toBe(true);
    expect(docToPlain(d)).toBe(text);
    expect(plainToDoc(docToPlain(d))).toEqual(d);
  });

  it("holds for 2000 generated texts: plainToDoc(docToPlain(d)) equals d", () => {
    const atoms = ["中", "文", "a", " ", "  ", "\t", "\n", "\n\n", "\n \n", "\n\n\n", "*", "#", "-", "1.", ">", "<b>", "&amp;", "\u00a0", "\u3000", "\r\n"];
    for (let seed = 1; seed <= 2000; seed += 1) {
      const random = seededRandom(seed);
      let text = "";
      for (let i = 0, n = Math.floor(random() * 20); i < n; i += 1) text += pick(random, atoms);
      const d = plainToDoc(text.trim());
      expect(isPlainDoc(d), JSON.stringify(text)).toBe(true);
      expect(plainToDoc(docToPlain(d)), JSON.stringify(text)).toEqual(d);
      expect(richDocSchema.safeParse(d).success).toBe(true);
      // The text that shows is the text that was typed, line for line.
      expect(plainText(d)).toBe(plainText(plainToDoc(docToPlain(d))));
    }
  });

  it("is the identity on text with single blank lines between paragraphs", () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const random = seededRandom(seed);
      const paragraphs = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, ["甲", "乙 丙", "**", "a_b", "1. x", "> y"])).join("\n"),
      );
      const text = paragraphs.join("\n\n");
      expect(docToPlain(plainToDoc(text))).toBe(text);
    }
  });
});
