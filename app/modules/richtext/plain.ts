// Plain text ↔ the stored document, for question stems and explanations imported without markup
// (Aiken, Excel, GIFT without [html]/[markdown]). Text is taken literally: "**" stays two stars.
// A blank line separates paragraphs and a single newline is a line break, which is how people
// type multi-line stems into a spreadsheet cell or a text file.
import { emptyDoc, type RichDoc, type RichNode } from "./nodes";

const PARAGRAPH_BREAK = /\n\s*\n+/;
const HARD_BREAK: RichNode = { type: "hardBreak" };

/** Blank lines at either end carry nothing; the indentation of the first line is text, so it stays. */
function trimBlankLines(text: string): string {
  return text.replace(/^\s*\n/, "").replace(/\n\s*$/, "");
}

function paragraphOf(block: string): RichNode {
  const content: RichNode[] = [];
  block.split("\n").forEach((line, index) => {
    if (index > 0) content.push({ ...HARD_BREAK });
    if (line) content.push({ type: "text", text: line });
  });
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

/** The document for a plain-text stem: paragraphs on blank lines, line breaks on single newlines. */
export function plainToDoc(text: string): RichDoc {
  const normalized = trimBlankLines(text.replace(/\r\n?/g, "\n"));
  if (normalized.trim() === "") return emptyDoc();
  const blocks = normalized.split(PARAGRAPH_BREAK).filter((block) => block.trim() !== "");
  return { type: "doc", content: blocks.map(paragraphOf) };
}

function inlineText(nodes: RichNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === "text") return node.text ?? "";
      if (node.type === "hardBreak") return "\n";
      return inlineText(node.content);
    })
    .join("");
}

const TEXTBLOCKS = new Set(["paragraph", "heading", "codeBlock"]);

/** Every text block below `nodes`, in document order; containers (lists, tables…) are walked through. */
function textBlocks(nodes: RichNode[] | undefined, out: string[]): string[] {
  for (const node of nodes ?? []) {
    if (TEXTBLOCKS.has(node.type)) out.push(inlineText(node.content));
    else if (node.type === "image") out.push(typeof node.attrs?.alt === "string" ? node.attrs.alt : "");
    else textBlocks(node.content, out);
  }
  return out;
}

/**
 * The text of a document: paragraphs joined by a blank line, line breaks as "\n". Exact for plain
 * documents (see isPlainDoc); for others it is the text without formatting, one block per paragraph.
 */
export function docToPlain(doc: RichDoc): string {
  return textBlocks(doc.content, [])
    .filter((block) => block.trim() !== "")
    .join("\n\n");
}

function isPlainInline(node: RichNode): boolean {
  if (node.type === "hardBreak") return node.content === undefined;
  if (node.type !== "text" || typeof node.text !== "string") return false;
  // A newline inside a text run would come back as a line break, a visible change.
  return (node.marks ?? []).length === 0 && !/[\r\n]/.test(node.text);
}

/**
 * True when the document is paragraphs of unmarked text and line breaks only, so docToPlain keeps
 * everything that shows. Empty paragraphs and blank lines made of breaks are spacing, not content:
 * they collapse into one paragraph break, as in plainToDoc.
 */
export function isPlainDoc(doc: RichDoc): boolean {
  return doc.content.every(
    (block) => block.type === "paragraph" && block.attrs === undefined && (block.content ?? []).every(isPlainInline),
  );
}
