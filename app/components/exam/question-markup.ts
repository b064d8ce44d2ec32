// One question of an open attempt as an HTML string: legend, stem and answer controls, with the
// taker's answer already checked or filled in. A 100-question paper is about 2,500 elements; React
// rendering them on the server was the taking page's largest cost, so the page renders this
// string once per question and leaves the controls uncontrolled (the form reads them back with
// `answerFromValues`, exactly as the no-JavaScript post does). Options come in the frozen display
// order but carry their ORIGINAL index as the value, which is what answers store.
import type { TakerItem } from "~/modules/exams/attempt-view.server";
import { QUESTION_TYPE_LABELS } from "~/modules/questions/model";
import { escapeHtml } from "~/modules/richtext/render";
import { answerField, valuesFromAnswer } from "./answer-form";

export const errorId = (position: number) => `${answerField(position)}-error`;

type MarkupItem = Pick<TakerItem, "position" | "type" | "stemHtml" | "options" | "blanks" | "answer">;

function choice(kind: "radio" | "checkbox", name: string, value: string, checked: boolean, label: string): string {
  return `<label class="exam-option"><input type="${kind}" name="${name}" value="${value}"${checked ? " checked" : ""}/>${label}</label>`;
}

function controls(item: MarkupItem, name: string): string {
  const values = valuesFromAnswer(item.type, item.answer, item.blanks);
  switch (item.type) {
    case "single":
    case "multiple": {
      const kind = item.type === "single" ? "radio" : "checkbox";
      const options = item.options.map((o, i) => {
        const value = String(o.index);
        const label = `<span class="exam-option__letter">${String.fromCharCode(65 + i)}</span><span>${escapeHtml(o.text)}</span>`;
        return choice(kind, name, value, values.includes(value), label);
      });
      return `<div class="exam-options">${options.join("")}</div>`;
    }
    case "truefalse":
      return `<div class="exam-options exam-options--row">${choice("radio", name, "true", values[0] === "true", "<span>对</span>")}${choice("radio", name, "false", values[0] === "false", "<span>错</span>")}</div>`;
    case "fill": {
      const blanks = values.map(
        (v, i) => `<label class="exam-blank"><span>第 ${i + 1} 空</span><input type="text" name="${name}" maxlength="200" value="${escapeHtml(v)}"/></label>`,
      );
      return `<div class="exam-blanks">${blanks.join("")}</div>`;
    }
    case "essay":
      // The HTML parser drops a textarea's first newline; this one protects the answer's own.
      return `<label class="exam-blank"><span>作答</span><textarea name="${name}" rows="6" maxlength="5000">\n${escapeHtml(values[0] ?? "")}</textarea></label>`;
  }
}

/** The question's fieldset. Its stem is HTML the rich-text renderer produced; everything else is escaped. */
export function questionMarkup(item: MarkupItem): string {
  const name = answerField(item.position);
  return (
    `<fieldset class="exam-question__body" aria-describedby="${errorId(item.position)}">` +
    `<legend><span class="exam-question__no">第 ${item.position} 题</span> <span class="badge">${QUESTION_TYPE_LABELS[item.type]}题</span></legend>` +
    `<div class="rich-text exam-question__stem">${item.stemHtml}</div>` +
    controls(item, name) +
    `</fieldset>`
  );
}

