// The taking page's answer controls are uncontrolled (see question-markup.ts): the form itself
// holds each answer. These read one question's answer back from the form and show a restored one.
import type { QuestionType } from "~/modules/questions/model";
import { answerField, answerFromValues, valuesFromAnswer } from "./answer-form";

export interface AnswerSlot {
  position: number;
  type: QuestionType;
  blanks: number;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

function fieldsOf(form: HTMLFormElement, position: number): Field[] {
  return Array.from(form.querySelectorAll<Field>(`[name="${answerField(position)}"]`));
}

const isChoice = (field: Field) => field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox");

/** The answer the question's controls hold now, as the no-JavaScript post would read it. */
export function readAnswer(form: HTMLFormElement, slot: AnswerSlot): unknown {
  const values = fieldsOf(form, slot.position)
    .filter((field) => !isChoice(field) || (field as HTMLInputElement).checked)
    .map((field) => field.value);
  return answerFromValues(slot.type, values, slot.blanks);
}

/** Puts an answer (restored from the journal) into the question's controls. */
export function showAnswer(form: HTMLFormElement, slot: AnswerSlot, answer: unknown): void {
  const values = valuesFromAnswer(slot.type, answer, slot.blanks);
  fieldsOf(form, slot.position).forEach((field, i) => {
    if (isChoice(field)) (field as HTMLInputElement).checked = values.includes(field.value);
    else field.value = values[i] ?? "";
  });
}

/** The question position an answer control belongs to, or null for any other field. */
export function answerPosition(target: EventTarget | null): number | null {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return null;
  const position = Number(/\d+$/.exec(target.name)?.[0]);
  return Number.isInteger(position) && answerField(position) === target.name ? position : null;
}

export const isTyping = (target: EventTarget | null) => target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === "text");
