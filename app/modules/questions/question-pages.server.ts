// What the question pages (new, question, edit, import) share: the bank guard every loader and
// action starts with, the form's choices (knowledge points, tiers), the duplicate lookup shown as
// a warning, and a version's content as the page displays it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Db } from "#db/client";
import { listTiers } from "~/modules/people/options.server";
import { plainText, renderRichText } from "~/modules/richtext/render";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { canEditBank } from "./access";
import { bankForViewer } from "./banks.server";
import { answerSummary, duplicateKey, type QuestionContent } from "./content";
import { listPoints } from "./knowledge-points.server";
import { QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS, difficultyLabel } from "./labels";
import { getQuestion } from "./read.server";
import { findDuplicates } from "./search.server";
import { allowedTierCodes, OPTION_LETTERS, questionPath } from "./question-form-schema";

/**
 * The signed-in author and the bank of the URL, or a 404 when they may not see it. With
 * `edit: true` (pages that only exist to change the bank) a reader gets the same 404.
 */
export async function bankForPage(args: Pick<LoaderFunctionArgs, "request" | "context" | "params">, options: { edit?: boolean } = {}) {
  const user = requireUser(args);
  requirePermission(user, "bank:author");
  const { id } = getParams(args.params, idParam);
  const bank = await bankForViewer(args.context.db, user, id);
  if (!bank) notFound();
  const canEdit = canEditBank(bank.access);
  if (options.edit && !canEdit) notFound();
  return { user, bank, canEdit };
}

/** The form's knowledge points and tiers; `currentTiers` keeps a since-deactivated tier the question has. */
export async function formChoices(db: Db, bankId: number, currentTiers: readonly string[] = []) {
  const [points, tiers] = await Promise.all([listPoints(db, bankId), listTiers(db, { includeInactive: true })]);
  const codes = allowedTierCodes(tiers, currentTiers);
  return {
    points: points.map((p) => ({ path: p.path, name: p.name, depth: p.depth })),
    tiers: tiers.filter((t) => codes.includes(t.code)).map((t) => ({ code: t.code, name: t.name })),
    tierCodes: codes,
  };
}

export interface DuplicateView {
  id: number;
  status: string;
  excerpt: string;
  href: string;
}

/** Questions of the bank that `content` duplicates (same type, stem and options once normalised). */
export async function duplicatesOf(db: Db, bankId: number, content: QuestionContent, excludeId?: number): Promise<DuplicateView[]> {
  const hash = duplicateKey(content);
  const found = (await findDuplicates(db, bankId, [hash], excludeId)).get(hash) ?? [];
  const views: DuplicateView[] = [];
  for (const { id, status } of found.slice(0, 5)) {
    const question = await getQuestion(db, bankId, id);
    views.push({ id, status: QUESTION_STATUS_LABELS[status], excerpt: question ? plainText(question.content.stem, 80) : "", href: questionPath(bankId, id) });
  }
  return views;
}

/** Tier code → name, for showing a question's 适用层级. */
export async function tierNames(db: Db): Promise<Record<string, string>> {
  const tiers = await listTiers(db, { includeInactive: true });
  return Object.fromEntries(tiers.map((t) => [t.code, t.name]));
}

/** One version's content as the question page shows it: what a trainee sees, then the key. */
export function contentView(content: QuestionContent, tiers: Record<string, string>) {
  const options =
    content.type === "single" || content.type === "multiple"
      ? content.options.map((o, i) => ({ letter: OPTION_LETTERS[i] ?? String(i + 1), text: o.text, correct: o.correct, weight: o.weight ?? null, feedback: o.feedback ?? null }))
      : content.type === "truefalse"
        ? [
            { letter: "√", text: "正确", correct: content.answer, weight: null, feedback: content.trueFeedback ?? null },
            { letter: "×", text: "错误", correct: !content.answer, weight: null, feedback: content.falseFeedback ?? null },
          ]
        : [];
  return {
    type: content.type,
    typeLabel: QUESTION_TYPE_LABELS[content.type],
    title: content.title ?? null,
    stemHtml: renderRichText(content.stem),
    options,
    answer: answerSummary(content) || "（未填写参考答案）",
    blanks: content.type === "fill" ? content.blanks.map((alternatives) => alternatives.join(" 或 ")) : [],
    referenceAnswer: content.type === "essay" ? (content.referenceAnswer ?? null) : null,
    rubric: content.type === "essay" ? (content.rubric ?? null) : null,
    explanationHtml: content.explanation ? renderRichText(content.explanation) : null,
    difficulty: difficultyLabel(content.difficulty),
    knowledgePoint: content.knowledgePoint ?? null,
    tiers: content.tiers.length > 0 ? content.tiers.map((t) => tiers[t] ?? t).join("、") : "所有层级",
    source: content.source ?? null,
  };
}

export type ContentView = ReturnType<typeof contentView>;
