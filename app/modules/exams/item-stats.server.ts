// Item statistics from closed attempts: per exam (the report's item analysis, limited to the
// viewer's scope on the attempt's stored unit) or per question across all exams (the bank list).
import type { Db } from "#db/client";
import type { Principal } from "~/modules/auth/permissions";
import { inScope } from "~/modules/auth/scope.server";
import { parseStoredContent } from "~/modules/questions/content";
import type { QuestionType } from "~/modules/questions/model";
import type { Answer } from "./answers";
import { analyzeItems, type AnalysisAttempt, type AnalysisQuestion, type ItemStats } from "./item-analysis";

interface TakenItem {
  attemptId: number;
  totalX100: number;
  questionId: number;
  versionId: number;
  maxX100: number;
  scoreX100: number | null;
  answer: string | null;
}

function parseAnswer(json: string | null): Answer | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Answer | null;
  } catch {
    return null;
  }
}

/** Question shapes from the versions attempts drew; the newest drawn version decides the option count. */
async function questionsOf(db: Db, items: readonly TakenItem[], questionIds: readonly number[]): Promise<AnalysisQuestion[]> {
  const latest = new Map<number, number>();
  for (const i of items) latest.set(i.questionId, Math.max(latest.get(i.questionId) ?? 0, i.versionId));
  const versionIds = [...new Set(latest.values())];
  const versions = versionIds.length === 0 ? [] : await db.selectFrom("question_versions").select(["id", "content"]).where("id", "in", versionIds).execute();
  const contents = new Map(versions.map((v) => [v.id, parseStoredContent(v.content)]));
  const types = questionIds.length === 0 ? [] : await db.selectFrom("questions").select(["id", "type"]).where("id", "in", [...questionIds]).execute();
  const typeOf = new Map(types.map((t) => [t.id, t.type as QuestionType]));
  return questionIds.map((questionId) => {
    const content = contents.get(latest.get(questionId) ?? -1);
    const type = content?.type ?? typeOf.get(questionId) ?? "single";
    const optionCount = content && (content.type === "single" || content.type === "multiple") ? content.options.length : 0;
    return { questionId, type, optionCount };
  });
}

function toAttempts(items: readonly TakenItem[]): AnalysisAttempt[] {
  const byAttempt = new Map<number, AnalysisAttempt & { items: AnalysisAttempt["items"][number][] }>();
  for (const i of items) {
    const attempt = byAttempt.get(i.attemptId) ?? byAttempt.set(i.attemptId, { totalScoreX100: i.totalX100, items: [] }).get(i.attemptId)!;
    attempt.items.push({ questionId: i.questionId, scoreX100: i.scoreX100, maxScoreX100: i.maxX100, answer: parseAnswer(i.answer) });
  }
  return [...byAttempt.values()];
}

function takenItemsQuery(db: Db) {
  return db
    .selectFrom("attempt_items as i")
    .innerJoin("attempts as a", "a.id", "i.attempt_id")
    .leftJoin("attempt_answers as ans", (join) => join.onRef("ans.attempt_id", "=", "i.attempt_id").onRef("ans.position", "=", "i.position"))
    .select(["i.attempt_id", "a.score_x100 as total", "i.question_id", "i.question_version_id", "i.max_x100", "ans.score_x100", "ans.answer"])
    .where("a.status", "=", "closed");
}

const toTaken = (r: { attempt_id: number; total: number | null; question_id: number; question_version_id: number; max_x100: number; score_x100: number | null; answer: string | null }): TakenItem => ({
  attemptId: r.attempt_id,
  totalX100: Number(r.total ?? 0),
  questionId: r.question_id,
  versionId: r.question_version_id,
  maxX100: r.max_x100,
  scoreX100: r.score_x100 === null ? null : Number(r.score_x100),
  answer: r.answer,
});

/**
 * Statistics of the given questions over every closed attempt of every exam (the bank list).
 * Ranking for discrimination uses each attempt's own total, whatever exam it belonged to.
 */
export async function questionStats(db: Db, questionIds: readonly number[]): Promise<Map<number, ItemStats>> {
  if (questionIds.length === 0) return new Map();
  const rows = await takenItemsQuery(db).where("i.question_id", "in", [...questionIds]).orderBy("i.attempt_id").execute();
  const items = rows.map(toTaken);
  const stats = analyzeItems(await questionsOf(db, items, questionIds), toAttempts(items));
  return new Map(stats.map((s) => [s.questionId, s]));
}

export interface ExamItemRow {
  questionId: number;
  bankId: number;
  excerpt: string;
  type: QuestionType;
  stats: ItemStats;
  /** The oldest version number an attempt of this exam (still) holds. */
  drawnVersion: number;
  /** Versions newer than the oldest drawn one: targets for a regrade after a key correction. */
  newerVersions: number[];
}

/** Item analysis of one exam over its closed attempts in the viewer's scope, in paper order of first appearance. */
export async function examItemAnalysis(db: Db, principal: Principal, examId: number): Promise<ExamItemRow[]> {
  const rows = await takenItemsQuery(db)
    .innerJoin("org_units as o", "o.id", "a.org_unit_id")
    .where("a.exam_id", "=", examId)
    .where((eb) => inScope(eb, principal, "report:exam", "o.path"))
    .orderBy("i.attempt_id")
    .orderBy("i.position")
    .execute();
  const items = rows.map(toTaken);
  const questionIds = [...new Set(items.map((i) => i.questionId))];
  if (questionIds.length === 0) return [];
  const stats = analyzeItems(await questionsOf(db, items, questionIds), toAttempts(items));
  const [questions, versions] = await Promise.all([
    db.selectFrom("questions").select(["id", "bank_id", "type", "search_text", "current_version"]).where("id", "in", questionIds).execute(),
    db.selectFrom("question_versions").select(["id", "question_id", "version"]).where("question_id", "in", questionIds).execute(),
  ]);
  const question = new Map(questions.map((q) => [q.id, q]));
  const versionNo = new Map(versions.map((v) => [v.id, v.version]));
  const drawn = new Map<number, number>();
  for (const i of items) drawn.set(i.questionId, Math.min(drawn.get(i.questionId) ?? Infinity, versionNo.get(i.versionId) ?? 0));
  return stats.map((s) => {
    const q = question.get(s.questionId)!;
    const drawnVersion = drawn.get(s.questionId) ?? 0;
    return {
      questionId: s.questionId,
      bankId: q.bank_id,
      excerpt: q.search_text.slice(0, 80),
      type: q.type as QuestionType,
      stats: s,
      drawnVersion,
      newerVersions: versions
        .filter((v) => v.question_id === s.questionId && v.version > drawnVersion)
        .map((v) => v.version)
        .sort((a, b) => b - a),
    };
  });
}
