// The rich-text document we store: Tiptap/ProseMirror JSON restricted to an allow-list of nodes,
// marks and attributes. The editor, the Markdown importer and the renderer all speak this shape.
// `richDocSchema` is the write-time gate (strict: anything unknown is refused with a Chinese
// message, and attributes outside the allow-list are stripped); the renderer is the read-time gate
// (lenient: unknown things are dropped), so HTML is safe even for rows written before a rule changed.
import { z } from "zod";
import {
  CALLOUT_NODE,
  CALLOUT_TONES,
  CELL_ALIGNMENTS,
  CODE_LANGUAGE,
  emptyDoc,
  HEADING_LEVELS,
  measureDoc,
  RICH_TEXT_LIMITS,
  type RichDoc,
  type RichNode,
} from "./nodes";
import { MAX_HREF_LENGTH, isSafeImageSrc, isSafeLinkHref } from "./urls";

export * from "./nodes";

const UNSUPPORTED = "正文包含不支持的内容格式，请删除后重试";
const INVALID = "正文格式无效，请刷新页面后重试";

const attrText = z.string().max(RICH_TEXT_LIMITS.maxAttrText, "图片说明或链接标题过长").nullish();
const span = z
  .number()
  .int()
  .min(1)
  .max(RICH_TEXT_LIMITS.maxCellSpan, `表格合并单元格不能超过 ${RICH_TEXT_LIMITS.maxCellSpan} 格`)
  .default(1);

const markSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("bold") }),
    z.object({ type: z.literal("italic") }),
    z.object({ type: z.literal("underline") }),
    z.object({ type: z.literal("strike") }),
    z.object({ type: z.literal("code") }),
    z.object({
      type: z.literal("link"),
      attrs: z.object({
        href: z
          .string()
          .max(MAX_HREF_LENGTH, "链接地址过长")
          .refine(isSafeLinkHref, "链接地址只能以 http://、https://、mailto: 或站内路径 / 开头"),
        title: attrText,
      }),
    }),
  ],
  { error: UNSUPPORTED },
);

// Declared rather than inferred: the union is recursive through `content`.
const nodeSchema: z.ZodType<RichNode> = z.lazy(() => {
  const children = z.array(nodeSchema).optional();
  return z.discriminatedUnion(
    "type",
    [
      z.object({ type: z.literal("paragraph"), content: children }),
      z.object({
        type: z.literal("heading"),
        attrs: z.object({
          level: z.literal(HEADING_LEVELS, { error: "标题只能是 2–4 级" }),
        }),
        content: children,
      }),
      z.object({ type: z.literal("text"), text: z.string().min(1), marks: z.array(markSchema).max(6).optional() }),
      z.object({ type: z.literal("bulletList"), content: children }),
      z.object({
        type: z.literal("orderedList"),
        attrs: z.object({ start: z.number().int().min(0).max(100_000).default(1) }).optional(),
        content: children,
      }),
      z.object({ type: z.literal("listItem"), content: children }),
      z.object({ type: z.literal("blockquote"), content: children }),
      z.object({ type: z.literal("horizontalRule") }),
      z.object({ type: z.literal("hardBreak") }),
      z.object({
        type: z.literal("codeBlock"),
        attrs: z.object({ language: z.string().regex(CODE_LANGUAGE, "代码语言名称无效").nullish() }).optional(),
        content: children,
      }),
      z.object({ type: z.literal("table"), content: children }),
      z.object({ type: z.literal("tableRow"), content: children }),
      ...(["tableHeader", "tableCell"] as const).map((type) =>
        z.object({
          type: z.literal(type),
          attrs: z
            .object({ colspan: span, rowspan: span, align: z.enum(CELL_ALIGNMENTS).nullish() })
            .optional(),
          content: children,
        }),
      ),
      z.object({
        type: z.literal("image"),
        attrs: z.object({
          src: z.string().refine(isSafeImageSrc, "图片只能使用本站上传的图片（PNG、JPEG、GIF、WebP）"),
          alt: attrText,
          title: attrText,
        }),
      }),
      z.object({
        type: z.literal(CALLOUT_NODE),
        attrs: z.object({ tone: z.enum(CALLOUT_TONES, { error: "提示框类型只能是注意或警示" }) }),
        content: children,
      }),
    ],
    { error: UNSUPPORTED },
  );
});

const docNodeSchema = z.object({
  type: z.literal("doc", { error: INVALID }),
  content: z.array(nodeSchema).default([]),
});

function limitProblem(value: unknown): string | null {
  const { depth, nodes } = measureDoc(value);
  if (depth > RICH_TEXT_LIMITS.maxDepth) return "正文嵌套层级过深，请简化列表或引用的嵌套";
  if (nodes > RICH_TEXT_LIMITS.maxNodes) return "正文过长，请拆分为多节课";
  return null;
}

/**
 * A stored document: structure, allow-listed types and attributes, and size limits. Parsing
 * strips attributes outside the allow-list (Tiptap's link target/rel, image width, cell colwidth),
 * so what is stored is canonical.
 */
export const richDocSchema: z.ZodType<RichDoc, unknown> = z
  .unknown()
  .transform((value, ctx) => {
    const problem = limitProblem(value);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return value;
  })
  .pipe(docNodeSchema);

/**
 * A form field holding the editor's JSON (the hidden input of `RichTextField`). Fails with one
 * Chinese message on the field itself, whatever went wrong inside the document.
 */
export const richDocJsonSchema = z
  .string({ error: INVALID })
  .max(RICH_TEXT_LIMITS.maxJsonLength, "正文过长，请拆分为多节课或压缩图片")
  .transform((raw, ctx): RichDoc => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: INVALID });
      return z.NEVER;
    }
    const parsed = richDocSchema.safeParse(value, { error: () => INVALID });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? INVALID });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * A document read back from the database. Rows are validated on write, so a failure here means
 * tampering or an old format: show an empty document rather than break the page.
 */
export function readStoredDoc(json: string | null | undefined): RichDoc {
  if (!json) return emptyDoc();
  const parsed = richDocJsonSchema.safeParse(json);
  return parsed.success ? parsed.data : emptyDoc();
}
