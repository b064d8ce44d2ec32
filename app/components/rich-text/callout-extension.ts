// The 注意 / 警示 box as a Tiptap node. Name, attribute and tones come from the stored-document
// schema, so what the editor writes is what the schema accepts and the renderer draws.
import { mergeAttributes, Node } from "@tiptap/react";
import { CALLOUT_NODE, CALLOUT_TITLES, CALLOUT_TONES, type CalloutTone } from "~/modules/richtext/nodes";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    callout: {
      /** Wraps the selection in a callout; on a callout of this tone, unwraps it; on the other tone, switches tone. */
      toggleCallout: (tone: CalloutTone) => ReturnType;
    };
  }
}

function toTone(value: unknown): CalloutTone {
  return CALLOUT_TONES.includes(value as CalloutTone) ? (value as CalloutTone) : "note";
}

export const Callout = Node.create({
  name: CALLOUT_NODE,
  group: "block",
  content: "block+",
  defining: true,

  addAttributes() {
    return {
      tone: {
        default: "note" satisfies CalloutTone,
        parseHTML: (element) =>
          toTone(element.getAttribute("data-tone") ?? (element.classList.contains("callout--warning") ? "warning" : "note")),
        renderHTML: (attributes) => ({ "data-tone": toTone(attributes.tone) }),
      },
    };
  },

  parseHTML() {
    return [
      {
        // Also matches the renderer's output when a lesson is copied and pasted back in.
        tag: "aside.callout",
        contentElement: (element: HTMLElement) => {
          const body = element.cloneNode(true) as HTMLElement;
          body.querySelectorAll(":scope > .callout__title").forEach((title) => title.remove());
          return body;
        },
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const tone = toTone(node.attrs.tone);
    // The title is drawn by CSS from data-title, so it is not editable content.
    return [
      "aside",
      mergeAttributes(HTMLAttributes, { class: `callout callout--${tone}`, "data-title": CALLOUT_TITLES[tone] }),
      0,
    ];
  },

  addCommands() {
    return {
      toggleCallout:
        (tone) =>
        ({ editor, commands }) => {
          if (editor.isActive(this.name, { tone })) return commands.lift(this.name);
          if (editor.isActive(this.name)) return commands.updateAttributes(this.name, { tone });
          return commands.wrapIn(this.name, { tone });
        },
    };
  },
});
