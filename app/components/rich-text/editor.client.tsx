// The Tiptap editor. Client-only (the .client suffix keeps it and Tiptap out of the server build);
// mount it through RichTextField, which renders a no-JS fallback on the server and lazy-loads this.
// The document is posted as JSON in a hidden input; the server validates it with richDocJsonSchema
// and renders HTML with renderRichText — nothing the editor produces is trusted as HTML.
import { Image } from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { emptyDoc, HEADING_LEVELS, type RichDoc } from "~/modules/richtext/nodes";
import { isSafeImageSrc, isSafeLinkHref, MAX_DATA_IMAGE_LENGTH, safeImageSrc, safeLinkHref } from "~/modules/richtext/urls";
import { Callout } from "./callout-extension";

export type UploadImage = (file: File) => Promise<string>;

export type RichTextEditorProps = {
  /** Name of the hidden input carrying the document JSON. */
  name: string;
  initialContent?: RichDoc | null;
  /**
   * Stores an image and resolves to its URL under /uploads/. Without it, small images are
   * embedded as data: URLs (up to ≈ 256 KB); larger ones are refused with a message.
   */
  onUploadImage?: UploadImage;
  placeholder?: string;
  /** Called with the document after every change (for autosave). */
  onChange?: (doc: RichDoc) => void;
  /** id of the visible label, for screen readers (a contenteditable cannot be a <label for>). */
  labelledBy?: string;
  /** id of the error or hint under the field. */
  describedBy?: string;
  invalid?: boolean;
};

const HEADING_NAMES: Record<(typeof HEADING_LEVELS)[number], string> = { 2: "一级标题", 3: "二级标题", 4: "三级标题" };
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
/** Decoded size that still fits MAX_DATA_IMAGE_LENGTH once base64-encoded with its prefix. */
const MAX_EMBEDDED_IMAGE_BYTES = Math.floor(((MAX_DATA_IMAGE_LENGTH - 32) * 3) / 4);

function createExtensions() {
  return [
    StarterKit.configure({
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeLinkHref(url),
        shouldAutoLink: (url) => isSafeLinkHref(url),
      },
    }),
    // Pasted <img> from other sites would be refused on save, so they are not taken in at all.
    Image.extend({
      parseHTML() {
        return [{ tag: "img[src]", getAttrs: (element) => (isSafeImageSrc(element.getAttribute("src")) ? null : false) }];
      },
    }).configure({ allowBase64: true }),
    TableKit.configure({ table: { resizable: false } }),
    Callout,
  ];
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** What the author typed in the link box ("example.com/a b", "/courses/1", an address), as an allowed href — or null. */
function normaliseHref(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(value)) return safeLinkHref(`mailto:${value}`);
  if (value.startsWith("/")) return safeLinkHref(value.replace(/ /g, "%20"));
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  if (!/^https?:/i.test(absolute)) return safeLinkHref(absolute);
  try {
    // Percent-encodes spaces and non-ASCII, which the allow-list would otherwise refuse.
    return safeLinkHref(new URL(absolute).href);
  } catch {
    return null;
  }
}

function ToolButton({
  label,
  onClick,
  active,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  active?: boolean;
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      className={active ? "rte-btn rte-btn--active" : "rte-btn"}
      aria-pressed={active === undefined ? undefined : active}
      aria-label={label}
      title={label}
      disabled={disabled}
      // A mouse press on the toolbar keeps focus and the selection in the editor. Otherwise focus
      // moves to the button and comes back through focus() a frame later, and a key typed in
      // between lands at the end of the document (seen as a lost first character in CI).
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children ?? label}
    </button>
  );
}

function useToolbarState(editor: Editor | null) {
  return useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e) return null;
      return {
        heading: HEADING_LEVELS.find((level) => e.isActive("heading", { level })) ?? 0,
        bold: e.isActive("bold"),
        italic: e.isActive("italic"),
        underline: e.isActive("underline"),
        bulletList: e.isActive("bulletList"),
        orderedList: e.isActive("orderedList"),
        blockquote: e.isActive("blockquote"),
        link: e.isActive("link"),
        table: e.isActive("table"),
        note: e.isActive("callout", { tone: "note" }),
        warning: e.isActive("callout", { tone: "warning" }),
        canUndo: e.can().undo(),
        canRedo: e.can().redo(),
        empty: e.isEmpty,
      };
    },
  });
}

export function RichTextEditor({
  name,
  initialContent,
  onUploadImage,
  placeholder,
  onChange,
  labelledBy,
  describedBy,
  invalid,
}: RichTextEditorProps) {
  // The hidden input is written directly, never through React: for type="hidden", value and
  // defaultValue are the same attribute, so React would reset it to the initial JSON on re-render.
  const inputRef = useRef<HTMLInputElement | null>(null);
  const jsonRef = useRef<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo(() => initialContent ?? emptyDoc(), [initialContent]);
  jsonRef.current ??= JSON.stringify(initial);
  const attachInput = useCallback((input: HTMLInputElement | null) => {
    inputRef.current = input;
    if (input) input.value = jsonRef.current ?? "";
  }, []);
  const extensions = useMemo(createExtensions, []);
  // The editor is created once; its handlers read the latest props through refs.
  const latest = useRef({ onChange, onUploadImage });
  latest.current = { onChange, onUploadImage };
  const insertImageRef = useRef<(file: File) => void>(() => {});
  const ariaRef = useRef<Record<string, string>>({});
  ariaRef.current = {
    class: "rich-text rte__content",
    "aria-multiline": "true",
    ...(labelledBy ? { "aria-labelledby": labelledBy } : { "aria-label": "正文" }),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(invalid ? { "aria-invalid": "true" } : {}),
  };

  const editor = useEditor({
    extensions,
    content: initial,
    // Safe: this module only ever renders in the browser.
    immediatelyRender: true,
    editorProps: {
      attributes: () => ariaRef.current,
      // Office apps put a picture of the copied text next to the text itself: paste the text then.
      handlePaste: (_view, event) =>
        !event.clipboardData?.getData("text/plain") && takeImageFile(event.clipboardData?.files),
      handleDrop: (_view, event, _slice, moved) => !moved && takeImageFile(event.dataTransfer?.files),
    },
    onUpdate: ({ editor: e }) => {
      const doc = e.getJSON() as RichDoc;
      jsonRef.current = JSON.stringify(doc);
      if (inputRef.current) inputRef.current.value = jsonRef.current;
      latest.current.onChange?.(doc);
    },
  });
  const state = useToolbarState(editor);

  // After a failed submit the error props change without an editor transaction: re-read them.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.setProps({});
  }, [editor, labelledBy, describedBy, invalid]);

  function takeImageFile(files: FileList | null | undefined): boolean {
    const file = files && files.length > 0 ? files[0] : null;
    if (!file || !file.type.startsWith("image/")) return false;
    insertImageRef.current(file);
    return true;
  }

  insertImageRef.current = async (file: File) => {
    if (!editor) return;
    setError(null);
    if (!IMAGE_TYPES.includes(file.type)) {
      setError("只支持 PNG、JPEG、GIF、WebP 格式的图片");
      return;
    }
    const upload = latest.current.onUploadImage;
    if (!upload && file.size > MAX_EMBEDDED_IMAGE_BYTES) {
      setError("图片过大（超过 256 KB），请压缩后再插入");
      return;
    }
    setBusy(true);
    try {
      const src = safeImageSrc(upload ? await upload(file) : await readAsDataUrl(file));
      if (!src) {
        setError("图片上传失败：返回的图片地址无效");
        return;
      }
      const alt = file.name.replace(/\.[^.]+$/, "").slice(0, 100);
      editor.chain().focus().setImage({ src, alt }).run();
    } catch (cause) {
      setError(cause instanceof Error && cause.message ? `图片上传失败：${cause.message}` : "图片上传失败，请重试");
    } finally {
      setBusy(false);
    }
  };

  if (!editor || !state) return null;
  const chain = () => editor.chain().focus();

  function openLink() {
    setError(null);
    setLinkDraft((editor!.getAttributes("link").href as string | undefined) ?? "");
  }

  function applyLink() {
    if (linkDraft === null) return;
    if (!linkDraft.trim()) {
      chain().extendMarkRange("link").unsetLink().run();
      setLinkDraft(null);
      return;
    }
    const href = normaliseHref(linkDraft);
    if (!href) {
      setError("链接地址只能以 http://、https://、mailto: 或站内路径 / 开头");
      return;
    }
    if (editor!.state.selection.empty && !editor!.isActive("link")) {
      chain()
        .insertContent({ type: "text", text: linkDraft.trim(), marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      // Collapse to the link's end so the next keystroke does not replace the linked text.
      chain()
        .extendMarkRange("link")
        .setLink({ href })
        .command(({ tr, commands }) => commands.setTextSelection(tr.selection.to))
        .run();
    }
    setError(null);
    setLinkDraft(null);
  }

  return (
    <div className={invalid ? "rte rte--invalid" : "rte"}>
      <div className="rte__toolbar" role="toolbar" aria-label="正文格式">
        <select
          className="rte-select"
          aria-label="标题"
          title="标题"
          value={state.heading}
          onChange={(event) => {
            const level = Number(event.target.value);
            if (level === 2 || level === 3 || level === 4) chain().setHeading({ level }).run();
            else chain().setParagraph().run();
          }}
        >
          <option value={0}>正文</option>
          {HEADING_LEVELS.map((level) => (
            <option key={level} value={level}>
              {HEADING_NAMES[level]}
            </option>
          ))}
        </select>
        <ToolButton label="加粗" active={state.bold} onClick={() => chain().toggleBold().run()}>
          <strong>加粗</strong>
        </ToolButton>
        <ToolButton label="斜体" active={state.italic} onClick={() => chain().toggleItalic().run()}>
          <em>斜体</em>
        </ToolButton>
        <ToolButton label="下划线" active={state.underline} onClick={() => chain().toggleUnderline().run()}>
          <u>下划线</u>
        </ToolButton>
        <span className="rte__sep" aria-hidden="true" />
        <ToolButton label="无序列表" active={state.bulletList} onClick={() => chain().toggleBulletList().run()} />
        <ToolButton label="有序列表" active={state.orderedList} onClick={() => chain().toggleOrderedList().run()} />
        <ToolButton label="引用" active={state.blockquote} onClick={() => chain().toggleBlockquote().run()} />
        <ToolButton label="注意" active={state.note} onClick={() => chain().toggleCallout("note").run()}>
          <span className="rte-btn__callout rte-btn__callout--note">注意</span>
        </ToolButton>
        <ToolButton label="警示" active={state.warning} onClick={() => chain().toggleCallout("warning").run()}>
          <span className="rte-btn__callout rte-btn__callout--warning">警示</span>
        </ToolButton>
        <span className="rte__sep" aria-hidden="true" />
        <ToolButton label="链接" active={state.link} onClick={openLink} />
        <ToolButton label="图片" disabled={busy} onClick={() => fileRef.current?.click()} />
        <ToolButton
          label="插入表格"
          disabled={state.table}
          onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        >
          表格
        </ToolButton>
        <span className="rte__sep" aria-hidden="true" />
        <ToolButton label="撤销" disabled={!state.canUndo} onClick={() => chain().undo().run()} />
        <ToolButton label="重做" disabled={!state.canRedo} onClick={() => chain().redo().run()} />
      </div>

      {state.table ? (
        <div className="rte__toolbar rte__toolbar--table" role="toolbar" aria-label="表格">
          <ToolButton label="加一行" onClick={() => chain().addRowAfter().run()} />
          <ToolButton label="删除行" onClick={() => chain().deleteRow().run()} />
          <ToolButton label="加一列" onClick={() => chain().addColumnAfter().run()} />
          <ToolButton label="删除列" onClick={() => chain().deleteColumn().run()} />
          <ToolButton label="删除表格" onClick={() => chain().deleteTable().run()} />
        </div>
      ) : null}

      {linkDraft !== null ? (
        <div className="rte__link">
          <input
            type="text"
            inputMode="url"
            aria-label="链接地址"
            placeholder="https://… 或 /courses/…"
            value={linkDraft}
            autoFocus
            onChange={(event) => setLinkDraft(event.target.value)}
            onKeyDown={(event) => {
              // Enter would submit the surrounding form.
              if (event.key === "Enter") {
                event.preventDefault();
                applyLink();
              } else if (event.key === "Escape") {
                event.preventDefault();
                setLinkDraft(null);
                editor.commands.focus();
              }
            }}
          />
          <button type="button" className="rte-btn" onClick={applyLink}>
            确定
          </button>
          {state.link ? (
            <button
              type="button"
              className="rte-btn"
              onClick={() => {
                chain().extendMarkRange("link").unsetLink().run();
                setLinkDraft(null);
              }}
            >
              移除链接
            </button>
          ) : null}
          <button type="button" className="rte-btn" onClick={() => setLinkDraft(null)}>
            取消
          </button>
        </div>
      ) : null}

      <div className="rte__surface">
        {placeholder && state.empty ? (
          <p className="rte__placeholder" aria-hidden="true">
            {placeholder}
          </p>
        ) : null}
        <EditorContent editor={editor} />
      </div>

      {busy ? (
        <p className="rte__status" role="status">
          正在上传图片…
        </p>
      ) : null}
      {error ? (
        <p className="rte__status rte__status--error" role="alert">
          {error}
        </p>
      ) : null}

      <input
        ref={fileRef}
        type="file"
        accept={IMAGE_TYPES.join(",")}
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) insertImageRef.current(file);
        }}
      />
      <input ref={attachInput} type="hidden" name={name} />
    </div>
  );
}
