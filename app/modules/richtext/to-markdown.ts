// The stored document → Markdown that markdownToDoc reads back to the same document. Used to export
// question stems (GIFT [markdown], Excel) and anywhere a document must travel as text.
//
// The contract is the round trip: for every document markdownToDoc can produce,
// markdownToDoc(docToMarkdown(doc)) deep-equals doc. So text is escaped wherever Markdown would
// read it as syntax (including GFM autolinks and entities), and each paragraph's inline Markdown is
// checked by parsing it back; when marked would pair emphasis differently than intended (typically
// "**" next to CJK punctuation) the delimiters get empty HTML comments beside them, which
// markdownToDoc drops and which give the delimiters punctuation to flank.
//
// What Markdown cannot say is reported by markdownLosses, in Chinese, for the author: underline
// (markdownToDoc keeps <u> as literal text, so it cannot come back), merged table cells, header
// cells outside the first table row, per-cell alignment and block content inside table cells.
//
// Two quirks of marked are not reproduced, both invisible when rendered: code ending in exactly one
// newline (only an indented code block closing a list item gives it; a fence never does) comes back
// without that newline, and equal runs that a setext heading keeps apart come back joined.
import { markdownToDoc } from "./markdown";
import {
  CALLOUT_NODE,
  CALLOUT_TITLES,
  CELL_ALIGNMENTS,
  CODE_LANGUAGE,
  RICH_MARK_TYPES,
  type CalloutTone,
  type RichDoc,
  type RichMark,
  type RichNode,
} from "./nodes";
import { safeImageSrc, safeLinkHref } from "./urls";

/** Chinese notes for what docToMarkdown cannot express; the messages are shown to authors. */
export const MARKDOWN_LOSS = {
  underline: "下划线格式",
  cellSpan: "表格合并单元格",
  headerCells: "表格表头（Markdown 表格只能以第一行作表头）",
  cellAlign: "表格单元格各自的对齐方式（Markdown 只能按列对齐）",
  cellBlocks: "表格单元格中的列表、引用、代码块等（只保留文字）",
  inlineCode: "链接或表格中含 ` 或 \\| 的行内代码格式",
  inlineFormat: "部分行内格式（粗体、斜体、删除线等）",
} as const;

type Losses = Set<string>;
/** Where inline content is written: each place parses breaks and pipes differently. */
type InlinePlace = "paragraph" | "heading" | "cell";
type Strategy = "smart" | "separated" | "plain";
type Piece =
  | { kind: "text"; md: string }
  | { kind: "delim"; md: string; role: "open" | "close" }
  | { kind: "break"; md: string }
  | { kind: "raw"; md: string };

/** An empty HTML comment: invisible, dropped by markdownToDoc, and punctuation for flanking rules. */
const SEPARATOR = "<!---->";
const SOURCE_BREAK = "\\\n";
/** A soft line break; markdownToDoc drops it between two CJK characters. */
const SOFT_BREAK = "\n";
const LINE_BREAKS = new Set([SOURCE_BREAK, SOFT_BREAK]);
// The CJK ranges of markdown.ts, where a soft line break joins two runs without a space.
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
const HTML_BREAK = "<br>";
const MARK_ORDER = (mark: RichMark) => RICH_MARK_TYPES.indexOf(mark.type as (typeof RICH_MARK_TYPES)[number]);
const DELIMITERS: Record<string, string> = { bold: "**", italic: "*", strike: "~~" };

// ─── Canonical inline content ────────────────────────────────────────────────────────────────

/** The marks Markdown can carry, deduplicated and in the stored order (link first, code last). */
function canonicalMarks(marks: RichMark[] | undefined, losses: Losses): RichMark[] {
  const out: RichMark[] = [];
  for (const mark of [...(marks ?? [])].sort((a, b) => MARK_ORDER(a) - MARK_ORDER(b))) {
    if (out.some((m) => m.type === mark.type)) continue;
    if (mark.type === "underline") losses.add(MARKDOWN_LOSS.underline);
    else if (mark.type === "link") {
      const href = safeLinkHref(mark.attrs?.href);
      const title = mark.attrs?.title;
      if (href) out.push({ type: "link", attrs: typeof title === "string" && title ? { href, title } : { href } });
    } else if (mark.type in DELIMITERS || mark.type === "code") out.push({ type: mark.type });
  }
  return out;
}

function textNode(text: string, marks: RichMark[]): RichNode {
  return marks.length > 0 ? { type: "text", text, marks } : { type: "text", text };
}

function sameMarks(a: RichNode, b: RichNode): boolean {
  return JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);
}

/** Text and breaks below `nodes`; anything else inline (malformed content) gives its text. */
function flattenInline(nodes: RichNode[] | undefined, losses: Losses, out: RichNode[] = []): RichNode[] {
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") out.push({ type: "hardBreak" });
    else if (node.type === "text" && typeof node.text === "string") {
      // A newline inside a run is a soft break in Markdown, which reads back as a space.
      out.push(textNode(node.text.replace(/\r\n?|\n/g, " "), canonicalMarks(node.marks, losses)));
    } else if (node.type === "image") {
      const alt = node.attrs?.alt;
      if (typeof alt === "string" && alt) out.push(textNode(alt, []));
    } else flattenInline(node.content, losses, out);
  }
  return out;
}

/**
 * Two runs with the same marks between CJK characters stay two in a paragraph: markdownToDoc makes
 * them from "**甲**\n**乙**", and a soft break writes them back. Elsewhere they are one run.
 */
function keepsApart(last: RichNode, node: RichNode, place: InlinePlace): boolean {
  // Unmarked text has no delimiters to end a token at the line break, so it always merges.
  const marked = (last.marks ?? []).length > 0;
  return place === "paragraph" && marked && CJK.test(last.text!.slice(-1)) && CJK.test(node.text![0]);
}

function mergeRuns(nodes: RichNode[], place: InlinePlace): RichNode[] {
  const merged: RichNode[] = [];
  for (const node of nodes) {
    if (node.type === "text" && !node.text) continue;
    const last = merged[merged.length - 1];
    if (node.type === "text" && last?.type === "text" && sameMarks(last, node) && !keepsApart(last, node, place)) {
      merged[merged.length - 1] = { ...last, text: last.text! + node.text! };
    } else merged.push(node);
  }
  return merged;
}

/** Markdown cannot start or end a paragraph with whitespace; trim it as markdownToDoc does. */
function trimEnds(nodes: RichNode[]): RichNode[] {
  const out = [...nodes];
  const trim = (index: number, pattern: RegExp) => {
    const node = out[index];
    if (node?.type !== "text") return false;
    const text = node.text!.replace(pattern, "");
    if (text) out[index] = { ...node, text };
    else out.splice(index, 1);
    return !text;
  };
  while (trim(0, /^\s+/));
  while (trim(out.length - 1, /\s+$/));
  return out;
}

/** The inline content as markdownToDoc would give it back: what the serializer aims for. */
function canonicalInline(nodes: RichNode[] | undefined, place: InlinePlace, losses: Losses): RichNode[] {
  return trimEnds(mergeRuns(flattenInline(nodes, losses), place));
}

// ─── Escaping ────────────────────────────────────────────────────────────────────────────────

/** Text escaped so that every character reads back literally. */
function escapeText(text: string, place: InlinePlace, lineStart: boolean): string {
  let md = text
    .replace(/[\\`*_[\]<~|@]/g, "\\$&")
    // Entities are decoded by markdownToDoc, so "&amp;" typed as text must not become "&".
    .replace(/&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g, "\\&")
    // GFM turns bare URLs and addresses into links; a backslash before ":" or "." prevents it.
    .replace(/(https?|ftp|mailto|xmpp):/gi, "$1\\:")
    .replace(/(www)\./gi, "$1\\.")
    // "!" right before a link would turn the link into an image.
    .replace(/!$/, "\\!")
    // marked gives up on a link whose text holds "](", even escaped, unless "(" is escaped too.
    .replace(/\\\]\(/g, "\\]\\(");
  if (place === "heading") md = md.replace(/#/g, "\\#");
  return lineStart ? escapeLineStart(md) : md;
}

/** What would start a block at the beginning of a line: headings, quotes, lists, setext underlines. */
function escapeLineStart(md: string): string {
  return md.replace(/^[#>+=-]/, "\\$&").replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

function codeSpan(text: string, place: InlinePlace): string {
  // In a table, marked splits cells on "|" before reading the cell, even inside code.
  const content = place === "cell" ? text.replace(/\|/g, "\\|") : text;
  const fence = "`".repeat(longestBacktickRun(content) + 1);
  // One space each side is stripped from a code span when both ends have one; pad to keep them.
  const pad = /^`|`$/.test(content) || (/^ [\s\S]*[^ ][\s\S]* $/.test(content) && content.length > 1);
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

/** A link or image destination: markdownToDoc unescapes punctuation and then decodes entities. */
function destination(href: string): string {
  return href.replace(/&/g, "&amp;").replace(/[\\()<>[\]`*_~|]/g, "\\$&");
}

function titlePart(title: unknown): string {
  if (typeof title !== "string" || !title) return "";
  const md = title
    .replace(/&/g, "&amp;")
    .replace(/[\\"|]/g, "\\$&")
    .replace(/\r\n?|\n/g, "&#10;");
  return ` "${md}"`;
}

/** Image alt text is taken raw (escapes stay), so characters that would break it become entities. */
function altText(alt: unknown): string {
  if (typeof alt !== "string") return "";
  return alt
    .replace(/&/g, "&amp;")
    .replace(/[[\]\\`|*_~<>\n]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function imageMarkdown(node: RichNode): string | null {
  const src = safeImageSrc(node.attrs?.src);
  if (!src) return null;
  return `![${altText(node.attrs?.alt)}](${destination(src)}${titlePart(node.attrs?.title)})`;
}

// ─── Inline serialisation ────────────────────────────────────────────────────────────────────

function sameMark(a: RichMark, b: RichMark): boolean {
  return a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});
}

function hasMark(node: RichNode | undefined, mark: RichMark): boolean {
  return (node?.marks ?? []).some((m) => sameMark(m, mark));
}

/** Index of the last node of the run of `mark` starting at `from`: longer runs open outside shorter ones. */
function runEnd(nodes: RichNode[], from: number, mark: RichMark): number {
  let end = from;
  while (hasMark(nodes[end + 1], mark)) end += 1;
  return end;
}

function opener(mark: RichMark): Piece {
  return mark.type === "link" ? { kind: "raw", md: "[" } : { kind: "delim", md: DELIMITERS[mark.type], role: "open" };
}

function closer(mark: RichMark): Piece {
  if (mark.type !== "link") return { kind: "delim", md: DELIMITERS[mark.type], role: "close" };
  return { kind: "raw", md: `](${destination(String(mark.attrs?.href))}${titlePart(mark.attrs?.title)})` };
}

const atLineStart = (pieces: Piece[]) => pieces.length === 0 || LINE_BREAKS.has(pieces[pieces.length - 1].md);

/**
 * A hard break as backslash-newline where that reads back exactly, otherwise as <br>: headings and
 * cells are one line, and whitespace next to a source line break is trimmed by Markdown.
 */
function breakPiece(nodes: RichNode[], index: number, place: InlinePlace, strategy: Strategy): Piece {
  const before = nodes[index - 1];
  const after = nodes[index + 1];
  const clean =
    strategy === "smart" &&
    place === "paragraph" &&
    before?.type === "text" &&
    after?.type === "text" &&
    !/\s$/.test(before.text!) &&
    !/^\s/.test(after.text!);
  return { kind: "break", md: clean ? SOURCE_BREAK : HTML_BREAK };
}

function leafPiece(node: RichNode, place: InlinePlace, lineStart: boolean): Piece {
  const text = node.text!;
  if (hasMark(node, { type: "code" })) return { kind: "raw", md: codeSpan(text, place) };
  return { kind: "text", md: escapeText(text, place, lineStart) };
}

/** Text, breaks and mark delimiters, with marks kept open across runs as far as they reach. */
function inlinePieces(nodes: RichNode[], place: InlinePlace, strategy: Strategy): Piece[] {
  const pieces: Piece[] = [];
  const open: RichMark[] = [];
  nodes.forEach((node, index) => {
    const marks = strategy === "plain" ? [] : (node.marks ?? []).filter((m) => m.type !== "code");
    const previous = nodes[index - 1];
    if (node.type === "text" && previous?.type === "text" && sameMarks(previous, node)) {
      // Runs kept apart by keepsApart: close everything and continue on the next line.
      while (open.length > 0) pieces.push(closer(open.pop()!));
      pieces.push({ kind: "break", md: SOFT_BREAK });
    }
    let keep = 0;
    while (keep < open.length && marks.some((m) => sameMark(m, open[keep]))) keep += 1;
    while (open.length > keep) pieces.push(closer(open.pop()!));
    const fresh = marks.filter((m) => !open.some((o) => sameMark(o, m)));
    fresh.sort((a, b) => runEnd(nodes, index, b) - runEnd(nodes, index, a) || MARK_ORDER(a) - MARK_ORDER(b));
    for (const mark of fresh) {
      pieces.push(opener(mark));
      open.push(mark);
    }
    if (node.type === "hardBreak") pieces.push(breakPiece(nodes, index, place, strategy));
    else pieces.push(leafPiece(strategy === "plain" ? textNode(node.text!, []) : node, place, atLineStart(pieces)));
  });
  while (open.length > 0) pieces.push(closer(open.pop()!));
  return pieces;
}

// ─── Emphasis flanking ───────────────────────────────────────────────────────────────────────

const isSpace = (c: string | null) => c === null || /\s/u.test(c);
/** Punctuation as marked sees it beside a delimiter; marked's "*" rules do not count "~". */
const isPunct = (c: string | null, delim: string) =>
  c !== null && /[\p{P}\p{S}]/u.test(c) && !(delim[0] === "*" && c === "~");

/** The last character written so far, or null at the start of a line. */
function charBefore(out: Piece[]): string | null {
  const prev = out[out.length - 1];
  if (!prev || LINE_BREAKS.has(prev.md)) return null;
  return prev.md[prev.md.length - 1] ?? null;
}

function charAfter(next: Piece | undefined): string | null {
  return next ? (next.md[0] ?? null) : null;
}

/**
 * Whether a delimiter needs a separator before / after it to open or close where intended, by
 * CommonMark's flanking rules. "separated" puts one wherever a line boundary does not already.
 */
function separatorsNeeded(
  delim: Extract<Piece, { kind: "delim" }>,
  before: string | null,
  after: string | null,
  prev: Piece | undefined,
  strategy: Strategy,
): { before: boolean; after: boolean } {
  if (strategy === "separated") return { before: before !== null, after: after !== null };
  // "*" closing then "**" opening would merge into one "***" run.
  let needBefore = prev?.kind === "delim" && prev.md[0] === delim.md[0] && prev.role !== delim.role;
  let needAfter = false;
  const b = needBefore ? ">" : before;
  if (delim.role === "open") {
    needAfter = isSpace(after);
    const a = needAfter ? "<" : after;
    if (isPunct(a, delim.md) && !isSpace(b) && !isPunct(b, delim.md)) needBefore = true;
  } else {
    needBefore ||= isSpace(b);
    const bb = needBefore ? ">" : b;
    if (isPunct(bb, delim.md) && !isSpace(after) && !isPunct(after, delim.md)) needAfter = true;
  }
  return { before: needBefore, after: needAfter };
}

function separatorPass(pieces: Piece[], strategy: Strategy): Piece[] {
  const out: Piece[] = [];
  const separator: Piece = { kind: "raw", md: SEPARATOR };
  pieces.forEach((piece, index) => {
    if (piece.kind !== "delim") {
      if (!(piece.md === SEPARATOR && out[out.length - 1]?.md === SEPARATOR)) out.push(piece);
      return;
    }
    const prev = out[out.length - 1];
    const need = separatorsNeeded(piece, charBefore(out), charAfter(pieces[index + 1]), prev, strategy);
    if (need.before && out[out.length - 1]?.md !== SEPARATOR) out.push(separator);
    out.push(piece);
    if (need.after && pieces[index + 1]?.md !== SEPARATOR) out.push(separator);
  });
  return out;
}

/** Separators change their neighbours' neighbours, so repeat until nothing more is needed. */
function withSeparators(pieces: Piece[], strategy: Strategy): Piece[] {
  let current = pieces;
  for (let round = 0; round < 8; round += 1) {
    const next = separatorPass(current, strategy);
    if (next.length === current.length) return next;
    current = next;
  }
  return current;
}

// ─── Verified inline Markdown ────────────────────────────────────────────────────────────────

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The inline content markdownToDoc reads from `md` written at `place`. */
function readBack(md: string, place: InlinePlace): RichNode[] | undefined {
  if (place === "heading") return markdownToDoc(`## ${md}`).content[0]?.content;
  if (place === "cell") {
    const table = markdownToDoc(`| ${md} |\n| --- |`).content[0];
    const cell = table?.type === "table" ? table.content?.[0]?.content?.[0] : undefined;
    return cell?.content?.length === 1 ? cell.content[0].content : undefined;
  }
  const blocks = markdownToDoc(md).content;
  return blocks.length === 1 && blocks[0].type === "paragraph" ? blocks[0].content : undefined;
}

function render(nodes: RichNode[], place: InlinePlace, strategy: Strategy): string {
  const md = withSeparators(inlinePieces(nodes, place, strategy), strategy)
    .map((p) => p.md)
    .join("");
  // A line that is only "<br>" would be read as an HTML block.
  return md === HTML_BREAK ? md + SEPARATOR : md;
}

function withoutCode(nodes: RichNode[]): RichNode[] {
  const stripped = nodes.map((node) =>
    node.type === "text" ? textNode(node.text!, (node.marks ?? []).filter((m) => m.type !== "code")) : node,
  );
  // Merged as anywhere outside a paragraph: this tier gives up on exactness already.
  return mergeRuns(stripped, "cell");
}

/**
 * Inline Markdown for canonical `nodes`, checked by reading it back: minimal separators first, then
 * separators around every delimiter. marked cannot read a code span holding "`" inside a link, nor
 * "\|" in code inside a table cell; then code is written as text, and as a last resort all marks go.
 */
function inlineMarkdown(nodes: RichNode[], place: InlinePlace, losses: Losses): string {
  if (nodes.length === 0) return "";
  for (const strategy of ["smart", "separated"] as const) {
    const md = render(nodes, place, strategy);
    if (deepEqual(readBack(md, place) ?? [], nodes)) return md;
  }
  if (nodes.some((node) => hasMark(node, { type: "code" }))) {
    const textCode = withoutCode(nodes);
    const md = render(textCode, place, "separated");
    if (deepEqual(readBack(md, place) ?? [], textCode)) {
      losses.add(MARKDOWN_LOSS.inlineCode);
      return md;
    }
  }
  losses.add(MARKDOWN_LOSS.inlineFormat);
  return render(nodes, place, "plain");
}

// ─── Blocks ──────────────────────────────────────────────────────────────────────────────────

type BlockContext = { losses: Losses; firstInItem: boolean; inItem: boolean; listStyle: number };

const isEmptyParagraph = (node: RichNode | undefined) =>
  node?.type === "paragraph" && (node.content ?? []).every((c) => c.type === "text" && !c.text?.trim());

/** A paragraph, split around images (which are blocks once read back). */
function paragraphLines(node: RichNode, ctx: BlockContext): string[] {
  const chunks: string[] = [];
  let run: RichNode[] = [];
  const flush = () => {
    const md = inlineMarkdown(canonicalInline(run, "paragraph", ctx.losses), "paragraph", ctx.losses);
    if (md) chunks.push(md);
    run = [];
  };
  for (const child of node.content ?? []) {
    if (child.type !== "image") run.push(child);
    else {
      flush();
      const image = imageMarkdown(child);
      if (image) chunks.push(image);
    }
  }
  flush();
  return chunks.length > 0 ? chunks.join("\n\n").split("\n") : [];
}

function headingLines(node: RichNode, ctx: BlockContext): string[] {
  const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2));
  const md = inlineMarkdown(canonicalInline(node.content, "heading", ctx.losses), "heading", ctx.losses);
  return [md ? `${"#".repeat(level)} ${md}` : "#".repeat(level)];
}

function codeText(nodes: RichNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === "hardBreak") return "\n";
      return node.type === "text" ? (node.text ?? "") : codeText(node.content);
    })
    .join("");
}

function codeBlockLines(node: RichNode): string[] {
  const text = codeText(node.content);
  const language = node.attrs?.language;
  const info = typeof language === "string" && CODE_LANGUAGE.test(language) ? language : "";
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  if (!text) return [fence + info, fence];
  // marked keeps the newline before the closing fence only when the code ends with a blank line.
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return [fence + info, ...body.split("\n"), fence];
}

function prefixLines(lines: string[], first: string, rest: string): string[] {
  return lines.map((line, i) => (line === "" ? line : (i === 0 ? first : rest) + line));
}

function quoteLines(lines: string[]): string[] {
  return lines.map((line) => (line === "" ? ">" : `> ${line}`));
}

function blockquoteLines(node: RichNode, ctx: BlockContext): string[] {
  const lines = blocksLines(node.content, ctx);
  // An empty quote is a lone ">"; markdownToDoc gives it its empty paragraph back.
  return lines.length > 0 ? quoteLines(lines) : [">"];
}

function calloutLines(node: RichNode, ctx: BlockContext): string[] {
  const tone: CalloutTone = node.attrs?.tone === "warning" ? "warning" : "note";
  return quoteLines([`[!${CALLOUT_TITLES[tone]}]`, ...blocksLines(node.content, ctx)]);
}

function listItemLines(item: RichNode, marker: string, ctx: BlockContext): string[] {
  let content = item.content ?? [];
  // A leading empty paragraph is how an item that starts with a list, quote… is stored.
  if (isEmptyParagraph(content[0])) content = content.slice(1);
  const lines = blocksLines(content, { ...ctx, firstInItem: true, inItem: true });
  if (lines.length === 0) return [marker];
  return prefixLines(lines, `${marker} `, " ".repeat(marker.length + 1));
}

function listLines(node: RichNode, ctx: BlockContext): string[] {
  const ordered = node.type === "orderedList";
  const start = Math.min(100_000, Math.max(0, Number(node.attrs?.start ?? 1) || 0));
  const items = (node.content ?? []).map((item, i) => {
    const marker = ordered ? `${start + i}${ctx.listStyle % 2 ? ")" : "."}` : ctx.listStyle % 2 ? "*" : "-";
    return listItemLines(item, marker, { ...ctx, listStyle: 0, inItem: false });
  });
  const loose = items.some((lines) => lines.includes(""));
  return items.flatMap((lines, i) => (i > 0 && loose ? ["", ...lines] : lines));
}

// ─── Tables ──────────────────────────────────────────────────────────────────────────────────

/** The text of a block that a cell cannot hold, its text blocks joined by spaces. */
function blockText(node: RichNode): string {
  if (["paragraph", "heading", "codeBlock"].includes(node.type)) return codeText(node.content);
  return (node.content ?? []).map(blockText).filter(Boolean).join(" ");
}

function cellAlign(cell: RichNode | undefined): string | null {
  const align = cell?.attrs?.align;
  return CELL_ALIGNMENTS.includes(align as (typeof CELL_ALIGNMENTS)[number]) ? (align as string) : null;
}

function delimiterCell(align: string | null): string {
  if (align === "left") return ":---";
  if (align === "center") return ":---:";
  if (align === "right") return "---:";
  return "---";
}

/** A cell on one line: paragraphs and images inline, other blocks by their text. */
function cellMarkdown(cell: RichNode, losses: Losses): string {
  const parts: string[] = [];
  for (const block of cell.content ?? []) {
    if (block.type === "image") {
      const image = imageMarkdown(block);
      if (image) parts.push(image);
      continue;
    }
    if (block.type !== "paragraph") losses.add(MARKDOWN_LOSS.cellBlocks);
    const inline = block.type === "paragraph" ? block.content : [{ type: "text", text: blockText(block) }];
    const md = inlineMarkdown(canonicalInline(inline, "cell", losses), "cell", losses);
    if (md) parts.push(md);
  }
  return parts.join(" ");
}

function noteTableLosses(rows: RichNode[], losses: Losses): void {
  rows.forEach((row, r) => {
    (row.content ?? []).forEach((cell, c) => {
      const span = (key: string) => Number(cell.attrs?.[key] ?? 1) > 1;
      if (span("colspan") || span("rowspan")) losses.add(MARKDOWN_LOSS.cellSpan);
      if ((r === 0) !== (cell.type === "tableHeader")) losses.add(MARKDOWN_LOSS.headerCells);
      if (cellAlign(cell) !== cellAlign(rows[0].content?.[c])) losses.add(MARKDOWN_LOSS.cellAlign);
    });
  });
}

function tableLines(node: RichNode, losses: Losses): string[] {
  const rows = (node.content ?? []).filter((row) => row.type === "tableRow" && (row.content ?? []).length > 0);
  if (rows.length === 0) return [];
  noteTableLosses(rows, losses);
  const header = rows[0].content ?? [];
  const line = (row: RichNode) => {
    const cells = header.map((_, c) => {
      const cell = row.content?.[c];
      return cell ? cellMarkdown(cell, losses) : "";
    });
    return `| ${cells.join(" | ")} |`;
  };
  const delimiterRow = `| ${header.map((cell) => delimiterCell(cellAlign(cell))).join(" | ")} |`;
  return [line(rows[0]), delimiterRow, ...rows.slice(1).map(line)];
}

// ─── Block dispatch ──────────────────────────────────────────────────────────────────────────

function blockLines(node: RichNode, ctx: BlockContext): string[] {
  switch (node.type) {
    case "paragraph":
      return paragraphLines(node, ctx);
    case "heading":
      return headingLines(node, ctx);
    case "bulletList":
    case "orderedList":
      return listLines(node, ctx);
    case "blockquote":
      return blockquoteLines(node, ctx);
    case CALLOUT_NODE:
      return calloutLines(node, ctx);
    case "horizontalRule":
      // "- ---" would read as one thematic break, so a rule opening a list item uses underscores.
      return [ctx.firstInItem ? "___" : "---"];
    case "codeBlock":
      return codeBlockLines(node);
    case "table":
      return tableLines(node, ctx.losses);
    case "image": {
      const image = imageMarkdown(node);
      return image ? [image] : [];
    }
    case "text":
    case "hardBreak":
      return paragraphLines({ type: "paragraph", content: [node] }, ctx);
    default:
      // Unknown wrappers: their content still reads.
      return blocksLines(node.content, ctx);
  }
}

const isList = (type: string | undefined) => type === "bulletList" || type === "orderedList";

/**
 * A list right under an item's paragraph is written without a blank line ("- a\n  - b"), when it
 * may interrupt a paragraph: CommonMark lets only bullets and "1." do so, and not an empty item.
 */
function joinsTightly(previous: string | undefined, node: RichNode, lines: string[], ctx: BlockContext): boolean {
  if (!ctx.inItem || previous !== "paragraph" || !isList(node.type)) return false;
  if (node.type === "orderedList" && Number(node.attrs?.start ?? 1) !== 1) return false;
  return /^(?:[-*]|1[.)]) \S/.test(lines[0]);
}

/** Blocks separated by blank lines; two lists of one kind in a row switch marker so they stay two. */
function blocksLines(nodes: RichNode[] | undefined, ctx: BlockContext): string[] {
  const out: string[] = [];
  let previous: { type: string; style: number } | null = null;
  for (const node of nodes ?? []) {
    const style: number = isList(node.type) && previous?.type === node.type ? previous.style + 1 : 0;
    const lines = blockLines(node, { ...ctx, listStyle: style, firstInItem: ctx.firstInItem && out.length === 0 });
    if (lines.length === 0) continue;
    if (out.length > 0 && !joinsTightly(previous?.type, node, lines, ctx)) out.push("");
    out.push(...lines);
    previous = { type: node.type, style };
  }
  return out;
}

function serialize(doc: RichDoc): { markdown: string; losses: Losses } {
  const losses: Losses = new Set();
  const lines = blocksLines(doc.content, { losses, firstInItem: false, inItem: false, listStyle: 0 });
  return { markdown: lines.join("\n"), losses };
}

/** Markdown that markdownToDoc reads back to `doc` (see markdownLosses for what cannot be said). */
export function docToMarkdown(doc: RichDoc): string {
  return serialize(doc).markdown;
}

/** What docToMarkdown leaves out of `doc`, as short Chinese notes for the author; [] when nothing. */
export function markdownLosses(doc: RichDoc): string[] {
  return [...serialize(doc).losses];
}
