// HTML → the stored document, for GIFT [html] text exported by Moodle and for our own
// renderRichText output. node-html-parser builds the tree (it is forgiving: unclosed tags, stray
// closers, nested <p>) and this module walks it through the same allow-list as the editor: what the
// document cannot hold is dropped, and every drop the author would notice is reported in Chinese.
//
// Whitespace is collapsed as a browser would (except in <pre>), so
// htmlToDoc(renderRichText(doc)).doc deep-equals doc for documents whose text has no runs of spaces
// and no spaces beside line breaks, which a browser would not show either.
import { parse, HTMLElement, TextNode, type Node } from "node-html-parser";
import { markdownToDoc } from "./markdown";
import {
  CALLOUT_NODE,
  CELL_ALIGNMENTS,
  CODE_LANGUAGE,
  measureDoc,
  RICH_MARK_TYPES,
  RICH_TEXT_LIMITS,
  type CellAlign,
  type RichDoc,
  type RichMark,
  type RichNode,
} from "./nodes";
import { docToPlain, isPlainDoc, plainToDoc } from "./plain";
import { docToMarkdown } from "./to-markdown";
import { isSafeLinkHref, safeImageSrc, safeLinkHref } from "./urls";

/** How an imported stem or explanation is written (the questions module's TextFormat). */
export type RichTextFormat = "plain" | "html" | "markdown";

export const HTML_LOSS = {
  unknownTag: (tag: string) => `不支持的 HTML 标签 <${tag}> 已去掉格式，保留文字`,
  droppedTag: (tag: string) => `HTML 标签 <${tag}> 及其内容已删除`,
  image: "站外或格式不支持的图片已删除（保留图片说明文字），请改为上传图片",
  link: "不安全的链接地址已去掉（保留链接文字）",
  style: "文字颜色、字号、字体等样式已去掉",
  align: "段落对齐方式已去掉",
  listStyle: "有序列表的字母或罗马数字编号已改为数字",
  tooDeep: "嵌套层级过深，内层格式已去掉",
  tooLong: "内容过长，超出部分已截断",
} as const;

type Item = { inline: RichNode } | { block: RichNode };
type Ctx = {
  marks: RichMark[];
  /** Depth at which a block made here would sit in the document (doc children are at 1). */
  depth: number;
  /** Element nesting, to stop recursion long before the stack does. */
  elements: number;
};
type State = { losses: Set<string> };

/** Content of these is not text a reader should see. */
const DROPPED_TAGS = new Set([
  "script", "style", "template", "iframe", "object", "embed", "video", "audio", "canvas", "svg", "noscript",
]);
/** Document metadata and layout hints: nothing to show, nothing to report. */
const IGNORED_TAGS = new Set(["head", "title", "meta", "link", "base", "wbr", "col", "colgroup"]);
/** Wrappers without formatting of their own. */
const TRANSPARENT_INLINE = new Set(["span", "html", "body"]);
const TRANSPARENT_BLOCKS = new Set([
  "div", "section", "article", "main", "header", "footer", "nav", "aside", "figure", "figcaption",
  "address", "hgroup", "li", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
]);
/** Unknown tags a browser lays out as blocks: their text keeps its own paragraphs. */
const UNKNOWN_BLOCKS = new Set([
  "dl", "dt", "dd", "center", "details", "summary", "form", "fieldset", "legend", "menu", "dir", "listing", "xmp",
  "plaintext", "frameset", "noframes", "dialog",
]);
const MARK_TAGS: Record<string, RichMark["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strike",
  del: "strike",
  strike: "strike",
  code: "code",
};
const VISIBLE_STYLES = new Set(["color", "background", "background-color", "font-size", "font-family", "font"]);
/** Containers opened deeper than this are flattened so the result stays within maxDepth. */
const MAX_CONTAINER_DEPTH = RICH_TEXT_LIMITS.maxDepth - 6;
const MAX_ELEMENT_NESTING = 200;
const HTML_SPACE = /[ \t\n\r\f]+/g;

// ─── Small helpers ───────────────────────────────────────────────────────────────────────────

function textNode(text: string, marks: RichMark[]): RichNode {
  return marks.length > 0 ? { type: "text", text, marks } : { type: "text", text };
}

function withMark(marks: RichMark[], mark: RichMark): RichMark[] {
  if (marks.some((m) => m.type === mark.type)) return marks;
  const order = (m: RichMark) => RICH_MARK_TYPES.indexOf(m.type as (typeof RICH_MARK_TYPES)[number]);
  return [...marks, mark].sort((a, b) => order(a) - order(b));
}

function limitText(value: string | undefined): string {
  return (value ?? "").slice(0, RICH_TEXT_LIMITS.maxAttrText);
}

function atLeastOneBlock(content: RichNode[]): RichNode[] {
  return content.length > 0 ? content : [{ type: "paragraph" }];
}

function classes(el: HTMLElement): string[] {
  return (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
}

/** `style` as lower-case property → value pairs. */
function styles(el: HTMLElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const declaration of (el.getAttribute("style") ?? "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon <= 0) continue;
    out.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim().toLowerCase());
  }
  return out;
}

// ─── Inline runs → paragraphs ────────────────────────────────────────────────────────────────

const sameMarks = (a: RichNode, b: RichNode) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

function mergeRuns(nodes: RichNode[]): RichNode[] {
  const merged: RichNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (node.type === "text" && last?.type === "text" && sameMarks(last, node)) {
      merged[merged.length - 1] = { ...last, text: last.text! + node.text! };
    } else merged.push(node);
  }
  return merged;
}

/** Drops one trailing space from the last text run (there is at most one after collapsing). */
function trimTrailingSpace(nodes: RichNode[]): void {
  const last = nodes[nodes.length - 1];
  if (last?.type !== "text" || !last.text!.endsWith(" ")) return;
  const text = last.text!.slice(0, -1);
  if (text) nodes[nodes.length - 1] = { ...last, text };
  else nodes.pop();
}

/**
 * White space as a browser shows it: runs become one space, and none is kept at the start or end
 * of a line (block edges and <br>).
 */
function collapseWhitespace(nodes: RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  let lineStart = true;
  for (const node of nodes) {
    if (node.type === "hardBreak") {
      trimTrailingSpace(out);
      out.push(node);
      lineStart = true;
      continue;
    }
    let text = node.text!.replace(HTML_SPACE, " ");
    const last = out[out.length - 1];
    if (lineStart || (last?.type === "text" && last.text!.endsWith(" "))) text = text.replace(/^ /, "");
    if (!text) continue;
    out.push({ ...node, text });
    lineStart = false;
  }
  trimTrailingSpace(out);
  return mergeRuns(out);
}

/** Blocks from a mix of inline items and blocks: each inline run becomes a paragraph. */
function group(items: Item[]): RichNode[] {
  const blocks: RichNode[] = [];
  let run: RichNode[] = [];
  const flush = () => {
    const content = collapseWhitespace(run);
    if (content.length > 0) blocks.push({ type: "paragraph", content });
    run = [];
  };
  for (const item of items) {
    if ("inline" in item) run.push(item.inline);
    else {
      flush();
      blocks.push(item.block);
    }
  }
  flush();
  return blocks;
}

const blocksOf = (blocks: RichNode[]): Item[] => blocks.map((block) => ({ block }));

// ─── Walking the tree ────────────────────────────────────────────────────────────────────────

function flow(nodes: Node[], ctx: Ctx, st: State): Item[] {
  const items: Item[] = [];
  for (const node of nodes) {
    if (node instanceof TextNode) {
      if (node.text) items.push({ inline: textNode(node.text, ctx.marks) });
    } else if (node instanceof HTMLElement) items.push(...element(node, ctx, st));
  }
  return items;
}

const childCtx = (ctx: Ctx, extra: Partial<Ctx> = {}): Ctx => ({ ...ctx, elements: ctx.elements + 1, ...extra });

/** All text below `el`, without recursion: the fallback for absurdly deep markup. */
function flatText(el: HTMLElement): string {
  let text = "";
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof TextNode) text += node.text;
    else if (node instanceof HTMLElement && !DROPPED_TAGS.has(node.localName)) {
      for (let i = node.childNodes.length - 1; i >= 0; i -= 1) stack.push(node.childNodes[i]);
    }
  }
  return text;
}

function element(el: HTMLElement, ctx: Ctx, st: State): Item[] {
  const tag = el.localName;
  if (ctx.elements > MAX_ELEMENT_NESTING) {
    st.losses.add(HTML_LOSS.tooDeep);
    const text = flatText(el);
    return text ? [{ inline: textNode(text, ctx.marks) }] : [];
  }
  if (DROPPED_TAGS.has(tag)) {
    st.losses.add(HTML_LOSS.droppedTag(tag));
    return [];
  }
  if (IGNORED_TAGS.has(tag)) return [];
  noteStyles(el, st);
  const marks = styleMarks(el, ctx.marks);
  const inner = childCtx(ctx, { marks });
  switch (tag) {
    case "br":
      return [{ inline: { type: "hardBreak" } }];
    case "hr":
      return [{ block: { type: "horizontalRule" } }];
    case "img":
      return image(el, ctx, st);
    case "a":
      return flow(el.childNodes, childCtx(ctx, { marks: linkMarks(el, marks, st) }), st);
    case "p":
      return blocksOf(atLeastOneBlock(group(flow(el.childNodes, inner, st))));
    case "pre":
      return [{ block: codeBlock(el) }];
    case "ul":
    case "ol":
      return blocksOf(list(el, inner, st));
    case "blockquote":
      return blocksOf(container(el, inner, st, "blockquote"));
    case "table":
      return blocksOf(table(el, inner, st));
    default:
      return otherElement(el, tag, ctx, inner, st);
  }
}

function otherElement(el: HTMLElement, tag: string, ctx: Ctx, inner: Ctx, st: State): Item[] {
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) return headingItems(el, Number(heading[1]), inner, st);
  if (classes(el).includes("callout")) return blocksOf(container(el, inner, st, CALLOUT_NODE));
  const mark = MARK_TAGS[tag];
  if (mark) return flow(el.childNodes, childCtx(ctx, { marks: withMark(inner.marks, { type: mark }) }), st);
  if (TRANSPARENT_INLINE.has(tag)) return flow(el.childNodes, inner, st);
  if (TRANSPARENT_BLOCKS.has(tag)) return blocksOf(group(flow(el.childNodes, inner, st)));
  // Anything else: keep the text, and say the formatting went when there was text to format
  // (Word's empty <o:p> spacers lose nothing).
  const items = flow(el.childNodes, inner, st);
  if (items.some((item) => "block" in item || /\S/.test(item.inline.text ?? ""))) st.losses.add(HTML_LOSS.unknownTag(tag));
  return UNKNOWN_BLOCKS.has(tag) ? blocksOf(group(items)) : items;
}

// ─── Attributes: style, links, images ────────────────────────────────────────────────────────

/** Bold, italic, underline and strike written as CSS (Moodle's editors do) become marks. */
function styleMarks(el: HTMLElement, marks: RichMark[]): RichMark[] {
  const style = styles(el);
  let out = marks;
  const weight = style.get("font-weight") ?? "";
  if (weight === "bold" || weight === "bolder" || /^[6-9]00$/.test(weight)) out = withMark(out, { type: "bold" });
  if (/^(italic|oblique)/.test(style.get("font-style") ?? "")) out = withMark(out, { type: "italic" });
  const decoration = `${style.get("text-decoration") ?? ""} ${style.get("text-decoration-line") ?? ""}`;
  if (decoration.includes("underline")) out = withMark(out, { type: "underline" });
  if (decoration.includes("line-through")) out = withMark(out, { type: "strike" });
  return out;
}

function noteStyles(el: HTMLElement, st: State): void {
  const style = styles(el);
  if ([...style.keys()].some((key) => VISIBLE_STYLES.has(key))) st.losses.add(HTML_LOSS.style);
  if (!/^(p|div|h[1-6])$/.test(el.localName)) return;
  const align = style.get("text-align") ?? el.getAttribute("align")?.toLowerCase() ?? "";
  if (align === "center" || align === "right") st.losses.add(HTML_LOSS.align);
}

function linkMarks(el: HTMLElement, marks: RichMark[], st: State): RichMark[] {
  const raw = el.getAttribute("href");
  if (raw === undefined) return marks;
  const href = safeLinkHref(raw.trim());
  // Normalising percent-encodes non-ASCII characters, which can push a long URL past the limit.
  if (!href || !isSafeLinkHref(href)) {
    st.losses.add(HTML_LOSS.link);
    return marks;
  }
  const title = limitText(el.getAttribute("title"));
  return withMark(marks, { type: "link", attrs: title ? { href, title } : { href } });
}

function image(el: HTMLElement, ctx: Ctx, st: State): Item[] {
  const src = safeImageSrc(el.getAttribute("src"));
  const alt = limitText(el.getAttribute("alt"));
  if (!src) {
    st.losses.add(HTML_LOSS.image);
    return alt ? [{ inline: textNode(alt, ctx.marks) }] : [];
  }
  const title = limitText(el.getAttribute("title"));
  const attrs: Record<string, unknown> = title ? { src, alt, title } : { src, alt };
  return [{ block: { type: "image", attrs } }];
}

// ─── Blocks ──────────────────────────────────────────────────────────────────────────────────

function headingItems(el: HTMLElement, level: number, ctx: Ctx, st: State): Item[] {
  const inline: RichNode[] = [];
  const after: Item[] = [];
  for (const item of flow(el.childNodes, ctx, st)) {
    if ("inline" in item) inline.push(item.inline);
    // A heading holds text only: an image keeps its alt text, other blocks follow the heading.
    else if (item.block.type === "image") {
      const alt = String(item.block.attrs?.alt ?? "");
      if (alt) inline.push(textNode(alt, ctx.marks));
    } else after.push(item);
  }
  const content = collapseWhitespace(inline);
  const heading: RichNode = { type: "heading", attrs: { level: Math.min(4, Math.max(2, level)) } };
  if (content.length > 0) heading.content = content;
  return [{ block: heading }, ...after];
}

/** Too deep to nest another container: its content joins the parent instead. */
function tooDeep(ctx: Ctx, st: State): boolean {
  if (ctx.depth <= MAX_CONTAINER_DEPTH) return false;
  st.losses.add(HTML_LOSS.tooDeep);
  return true;
}

function container(el: HTMLElement, ctx: Ctx, st: State, type: "blockquote" | typeof CALLOUT_NODE): RichNode[] {
  const children =
    type === CALLOUT_NODE
      ? el.childNodes.filter((n) => !(n instanceof HTMLElement && classes(n).includes("callout__title")))
      : el.childNodes;
  if (tooDeep(ctx, st)) return group(flow(children, ctx, st));
  const content = atLeastOneBlock(group(flow(children, { ...ctx, depth: ctx.depth + 1 }, st)));
  if (type === "blockquote") return [{ type, content }];
  const tone = classes(el).includes("callout--warning") ? "warning" : "note";
  return [{ type, attrs: { tone }, content }];
}

function listItem(el: HTMLElement, ctx: Ctx, st: State): RichNode {
  const content = group(flow(el.childNodes, { ...childCtx(ctx), depth: ctx.depth + 2 }, st));
  // Tiptap's listItem starts with a paragraph.
  if (content[0]?.type !== "paragraph") content.unshift({ type: "paragraph" });
  return { type: "listItem", content };
}

function listStart(el: HTMLElement, st: State): number {
  const type = el.getAttribute("type");
  if (type && type !== "1") st.losses.add(HTML_LOSS.listStyle);
  const start = Number.parseInt(el.getAttribute("start") ?? "", 10);
  return Number.isInteger(start) ? Math.min(100_000, Math.max(0, start)) : 1;
}

function list(el: HTMLElement, ctx: Ctx, st: State): RichNode[] {
  if (tooDeep(ctx, st)) return group(flow(el.childNodes, ctx, st));
  const items: RichNode[] = [];
  for (const child of el.childNodes) {
    if (child instanceof HTMLElement && child.localName === "li") {
      items.push(listItem(child, ctx, st));
      continue;
    }
    // Stray content (often a nested <ul> placed beside its <li>) belongs to the item before it.
    const blocks = group(flow([child], { ...ctx, depth: ctx.depth + 2 }, st));
    if (blocks.length === 0) continue;
    const last = items[items.length - 1];
    if (last) last.content!.push(...blocks);
    else {
      if (blocks[0].type !== "paragraph") blocks.unshift({ type: "paragraph" });
      items.push({ type: "listItem", content: blocks });
    }
  }
  if (items.length === 0) return [];
  if (el.localName === "ul") return [{ type: "bulletList", content: items }];
  return [{ type: "orderedList", attrs: { start: listStart(el, st) }, content: items }];
}

function codeLanguage(el: HTMLElement): string | null {
  const code = el.childNodes.find((n): n is HTMLElement => n instanceof HTMLElement && n.localName === "code");
  for (const name of [...classes(el), ...(code ? classes(code) : [])]) {
    const match = /^(?:language|lang)-(.+)$/.exec(name);
    if (match && CODE_LANGUAGE.test(match[1])) return match[1];
  }
  return null;
}

/** The text of a <pre>, spaces and newlines kept, <br> as a newline. */
function preText(el: HTMLElement): string {
  let text = "";
  const stack: Node[] = [...el.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof TextNode) text += node.text;
    else if (node instanceof HTMLElement && node.localName === "br") text += "\n";
    else if (node instanceof HTMLElement && !DROPPED_TAGS.has(node.localName)) {
      for (let i = node.childNodes.length - 1; i >= 0; i -= 1) stack.push(node.childNodes[i]);
    }
  }
  return text;
}

function codeBlock(el: HTMLElement): RichNode {
  let text = preText(el);
  // Browsers ignore a newline right after <pre>.
  const first = el.childNodes[0];
  if (first instanceof TextNode && first.rawText.startsWith("\n")) text = text.slice(1);
  const node: RichNode = { type: "codeBlock", attrs: { language: codeLanguage(el) } };
  if (text) node.content = [{ type: "text", text }];
  return node;
}

// ─── Tables ──────────────────────────────────────────────────────────────────────────────────

function cellAlign(el: HTMLElement): CellAlign | null {
  const fromClass = classes(el)
    .map((name) => /^align-(.+)$/.exec(name)?.[1])
    .find((value) => value !== undefined);
  const value = fromClass ?? styles(el).get("text-align") ?? el.getAttribute("align")?.toLowerCase();
  return CELL_ALIGNMENTS.includes(value as CellAlign) ? (value as CellAlign) : null;
}

function span(el: HTMLElement, name: string): number {
  const value = Number.parseInt(el.getAttribute(name) ?? "", 10);
  return Number.isInteger(value) ? Math.min(RICH_TEXT_LIMITS.maxCellSpan, Math.max(1, value)) : 1;
}

function tableCell(el: HTMLElement, ctx: Ctx, st: State): RichNode {
  const attrs: Record<string, unknown> = {};
  if (span(el, "colspan") > 1) attrs.colspan = span(el, "colspan");
  if (span(el, "rowspan") > 1) attrs.rowspan = span(el, "rowspan");
  const align = cellAlign(el);
  if (align) attrs.align = align;
  const content = atLeastOneBlock(group(flow(el.childNodes, { ...childCtx(ctx), depth: ctx.depth + 3 }, st)));
  const cell: RichNode = { type: el.localName === "th" ? "tableHeader" : "tableCell" };
  if (Object.keys(attrs).length > 0) cell.attrs = attrs;
  cell.content = content;
  return cell;
}

const isElement = (node: Node, ...tags: string[]): node is HTMLElement =>
  node instanceof HTMLElement && tags.includes(node.localName);

/** Rows in order, from the table itself and its row groups; anything else is kept beside the table. */
function collectRows(el: HTMLElement, ctx: Ctx, st: State, rows: HTMLElement[], outside: Item[]): void {
  for (const child of el.childNodes) {
    if (isElement(child, "tr")) rows.push(child);
    else if (isElement(child, "thead", "tbody", "tfoot")) collectRows(child, ctx, st, rows, outside);
    else if (isElement(child, "caption")) outside.push(...blocksOf(group(flow(child.childNodes, ctx, st))));
    else if (!isElement(child, "colgroup", "col")) outside.push(...flow([child], ctx, st));
  }
}

function table(el: HTMLElement, ctx: Ctx, st: State): RichNode[] {
  if (tooDeep(ctx, st)) return group(flow(el.childNodes, ctx, st));
  const rows: HTMLElement[] = [];
  const outside: Item[] = [];
  collectRows(el, ctx, st, rows, outside);
  const tableRows = rows
    .map((row) => row.childNodes.filter((n): n is HTMLElement => isElement(n, "td", "th")))
    .filter((cells) => cells.length > 0)
    .map((cells) => ({ type: "tableRow", content: cells.map((cell) => tableCell(cell, ctx, st)) }));
  const before = group(outside);
  return tableRows.length > 0 ? [...before, { type: "table", content: tableRows }] : before;
}

// ─── Limits and entry points ─────────────────────────────────────────────────────────────────

/**
 * Keeps top-level blocks while the document stays within the node limit; the block that crosses it
 * keeps its first runs when it is a paragraph or heading, so one huge paragraph is cut, not lost.
 */
function withinNodeLimit(blocks: RichNode[], st: State): RichNode[] {
  const kept: RichNode[] = [];
  let budget = RICH_TEXT_LIMITS.maxNodes - 1;
  for (const block of blocks) {
    const size = measureDoc(block).nodes;
    if (size <= budget) {
      kept.push(block);
      budget -= size;
      continue;
    }
    st.losses.add(HTML_LOSS.tooLong);
    if ((block.type === "paragraph" || block.type === "heading") && budget > 1) {
      kept.push({ ...block, content: block.content!.slice(0, budget - 1) });
    }
    break;
  }
  return kept;
}

/**
 * The document for an HTML fragment, and Chinese notes on what could not be kept (unknown tags,
 * scripts, off-site images, unsafe links, colours…). The result passes richDocSchema.
 */
export function htmlToDoc(html: string): { doc: RichDoc; losses: string[] } {
  const root = parse(html, {
    comment: false,
    // Keep an element that is never closed (as browsers do) instead of dropping its formatting.
    parseNoneClosedTags: true,
    blockTextElements: { script: true, style: true, noscript: true },
  });
  const st: State = { losses: new Set() };
  const blocks = group(flow(root.childNodes, { marks: [], depth: 1, elements: 0 }, st));
  const doc: RichDoc = { type: "doc", content: atLeastOneBlock(withinNodeLimit(blocks, st)) };
  return { doc, losses: [...st.losses] };
}

/** The document for a stem or explanation as an importer read it, in its declared format. */
export function textToDoc(text: string, format: RichTextFormat): { doc: RichDoc; losses: string[] } {
  if (format === "html") return htmlToDoc(text);
  if (format === "markdown") return { doc: markdownToDoc(text), losses: [] };
  return { doc: plainToDoc(text), losses: [] };
}

/** A stored document as text for export: plain when nothing would be lost, Markdown otherwise. */
export function docToText(doc: RichDoc): { text: string; format: "plain" | "markdown" } {
  if (isPlainDoc(doc)) return { text: docToPlain(doc), format: "plain" };
  return { text: docToMarkdown(doc), format: "markdown" };
}
