// The allow-list of the stored rich-text document: node and mark names, attribute vocabularies,
// limits and the document type. Plain constants with no dependencies, so the renderer and the
// editor can use them without pulling zod into the browser bundle; schema.ts re-exports them.

export const RICH_NODE_TYPES = [
  "doc",
  "paragraph",
  "heading",
  "text",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "horizontalRule",
  "hardBreak",
  "codeBlock",
  "table",
  "tableRow",
  "tableHeader",
  "tableCell",
  "image",
  "callout",
] as const;
export type RichNodeType = (typeof RICH_NODE_TYPES)[number];

/** In nesting order, outermost first: a link spanning bold and plain text stays one <a>. */
export const RICH_MARK_TYPES = ["link", "bold", "italic", "underline", "strike", "code"] as const;
export type RichMarkType = (typeof RICH_MARK_TYPES)[number];

/** Level 1 is the page title (the lesson name), so body headings start at 2. */
export const HEADING_LEVELS = [2, 3, 4] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

export const CALLOUT_NODE = "callout";
export const CALLOUT_TONES = ["note", "warning"] as const;
export type CalloutTone = (typeof CALLOUT_TONES)[number];
export const CALLOUT_TITLES: Record<CalloutTone, string> = { note: "注意", warning: "警示" };

export const CELL_ALIGNMENTS = ["left", "center", "right"] as const;
export type CellAlign = (typeof CELL_ALIGNMENTS)[number];

export const CODE_LANGUAGE = /^[A-Za-z0-9_+#-]{1,32}$/;

export const RICH_TEXT_LIMITS = {
  /** Nesting of nodes below the doc; 32 leaves room for lists nested ten deep inside a callout. */
  maxDepth: 32,
  /** All nodes in one document (text runs included). */
  maxNodes: 20_000,
  /** The serialised JSON, in characters (fits MySQL MEDIUMTEXT with room to spare). */
  maxJsonLength: 2_000_000,
  /** colspan / rowspan. */
  maxCellSpan: 20,
  /** alt and title texts. */
  maxAttrText: 500,
} as const;

export type RichMark = { type: string; attrs?: Record<string, unknown> };
export type RichNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  marks?: RichMark[];
  text?: string;
};
export type RichDoc = { type: "doc"; content: RichNode[] };

/** What an empty Tiptap editor holds: one empty paragraph (a doc must have a block). */
export function emptyDoc(): RichDoc {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/** Depth and node count, measured without recursion so a hostile 100 000-deep doc cannot overflow the stack. */
export function measureDoc(value: unknown): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth: d } = stack.pop()!;
    nodes += 1;
    if (d > depth) depth = d;
    if (nodes > RICH_TEXT_LIMITS.maxNodes || depth > RICH_TEXT_LIMITS.maxDepth) break;
    const content = (node as { content?: unknown } | null)?.content;
    if (Array.isArray(content)) for (const child of content) stack.push({ node: child, depth: d + 1 });
  }
  return { depth, nodes };
}
