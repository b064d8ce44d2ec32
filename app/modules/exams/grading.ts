// Server-side grading of one answer and of a whole attempt, in integer hundredths of a point
// (score_x100) so totals add up exactly on every database engine. Pure: no I/O, so a closed
// attempt regrades identically from its frozen versions and stored answers (invariant 4).
import type { QuestionContent } from "~/modules/questions/content";
import { isAnswered, type Answer } from "./answers";

export interface GradingRules {
  /** 多选: "all" = full marks only for exactly the key; "partial" = 少选得部分分, 错选不得分. */
  multiple: "all" | "partial";
  /** 填空: "per_blank" = marks in proportion to the right blanks; "all" = full marks only when every blank is right. */
  fill: "per_blank" | "all";
}

export type Outcome = "correct" | "partial" | "wrong" | "unanswered" | "pending";

export interface GradeResult {
  scoreX100: number;
  outcome: Outcome;
  /** 填空 only: which blanks matched an accepted answer, for the review page. */
  blanksRight?: boolean[];
}

/**
 * A 填空 answer (or accepted alternative) folded for comparison: NFKC (full-width letters, digits
 * and punctuation → half-width, U+3000 → space), whitespace runs → one space, trimmed, ASCII
 * letters lower-cased. Punctuation stays significant: "1,2" and "12" are different answers.
 */
export function normalizeFillAnswer(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Whether one blank's answer equals one of its accepted alternatives. An empty answer is never right. */
export function blankIsRight(given: string, alternatives: readonly string[]): boolean {
  const answer = normalizeFillAnswer(given);
  return answer !== "" && alternatives.some((alt) => normalizeFillAnswer(alt) === answer);
}

/**
 * `maxX100 × part / whole`, rounded down to the hundredth. Integer inputs divide exactly in
 * floating point whenever the quotient is whole, so part = whole always gives back maxX100.
 */
export function proportionX100(maxX100: number, part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  if (part >= whole) return maxX100;
  return Math.floor((maxX100 * part) / whole);
}

/**
 * What each blank is worth under "per_blank": the increments of proportionX100, so they add up to
 * exactly maxX100 (100 over 3 blanks → 33, 33, 34) and any k right blanks score the sum of k shares.
 */
export function blankShares(maxX100: number, blanks: number): number[] {
  return Array.from({ length: blanks }, (_, i) => proportionX100(maxX100, i + 1, blanks) - proportionX100(maxX100, i, blanks));
}

const unanswered: GradeResult = { scoreX100: 0, outcome: "unanswered" };

/**
 * Grades one answer. Option weights (kept for GIFT round trips) are ignored: the exam's rules
 * decide partial credit. An answer whose shape does not fit the question's type (corrupt data)
 * scores as unanswered rather than throwing, so one bad row cannot block a whole regrade. An empty
 * 简答 is unanswered (0, nothing to mark); a written one is pending until a grader scores it.
 */
export function gradeAnswer(question: QuestionContent, answer: Answer | null, maxScoreX100: number, rules: GradingRules): GradeResult {
  if (!Number.isInteger(maxScoreX100) || maxScoreX100 < 0) throw new RangeError(`invalid maxScoreX100: ${maxScoreX100}`);
  if (!answer || !isAnswered(answer)) return unanswered;
  const full = (right: boolean): GradeResult => (right ? { scoreX100: maxScoreX100, outcome: "correct" } : { scoreX100: 0, outcome: "wrong" });
  switch (question.type) {
    case "single":
      if (!("choice" in answer)) return unanswered;
      return full(question.options[answer.choice]?.correct === true);
    case "truefalse":
      if (!("value" in answer)) return unanswered;
      return full(answer.value === question.answer);
    case "multiple":
      if (!("choices" in answer)) return unanswered;
      return gradeMultiple(question.options, answer.choices, maxScoreX100, rules.multiple);
    case "fill":
      if (!("blanks" in answer)) return unanswered;
      return gradeFill(question.blanks, answer.blanks, maxScoreX100, rules.fill);
    case "essay":
      if (!("text" in answer)) return unanswered;
      return { scoreX100: 0, outcome: "pending" };
  }
}

function gradeMultiple(options: ReadonlyArray<{ correct: boolean }>, choices: readonly number[], maxX100: number, rule: GradingRules["multiple"]): GradeResult {
  const chosen = new Set(choices);
  const totalCorrect = options.filter((o) => o.correct).length;
  // An index outside the options (only possible in corrupt data) counts as a wrong choice.
  const wrongChosen = [...chosen].some((i) => options[i]?.correct !== true);
  const rightChosen = [...chosen].filter((i) => options[i]?.correct === true).length;
  if (wrongChosen) return { scoreX100: 0, outcome: "wrong" };
  if (rightChosen === totalCorrect) return { scoreX100: maxX100, outcome: "correct" };
  if (rule === "all") return { scoreX100: 0, outcome: "wrong" };
  return { scoreX100: proportionX100(maxX100, rightChosen, totalCorrect), outcome: "partial" };
}

function gradeFill(key: readonly (readonly string[])[], given: readonly string[], maxX100: number, rule: GradingRules["fill"]): GradeResult {
  const blanksRight = key.map((alternatives, i) => blankIsRight(given[i] ?? "", alternatives));
  const right = blanksRight.filter(Boolean).length;
  if (right === key.length) return { scoreX100: maxX100, outcome: "correct", blanksRight };
  if (right === 0 || rule === "all") return { scoreX100: 0, outcome: "wrong", blanksRight };
  return { scoreX100: proportionX100(maxX100, right, key.length), outcome: "partial", blanksRight };
}

export interface AttemptItem {
  question: QuestionContent;
  answer: Answer | null;
  maxScoreX100: number;
}

export interface AttemptGrade {
  /** Sum of the automatically graded scores; pending 简答 add nothing until marked. */
  scoreX100: number;
  maxScoreX100: number;
  /** How many items still wait for a grader. */
  pending: number;
  items: GradeResult[];
}

/** Grades every item of an attempt, in order. */
export function gradeAttempt(items: readonly AttemptItem[], rules: GradingRules): AttemptGrade {
  const results = items.map((item) => gradeAnswer(item.question, item.answer, item.maxScoreX100, rules));
  return {
    scoreX100: results.reduce((sum, r) => sum + r.scoreX100, 0),
    maxScoreX100: items.reduce((sum, item) => sum + item.maxScoreX100, 0),
    pending: results.filter((r) => r.outcome === "pending").length,
    items: results,
  };
}
