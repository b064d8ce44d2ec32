// Stored rich-text JSON → HTML, through an allow-list. Pure and isomorphic (no DOM, no Node APIs):
// loaders call it on the server, the editor field calls it for its no-JS preview.
//
// The input is treated as hostile even though writes are validated: every text and attribute is
// escaped, only allow-listed nodes, marks and attributes are emitted, URLs are re-checked, and
// depth and node count are capped. Unknown nodes are unwrapped (their allowed children, e.g. text,
// still render); unknown marks are ignored.
import {
  CALLOUT_NODE,
  CALLOUT_TITLES,
  CELL_ALIGNMENTS,
  CODE_LANGUAGE,
  RICH_MARK_TYPES,
  RICH_TEXT_LIMITS,
  type CalloutTone,
  type CellAlign,
  type RichMarkType,
} from "./nodes";
import { isExternalHref, safeImageSrc, safeLinkHref } from "./urls";

type Obj = Record<string, unknown>;
type Budget = { nodes: number };

const BLOCK_TYPES = new Set([
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "horizontalRule",
  "codeBlock",
  "table",
  "tableRow",
  "tableHeader",
  "tableCell",
  "image",
  CALLOUT_NODE,
]);
const INLINE_TYPES = new Set(["text", "hardBreak"]);
const MARK_TAGS: Record<Exclude<RichMarkType, "link">, string> = {
  bold: "strong",
  italic: "em",
  underline: "u",
  strike: "s",
  code: "code",
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function attrsOf(node: Obj): Obj {
  return isObj(node.attrs) ? node.attrs : {};
}

function childrenOf(node: Obj): unknown[] {
  return Array.isArray(node.content) ? node.content : [];
}

function rootChildren(doc: unknown): unknown[] | null {
  if (!isObj(doc) || doc.type !== "doc" || !Array.isArray(doc.content)) return null;
  return doc.content;
}

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

function attrText(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value.slice(0, RICH_TEXT_LIMITS.maxAttrText) : null;
}

function attr(name: string, value: string): string {
  return ` ${name}="${escapeHtml(value)}"`;
}

/**
 * The renderable nodes among `nodes`, with unknown wrappers replaced by their children. Each
 * entry keeps its depth; anything past the depth limit or the node budget is dropped.
 */
function expand(nodes: unknown[], depth: number, budget: Budget): Array<{ node: Obj; depth: number }> {
  const out: Array<{ node: Obj; depth: number }> = [];
  if (depth > RICH_TEXT_LIMITS.maxDepth) return out;
  for (const node of nodes) {
    if (budget.nodes <= 0) break;
    if (!isObj(node) || typeof node.type !== "string") continue;
    budget.nodes -= 1;
    if (BLOCK_TYPES.has(node.type) || INLINE_TYPES.has(node.type)) out.push({ node, depth });
    else out.push(...expand(childrenOf(node), depth + 1, budget));
  }
  return out;
}

type OpenMark = { key: string; open: string; close: string };

function marksOf(node: Obj): OpenMark[] {
  if (!Array.isArray(node.marks)) return [];
  const byType = new Map<RichMarkType, OpenMark>();
  for (const mark of node.marks) {
    if (!isObj(mark) || typeof mark.type !== "string") continue;
    const type = mark.type as RichMarkType;
    if (!RICH_MARK_TYPES.includes(type) || byType.has(type)) continue;
    if (type === "link") {
      const markAttrs = attrsOf(mark);
      const href = safeLinkHref(markAttrs.href);
      if (!href) continue;
      const title = attrText(markAttrs.title);
      let open = `<a${attr("href", href)}`;
      if (title) open += attr("title", title);
      if (isExternalHref(href)) open += ' target="_blank"';
      open += ' rel="noopener noreferrer">';
      byType.set(type, { key: open, open, close: "</a>" });
    } else {
      const tag = MARK_TAGS[type];
      byType.set(type, { key: type, open: `<${tag}>`, close: `</${tag}>` });
    }
  }
  return RICH_MARK_TYPES.flatMap((type) => byType.get(type) ?? []);
}

/** Children of any node: inline runs share open marks across adjacent text nodes, like ProseMirror. */
function renderChildren(nodes: unknown[], depth: number, budget: Budget): string {
  let html = "";
  const open: OpenMark[] = [];
  const closeFrom = (index: number) => {
    while (open.length > index) html += open.pop()!.close;
  };
  for (const { node, depth: d } of expand(nodes, depth, budget)) {
    if (!INLINE_TYPES.has(node.type as string)) {
      closeFrom(0);
      html += renderBlock(node, d, budget);
      continue;
    }
    if (node.type === "text" && (typeof node.text !== "string" || node.text.length === 0)) continue;
    const marks = marksOf(node);
    let keep = 0;
    while (keep < open.length && keep < marks.length && open[keep].key === marks[keep].key) keep += 1;
    closeFrom(keep);
    for (const mark of marks.slice(keep)) {
      html += mark.open;
      open.push(mark);
    }
    html += node.type === "text" ? escapeHtml(node.text as string) : "<br>";
  }
  closeFrom(0);
  return html;
}

function renderBlock(node: Obj, depth: number, budget: Budget): string {
  const inner = () => renderChildren(childrenOf(node), depth + 1, budget);
  const attrs = attrsOf(node);
  switch (node.type) {
    case "paragraph":
      return `<p>${inner()}</p>`;
    case "heading": {
      const level = intIn(attrs.level, 2, 4, 2);
      return `<h${level}>${inner()}</h${level}>`;
    }
    case "bulletList":
      return `<ul>${inner()}</ul>`;
    case "orderedList": {
      const start = intIn(attrs.start, 0, 100_000, 1);
      return `<ol${start === 1 ? "" : attr("start", String(start))}>${inner()}</ol>`;
    }
    case "listItem":
      return `<li>${inner()}</li>`;
    case "blockquote":
      return `<blockquote>${inner()}</blockquote>`;
    case "horizontalRule":
      return "<hr>";
    case "codeBlock": {
      const language = typeof attrs.language === "string" && CODE_LANGUAGE.test(attrs.language) ? attrs.language : null;
      const code = textOf(childrenOf(node), depth + 1, budget);
      return `<pre><code${language ? attr("class", `language-${language}`) : ""}>${escapeHtml(code)}</code></pre>`;
    }
    case "table":
      return renderTable(node, depth, budget);
    case "tableRow":
      return `<tr>${inner()}</tr>`;
    case "tableHeader":
    case "tableCell": {
      const tag = node.type === "tableHeader" ? "th" : "td";
      const colspan = intIn(attrs.colspan, 1, RICH_TEXT_LIMITS.maxCellSpan, 1);
      const rowspan = intIn(attrs.rowspan, 1, RICH_TEXT_LIMITS.maxCellSpan, 1);
      const align = CELL_ALIGNMENTS.includes(attrs.align as CellAlign) ? (attrs.align as CellAlign) : null;
      let open = `<${tag}`;
      if (colspan > 1) open += attr("colspan", String(colspan));
      if (rowspan > 1) open += attr("rowspan", String(rowspan));
      if (align) open += attr("class", `align-${align}`);
      return `${open}>${inner()}</${tag}>`;
    }
    case "image": {
      const src = safeImageSrc(attrs.src);
      if (!src) return "";
      const title = attrText(attrs.title);
      return `<img${attr("src", src)}${attr("alt", attrText(attrs.alt) ?? "")}${title ? attr("title", title) : ""} loading="lazy">`;
    }
    case CALLOUT_NODE: {
      const tone: CalloutTone = attrs.tone === "warning" ? "warning" : "note";
      return `<aside class="callout callout--${tone}"><p class="callout__title">${CALLOUT_TITLES[tone]}</p>${inner()}</aside>`;
    }
    default:
      return "";
  }
}

function renderTable(node: Obj, depth: number, budget: Budget): string {
  const rows = expand(childrenOf(node), depth + 1, budget).filter(({ node: row }) => row.type === "tableRow");
  if (rows.length === 0) return "";
  const html = rows.map(({ node: row, depth: d }) => renderBlock(row, d, budget));
  const cellTypes = childrenOf(rows[0].node).map((cell) => (isObj(cell) ? cell.type : null));
  const headerRow = cellTypes.length > 0 && cellTypes.every((type) => type === "tableHeader");
  const head = headerRow ? `<thead>${html.shift()}</thead>` : "";
  const body = html.length > 0 ? `<tbody>${html.join("")}</tbody>` : "";
  return `<div class="table-wrap"><table class="table">${head}${body}</table></div>`;
}

/** Concatenated text of the inline content below `nodes` (hard breaks as newlines). */
function textOf(nodes: unknown[], depth: number, budget: Budget): string {
  let text = "";
  for (const { node, depth: d } of expand(nodes, depth, budget)) {
    if (node.type === "text" && typeof node.text === "string") text += node.text;
    else if (node.type === "hardBreak") text += "\n";
    else text += textOf(childrenOf(node), d + 1, budget);
  }
  return text;
}

function newBudget(): Budget {
  return { nodes: RICH_TEXT_LIMITS.maxNodes };
}

/** Safe HTML for a stored document; "" for anything that is not a document. */
export function renderRichText(doc: unknown): string {
  const children = rootChildren(doc);
  return children ? renderChildren(children, 1, newBudget()) : "";
}

/** `renderRichText` for a JSON column as read from the database (null, or unparsable → ""). */
export function renderStoredRichText(json: string | null | undefined): string {
  if (!json) return "";
  try {
    return renderRichText(JSON.parse(json));
  } catch {
    return "";
  }
}

const TEXTBLOCKS = new Set(["paragraph", "heading", "codeBlock"]);

function collectLines(nodes: unknown[], depth: number, budget: Budget, lines: string[]): void {
  let run = "";
  for (const { node, depth: d } of expand(nodes, depth, budget)) {
    if (node.type === "text" && typeof node.text === "string") run += node.text;
    else if (node.type === "hardBreak") run += "\n";
    else if (TEXTBLOCKS.has(node.type as string)) lines.push(textOf(childrenOf(node), d + 1, budget));
    else collectLines(childrenOf(node), d + 1, budget, lines);
  }
  if (run) lines.push(run);
}

/**
 * The document's text, one line per paragraph/heading/cell, for search indexes and summaries.
 * With `maxLength`, cut to that many characters with a trailing "…".
 */
export function plainText(doc: unknown, maxLength?: number): string {
  const children = rootChildren(doc);
  if (!children) return "";
  const lines: string[] = [];
  collectLines(children, 1, newBudget(), lines);
  const text = lines
    .flatMap((line) => line.split("\n"))
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
  if (maxLength === undefined || text.length <= maxLength) return text;
  return `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}

function hasImage(nodes: unknown[], depth: number, budget: Budget): boolean {
  return expand(nodes, depth, budget).some(
    ({ node, depth: d }) =>
      (node.type === "image" && safeImageSrc(attrsOf(node).src) !== null) || hasImage(childrenOf(node), d + 1, budget),
  );
}

/** True when nothing would show: no text and no image (what an untouched editor holds, too). */
export function isEmptyDoc(doc: unknown): boolean {
  const children = rootChildren(doc);
  if (!children) return true;
  return plainText(doc) === "" && !hasImage(children, 1, newBudget());
}
