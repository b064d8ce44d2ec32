// How one question's answer travels in a plain HTML form (the no-JavaScript page) and in the
// page's state: field names per position, and the answer shape (by ORIGINAL option index) built
// from the submitted values. Shared by the taking page and its action, so both read forms alike.
import type { QuestionType } from "~/modules/questions/model";

export const answerField = (position: number) => `a${position}`;
export const flagField = (position: number) => `f${position}`;

/** The answer the form values mean, or null for "not answered" (nothing chosen, all blank). */
export function answerFromValues(type: QuestionType, values: string[], blanks: number): unknown {
  switch (type) {
    case "single":
      return values.length ? { choice: Number(values[0]) } : null;
    case "multiple":
      return values.length ? { choices: values.map(Number) } : null;
    case "truefalse":
      return values[0] === "true" ? { value: true } : values[0] === "false" ? { value: false } : null;
    case "fill": {
      const filled = Array.from({ length: blanks }, (_, i) => values[i] ?? "");
      return filled.some((v) => v.trim() !== "") ? { blanks: filled } : null;
    }
    case "essay":
      return values[0] && values[0].trim() !== "" ? { text: values[0] } : null;
  }
}

/** The form values an answer is shown with: the inverse of `answerFromValues`. */
export function valuesFromAnswer(type: QuestionType, answer: unknown, blanks: number): string[] {
  const a = (answer ?? {}) as { choice?: unknown; choices?: unknown; value?: unknown; blanks?: unknown; text?: unknown };
  switch (type) {
    case "single":
      return typeof a.choice === "number" ? [String(a.choice)] : [];
    case "multiple":
      return Array.isArray(a.choices) ? a.choices.filter((c): c is number => typeof c === "number").map(String) : [];
    case "truefalse":
      return typeof a.value === "boolean" ? [String(a.value)] : [];
    case "fill": {
      const given = Array.isArray(a.blanks) ? a.blanks : [];
      return Array.from({ length: blanks }, (_, i) => (typeof given[i] === "string" ? given[i] : ""));
    }
    case "essay":
      return [typeof a.text === "string" ? a.text : ""];
  }
}
