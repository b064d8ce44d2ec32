// Classical item analysis over closed attempts, so authors can find questions that are too easy,
// too hard or that strong takers miss more often than weak ones (often a wrong key). Pure.
import type { QuestionType } from "~/modules/questions/model";
import { isAnswered, type Answer } from "./answers";

export interface AnalysisQuestion {
  questionId: number;
  type: QuestionType;
  /** Options of a choice question (the frozen version's), 0 for other types. */
  optionCount: number;
}

export interface AnalysisItem {
  questionId: number;
  /** null while a 简答 waits for a grader: such items are left out until marked. */
  scoreX100: number | null;
  maxScoreX100: number;
  answer: Answer | null;
}

export interface AnalysisAttempt {
  /** The attempt's total, which ranks takers for the discrimination index. */
  totalScoreX100: number;
  items: readonly AnalysisItem[];
}

export type ItemFlagCode = "too_easy" | "too_hard" | "negative_discrimination" | "low_discrimination";

export const ITEM_FLAG_LABELS: Record<ItemFlagCode, string> = {
  too_easy: "过易（难度系数高于 0.9）",
  too_hard: "过难（难度系数低于 0.2）",
  negative_discrimination: "区分度为负（高分组反而答得差，请检查答案）",
  low_discrimination: "区分度低（低于 0.2）",
};

export interface OptionFrequency {
  /** Original option index of the version. */
  index: number;
  count: number;
  /** count / takers, 0…1. */
  share: number;
}

export interface ItemStats {
  questionId: number;
  /** Attempts that contained the question with a final score. */
  takers: number;
  /** Facility (难度系数 P): mean score / max, 0…1 (4 decimals); null without takers. */
  facility: number | null;
  /** Upper 27 % minus lower 27 % facility, −1…1 (4 decimals); null with fewer than 10 takers. */
  discrimination: number | null;
  /** Choice questions only: how often each option was chosen; null for other types. */
  options: OptionFrequency[] | null;
  /** Takers who left the question blank. */
  unanswered: number;
  flags: Array<{ code: ItemFlagCode; label: string }>;
}

export const MIN_TAKERS_FOR_DISCRIMINATION = 10;
const GROUP_SHARE = 0.27;

/** Rounded to 4 decimals; flags compare the rounded value, so 0.7 − 0.5 is 0.2 and not 0.1999…. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

interface Taking {
  total: number;
  item: AnalysisItem;
}

function facilityOf(takings: readonly Taking[]): number | null {
  const max = takings.reduce((sum, t) => sum + t.item.maxScoreX100, 0);
  if (max <= 0) return null;
  return takings.reduce((sum, t) => sum + (t.item.scoreX100 ?? 0), 0) / max;
}

/**
 * Kelley's upper–lower index: takers ranked by total score (ties keep input order, so pass
 * attempts in a stable order, e.g. by id), groups of round(27 % of takers).
 */
function discriminationOf(takings: readonly Taking[]): number | null {
  if (takings.length < MIN_TAKERS_FOR_DISCRIMINATION) return null;
  const ranked = [...takings].sort((a, b) => b.total - a.total);
  const size = Math.max(1, Math.round(ranked.length * GROUP_SHARE));
  const upper = facilityOf(ranked.slice(0, size));
  const lower = facilityOf(ranked.slice(-size));
  return upper === null || lower === null ? null : round4(upper - lower);
}

function optionFrequencies(optionCount: number, takings: readonly Taking[]): OptionFrequency[] {
  const counts = new Array<number>(optionCount).fill(0);
  for (const { item } of takings) {
    const answer = item.answer;
    const chosen = !answer ? [] : "choice" in answer ? [answer.choice] : "choices" in answer ? answer.choices : [];
    for (const i of new Set(chosen)) if (i >= 0 && i < optionCount) counts[i]++;
  }
  return counts.map((count, index) => ({ index, count, share: takings.length === 0 ? 0 : round4(count / takings.length) }));
}

function flagsOf(facility: number | null, discrimination: number | null): ItemStats["flags"] {
  const codes: ItemFlagCode[] = [];
  if (facility !== null && facility > 0.9) codes.push("too_easy");
  if (facility !== null && facility < 0.2) codes.push("too_hard");
  if (discrimination !== null && discrimination < 0) codes.push("negative_discrimination");
  if (discrimination !== null && discrimination >= 0 && discrimination < 0.2) codes.push("low_discrimination");
  return codes.map((code) => ({ code, label: ITEM_FLAG_LABELS[code] }));
}

/** Statistics per question, in the order of `questions`. */
export function analyzeItems(questions: readonly AnalysisQuestion[], attempts: readonly AnalysisAttempt[]): ItemStats[] {
  const byQuestion = new Map<number, Taking[]>(questions.map((q) => [q.questionId, []]));
  for (const attempt of attempts) {
    for (const item of attempt.items) {
      if (item.scoreX100 === null) continue;
      byQuestion.get(item.questionId)?.push({ total: attempt.totalScoreX100, item });
    }
  }
  return questions.map((q) => {
    const takings = byQuestion.get(q.questionId) ?? [];
    const raw = facilityOf(takings);
    const facility = raw === null ? null : round4(raw);
    const discrimination = discriminationOf(takings);
    const choice = q.type === "single" || q.type === "multiple";
    return {
      questionId: q.questionId,
      takers: takings.length,
      facility,
      discrimination,
      options: choice ? optionFrequencies(q.optionCount, takings) : null,
      unanswered: takings.filter((t) => !isAnswered(t.item.answer)).length,
      flags: flagsOf(facility, discrimination),
    };
  });
}
