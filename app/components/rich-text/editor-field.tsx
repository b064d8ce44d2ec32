// A rich-text form field that works without JavaScript. On the server, before hydration, while the
// editor chunk loads, and if it fails to load, it shows a read-only preview and a hidden input
// holding the initial JSON, so posting the form keeps the content unchanged. In the browser it then
// swaps in the Tiptap editor (lazy-loaded: Tiptap stays out of the route's main chunk and out of
// the server build), which keeps a hidden input of the same name up to date.
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from "react";
import { renderRichText } from "~/modules/richtext/render";
import { emptyDoc } from "~/modules/richtext/nodes";
import type { RichTextEditorProps } from "./editor.client";
import { RichTextView } from "./rich-text-view";

export { richTextLinks } from "./styles";
export type { RichTextEditorProps, UploadImage } from "./editor.client";

let hydrating = true;

/** False during SSR and the hydration render, true afterwards (and on later client navigations). */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(() => !hydrating);
  useEffect(() => {
    hydrating = false;
    setHydrated(true);
  }, []);
  return hydrated;
}

function Fallback({ name, initialContent, note }: Pick<RichTextEditorProps, "name" | "initialContent"> & { note: ReactNode }) {
  const { json, html } = useMemo(() => {
    const doc = initialContent ?? emptyDoc();
    return { json: JSON.stringify(doc), html: renderRichText(doc) };
  }, [initialContent]);
  return (
    <div className="rte rte--fallback">
      {html ? <RichTextView html={html} className="rte__preview" /> : null}
      {note}
      <input type="hidden" name={name} value={json} />
    </div>
  );
}

function EditorUnavailable(props: RichTextEditorProps) {
  return (
    <Fallback
      {...props}
      note={
        <p className="rte__status rte__status--error" role="alert">
          编辑器加载失败，请检查网络后刷新页面。现在提交将保留原有正文。
        </p>
      }
    />
  );
}

const LazyEditor = lazy(() =>
  import("./editor.client").then(
    (module) => ({ default: module.RichTextEditor }),
    () => ({ default: EditorUnavailable }),
  ),
);

/**
 * The rich-text field of a form. Validate the posted value with `richDocJsonSchema`
 * (app/modules/richtext/schema.ts), and add `richTextLinks()` to the route's `links`.
 */
export function RichTextField(props: RichTextEditorProps) {
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <Fallback
        {...props}
        note={
          <noscript>
            <p className="rte__status">需要启用 JavaScript 才能编辑正文；现在提交将保留原有正文。</p>
          </noscript>
        }
      />
    );
  }
  return (
    <Suspense
      fallback={
        <Fallback
          {...props}
          note={
            <p className="rte__status" role="status">
              正在加载编辑器…
            </p>
          }
        />
      }
    >
      <LazyEditor {...props} />
    </Suspense>
  );
}
