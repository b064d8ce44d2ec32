export { richTextLinks } from "./styles";

/**
 * Shows HTML produced by `renderRichText` / `renderStoredRichText` (app/modules/richtext/render.ts)
 * — and nothing else: that renderer is what makes this innerHTML safe.
 */
export function RichTextView({ html, className }: { html: string; className?: string }) {
  return <div className={className ? `rich-text ${className}` : "rich-text"} dangerouslySetInnerHTML={{ __html: html }} />;
}
