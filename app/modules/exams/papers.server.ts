// Papers (试卷): fixed (hand-picked questions, a score each) or drawn (rules per bank / knowledge
// point / tag × type × difficulty, N questions at a score each), and the preview that checks the
// pool can fill every rule.
import type { Db } from "#db/client";
import { insertedId } from "#db/sql-helpers";
import { drawRules, candidatePool, fixedItems } from "./paper-pool.server";
import { describeRule, poolCounts } from "./drawing";

export interface PaperFields {
  title: string;
  description: string;
  mode: "fixed" | "drawn";
  multipleScoring: "all" | "partial";
  fillScoring: "per_blank" | "all";
}

export interface RuleInput {
  bankId: number;
  knowledgePointId: number | null;
  tag: string | null;
  type: string;
  difficulty: number | null;
  count: number;
  scoreX100: number;
}

export async function createPaper(db: Db, creatorId: number | null, fields: PaperFields, now = Date.now()): Promise<number> {
  return insertedId(
    await db
      .insertInto("papers")
      .values({
        title: fields.title,
        description: fields.description,
        mode: fields.mode,
        multiple_scoring: fields.multipleScoring,
        fill_scoring: fields.fillScoring,
        created_by: creatorId,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow(),
  );
}

export async function updatePaper(db: Db, paperId: number, fields: Omit<PaperFields, "mode">, now = Date.now()) {
  await db
    .updateTable("papers")
    .set({ title: fields.title, description: fields.description, multiple_scoring: fields.multipleScoring, fill_scoring: fields.fillScoring, updated_at: now })
    .where("id", "=", paperId)
    .execute();
}

/** Replaces a fixed paper's questions (in order) with their scores. */
export async function setPaperQuestions(db: Db, paperId: number, items: ReadonlyArray<{ questionId: number; scoreX100: number }>, now = Date.now()) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("paper_questions").where("paper_id", "=", paperId).execute();
    if (items.length > 0) {
      await trx
        .insertInto("paper_questions")
        .values(items.map((item, i) => ({ paper_id: paperId, position: i + 1, question_id: item.questionId, score_x100: item.scoreX100 })))
        .execute();
    }
    await trx.updateTable("papers").set({ updated_at: now }).where("id", "=", paperId).execute();
  });
}

/** Replaces a drawn paper's rules (in order). */
export async function setPaperRules(db: Db, paperId: number, rules: readonly RuleInput[], now = Date.now()) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("paper_rules").where("paper_id", "=", paperId).execute();
    if (rules.length > 0) {
      await trx
        .insertInto("paper_rules")
        .values(
          rules.map((r, i) => ({
            paper_id: paperId,
            position: i + 1,
            bank_id: r.bankId,
            knowledge_point_id: r.knowledgePointId,
            tag: r.tag,
            type: r.type,
            difficulty: r.difficulty,
            question_count: r.count,
            score_x100: r.scoreX100,
          })),
        )
        .execute();
    }
    await trx.updateTable("papers").set({ updated_at: now }).where("id", "=", paperId).execute();
  });
}

export interface PaperPreview {
  totalX100: number;
  questionCount: number;
  /** Chinese problems that stop the paper from being drawn; empty when every rule can be filled. */
  problems: string[];
  rules: Array<{ label: string; needed: number; available: number; scoreX100: number }>;
}

/** Total score and whether every rule can be filled from the published questions now. */
export async function previewPaper(db: Db, paperId: number): Promise<PaperPreview> {
  const paper = await db.selectFrom("papers").select(["mode"]).where("id", "=", paperId).executeTakeFirstOrThrow();
  if (paper.mode === "fixed") {
    const items = await fixedItems(db, paperId);
    const retired = items.filter((i) => i.status === "retired");
    const live = items.filter((i) => i.status !== "retired");
    return {
      totalX100: live.reduce((s, i) => s + i.score_x100, 0),
      questionCount: live.length,
      problems: [
        ...(items.length === 0 ? ["试卷还没有试题"] : []),
        ...retired.map((i) => `第 ${i.position} 题（#${i.question_id}）已停用，考试时将跳过`),
      ],
      rules: [],
    };
  }
  const rules = await drawRules(db, paperId);
  const pool = await candidatePool(db, [...new Set(rules.flatMap((r) => r.bankIds))]);
  const counts = poolCounts(rules, pool);
  return {
    totalX100: rules.reduce((s, r) => s + r.count * r.scoreX100, 0),
    questionCount: rules.reduce((s, r) => s + r.count, 0),
    problems: [...(rules.length === 0 ? ["试卷还没有组卷规则"] : []), ...counts.shortages.map((s) => s.message)],
    rules: rules.map((r, i) => ({ label: describeRule(r), needed: r.count, available: counts.rules[i]?.available ?? 0, scoreX100: r.scoreX100 })),
  };
}
