// Course Markdown (content/README.md) → the stored document, through marked's lexer only: tokens
// become allow-listed nodes, nothing is rendered to HTML on the way. Raw HTML is kept as text (the
// renderer escapes it), except <br> which means a line break and comments which are authors' notes.
// Pass the body only: front matter is the importer's business.
import { getDefaults, Lexer, type MarkedOptions, type Token, type Tokens } from "marked";
import {
  CALLOUT_NODE,
  CELL_ALIGNMENTS,
  CODE_LANGUAGE,
  RICH_MARK_TYPES,
  type CalloutTone,
  type CellAlign,
  type RichDoc,
  type RichMark,
  type RichNode,
} from "./nodes";
import { safeImageSrc, safeLinkHref } from "./urls";

/** An image found among inline tokens; images are block nodes in the document, so they split paragraphs. */
type InlineItem = RichNode | { image: RichNode };
type Links = Lexer["tokens"]["links"];

const CALLOUT_MARKER = /^\[!(注意|警示|note|tip|important|warning|caution)\][^\S\n]*\n?/i;
const WARNING_MARKERS = new Set(["警示", "warning", "caution"]);
const HTML_COMMENT = /^<!--[\s\S]*?-->$/;
const HTML_BREAK = /^<br\s*\/?>$/i;
// CJK ideographs, kana, hangul, CJK and full-width punctuation: no space between them on a soft break.
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  copy: "©",
  reg: "®",
  deg: "°",
  plusmn: "±",
  times: "×",
  divide: "÷",
  middot: "·",
  le: "≤",
  ge: "≥",
  ne: "≠",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  laquo: "«",
  raquo: "»",
};

function lexerOptions(): MarkedOptions {
  // Fresh defaults, so a global marked.use() elsewhere cannot change how content is read.
  return { ...getDefaults(), gfm: true, breaks: false, pedantic: false };
}

/** Markdown leaves entities in text (&amp; → &); the document stores characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] !== "#") return NAMED_ENTITIES[body] ?? whole;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : "\ufffd";
  });
}

function textNode(text: string, marks: RichMark[]): RichNode {
  return marks.length > 0 ? { type: "text", text, marks } : { type: "text", text };
}

function withMark(marks: RichMark[], mark: RichMark): RichMark[] {
  if (marks.some((m) => m.type === mark.type)) return marks;
  const order = (m: RichMark) => RICH_MARK_TYPES.indexOf(m.type as (typeof RICH_MARK_TYPES)[number]);
  return [...marks, mark].sort((a, b) => order(a) - order(b));
}

function inlineItems(tokens: Token[] | undefined, marks: RichMark[]): InlineItem[] {
  const items: InlineItem[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "text":
        if ("tokens" in token && token.tokens && token.tokens.length > 0) items.push(...inlineItems(token.tokens, marks));
        else items.push(textNode(decodeEntities(token.text), marks));
        break;
      case "escape":
        items.push(textNode(token.text, marks));
        break;
      case "strong":
        items.push(...inlineItems(token.tokens, withMark(marks, { type: "bold" })));
        break;
      case "em":
        items.push(...inlineItems(token.tokens, withMark(marks, { type: "italic" })));
        break;
      case "del":
        items.push(...inlineItems(token.tokens, withMark(marks, { type: "strike" })));
        break;
      case "codespan":
        // Code is literal: no entity decoding.
        items.push(textNode(token.text, withMark(marks, { type: "code" })));
        break;
      case "br":
        items.push({ type: "hardBreak" });
        break;
      case "link": {
        const link = token as Tokens.Link;
        const href = safeLinkHref(decodeEntities(link.href));
        const title = link.title ? decodeEntities(link.title) : null;
        const mark: RichMark = { type: "link", attrs: title ? { href, title } : { href } };
        items.push(...inlineItems(link.tokens, href ? withMark(marks, mark) : marks));
        break;
      }
      case "image": {
        const image = token as Tokens.Image;
        const src = safeImageSrc(decodeEntities(image.href));
        const alt = decodeEntities(image.text);
        if (src) {
          const attrs: Record<string, unknown> = { src, alt };
          if (image.title) attrs.title = decodeEntities(image.title);
          items.push({ image: { type: "image", attrs } });
        } else if (alt) {
          items.push(textNode(alt, marks));
        }
        break;
      }
      case "html": {
        const html = token.text.trim();
        if (HTML_BREAK.test(html)) items.push({ type: "hardBreak" });
        else if (!HTML_COMMENT.test(html)) items.push(textNode(token.text, marks));
        break;
      }
      case "checkbox":
        break;
      default:
        if ("raw" in token && typeof token.raw === "string" && token.raw) items.push(textNode(token.raw, marks));
    }
  }
  return items;
}

const sameMarks = (a: RichNode, b: RichNode) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

/**
 * Joins adjacent text runs with equal marks, turns soft line breaks into a space (or into nothing
 * between two CJK characters, where a space would show), and trims the ends.
 */
function tidyInline(nodes: RichNode[]): RichNode[] {
  const full = nodes.map((n) => (n.type === "text" ? n.text! : "\u0000")).join("");
  let offset = 0;
  const resolved = nodes.map((node) => {
    if (node.type !== "text") {
      offset += 1;
      return node;
    }
    const start = offset;
    offset += node.text!.length;
    const text = node.text!.replace(/[ \t]*\n[ \t]*/g, (match: string, at: number) => {
      const before = full[start + at - 1] ?? "";
      const after = full[start + at + match.length] ?? "";
      return CJK.test(before) && CJK.test(after) ? "" : " ";
    });
    return { ...node, text };
  });
  const merged: RichNode[] = [];
  for (const node of resolved) {
    const last = merged[merged.length - 1];
    if (node.type === "text" && last?.type === "text" && sameMarks(last, node)) {
      merged[merged.length - 1] = { ...last, text: last.text! + node.text! };
    } else {
      merged.push(node);
    }
  }
  const first = merged[0];
  if (first?.type === "text") merged[0] = { ...first, text: first.text!.replace(/^\s+/, "") };
  const lastIndex = merged.length - 1;
  const last = merged[lastIndex];
  if (last?.type === "text") merged[lastIndex] = { ...last, text: last.text!.replace(/\s+$/, "") };
  return merged.filter((node) => node.type !== "text" || node.text!.length > 0);
}

/** Paragraphs from inline tokens, split around images (which are blocks). */
function paragraphs(tokens: Token[] | undefined): RichNode[] {
  const blocks: RichNode[] = [];
  let run: RichNode[] = [];
  const flush = () => {
    const content = tidyInline(run);
    if (content.length > 0) blocks.push({ type: "paragraph", content });
    run = [];
  };
  for (const item of inlineItems(tokens, [])) {
    if ("image" in item) {
      flush();
      blocks.push(item.image);
    } else {
      run.push(item);
    }
  }
  flush();
  return blocks;
}

/** Inline content for a heading: an image there keeps only its alt text. */
function inlineOnly(tokens: Token[] | undefined): RichNode[] {
  const items = inlineItems(tokens, []).map((item) =>
    "image" in item ? textNode(String(item.image.attrs?.alt ?? ""), []) : item,
  );
  return tidyInline(items.filter((node) => node.type !== "text" || node.text));
}

function withContent(type: string, content: RichNode[], attrs?: Record<string, unknown>): RichNode {
  const node: RichNode = { type };
  if (attrs) node.attrs = attrs;
  if (content.length > 0) node.content = content;
  return node;
}

/** Containers that need at least one block get an empty paragraph. */
function atLeastOneBlock(content: RichNode[]): RichNode[] {
  return content.length > 0 ? content : [{ type: "paragraph" }];
}

function calloutTone(marker: string): CalloutTone {
  return WARNING_MARKERS.has(marker.toLowerCase()) ? "warning" : "note";
}

function convertList(list: Tokens.List, links: Links): RichNode {
  const items = list.items.map((item) => {
    const content = blocks(item.tokens, links);
    // A list item starts with a paragraph (Tiptap's listItem is `paragraph block*`).
    if (content[0]?.type !== "paragraph") content.unshift({ type: "paragraph" });
    return { type: "listItem", content };
  });
  if (!list.ordered) return { type: "bulletList", content: items };
  const start = typeof list.start === "number" && Number.isInteger(list.start) ? list.start : 1;
  return { type: "orderedList", attrs: { start }, content: items };
}

function convertTable(table: Tokens.Table): RichNode {
  const cell = (type: "tableHeader" | "tableCell", c: Tokens.TableCell): RichNode => {
    const align = CELL_ALIGNMENTS.includes(c.align as CellAlign) ? (c.align as CellAlign) : null;
    return withContent(type, atLeastOneBlock(paragraphs(c.tokens)), align ? { align } : undefined);
  };
  const rows = [
    { type: "tableRow", content: table.header.map((c) => cell("tableHeader", c)) },
    ...table.rows.map((row) => ({ type: "tableRow", content: row.map((c) => cell("tableCell", c)) })),
  ];
  return { type: "table", content: rows };
}

function convertBlockquote(quote: Tokens.Blockquote, links: Links): RichNode {
  const marker = CALLOUT_MARKER.exec(quote.text);
  if (!marker) return { type: "blockquote", content: atLeastOneBlock(blocks(quote.tokens, links)) };
  // Re-read the quote's inner Markdown without the marker so the callout keeps lists, tables….
  const lexer = new Lexer(lexerOptions());
  Object.assign(lexer.tokens.links, links);
  const inner = lexer.lex(quote.text.slice(marker[0].length));
  return {
    type: CALLOUT_NODE,
    attrs: { tone: calloutTone(marker[1]) },
    content: atLeastOneBlock(blocks(inner, links)),
  };
}

function htmlAsText(html: string): RichNode[] {
  const source = html.trim();
  if (!source || HTML_COMMENT.test(source)) return [];
  const content = source
    .split("\n")
    .flatMap((line, i): RichNode[] => (i === 0 ? [textNode(line, [])] : [{ type: "hardBreak" }, textNode(line, [])]))
    .filter((node) => node.type !== "text" || node.text);
  return [{ type: "paragraph", content }];
}

function blocks(tokens: Token[] | undefined, links: Links): RichNode[] {
  const out: RichNode[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "space":
      case "def":
      case "checkbox":
        break;
      case "heading": {
        const level = Math.min(4, Math.max(2, token.depth as number));
        out.push(withContent("heading", inlineOnly(token.tokens), { level }));
        break;
      }
      case "paragraph":
        out.push(...paragraphs(token.tokens));
        break;
      case "text":
        // Tight list items hold block-level text tokens with inline children.
        out.push(...paragraphs(token.tokens ?? [{ type: "text", raw: token.raw, text: token.text }]));
        break;
      case "code": {
        const language = (token.lang ?? "").split(/\s/)[0];
        const text = token.text as string;
        out.push(
          withContent("codeBlock", text ? [textNode(text, [])] : [], {
            language: CODE_LANGUAGE.test(language) ? language : null,
          }),
        );
        break;
      }
      case "hr":
        out.push({ type: "horizontalRule" });
        break;
      case "blockquote":
        out.push(convertBlockquote(token as Tokens.Blockquote, links));
        break;
      case "list":
        out.push(convertList(token as Tokens.List, links));
        break;
      case "table":
        out.push(convertTable(token as Tokens.Table));
        break;
      case "html":
        out.push(...htmlAsText(token.text));
        break;
      default:
        if ("raw" in token && typeof token.raw === "string") out.push(...htmlAsText(token.raw));
    }
  }
  return out;
}

/** The stored document for a Markdown body. Same input, same output. */
export function markdownToDoc(markdown: string): RichDoc {
  const lexer = new Lexer(lexerOptions());
  const tokens = lexer.lex(markdown.replace(/\r\n?/g, "\n"));
  return { type: "doc", content: atLeastOneBlock(blocks(tokens, lexer.tokens.links)) };
}
