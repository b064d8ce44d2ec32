// Sets up a published exam for the demo grid worker directly through the exams module, as an
// instructor would through the authoring pages: a fixed paper of starter-bank questions (one of
// each objective type), opened now for an hour, for the trainee's tier.
import type { Db } from "#db/client";
import { createExam, setAudience, setExamStatus } from "~/modules/exams/exams.server";
import { createPaper, setPaperQuestions } from "~/modules/exams/papers.server";
import { parseStoredContent } from "~/modules/questions/content";
import { plainText } from "~/modules/richtext/render";

export async function personId(db: Db, employeeNo: string) {
  return (await db.selectFrom("persons").select(["id", "tier"]).where("employee_no", "=", employeeNo).executeTakeFirstOrThrow());
}

export async function examForTrainee(db: Db, title: string, types = ["single", "multiple", "truefalse", "fill"]) {
  const author = await personId(db, "instructor");
  const trainee = await personId(db, "trainee");
  const questionIds: number[] = [];
  for (const type of types) {
    const q = await db.selectFrom("questions").select("id").where("type", "=", type).where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    questionIds.push(q.id);
  }
  const paperId = await createPaper(db, author.id, { title: `${title}试卷`, description: "", mode: "fixed", multipleScoring: "partial", fillScoring: "per_blank" });
  await setPaperQuestions(db, paperId, questionIds.map((questionId) => ({ questionId, scoreX100: 2500 })));
  const now = Date.now();
  const examId = await createExam(db, author.id, {
    title,
    description: "手机作答测试",
    kind: "final",
    certificateType: null,
    certificateValidMonths: null,
    courseId: null,
    requiredCourseId: null,
    paperId,
    opensAt: now - 60_000,
    closesAt: now + 3600_000,
    durationMinutes: 30,
    maxAttempts: 3,
    counting: "highest",
    passX100: 6000,
    shuffleQuestions: true,
    shuffleOptions: true,
    scoreVisibility: "after_submit",
    reviewVisibility: "after_submit",
  });
  await setAudience(db, examId, { tiers: [trainee.tier], unitIds: [], personIds: [] });
  await setExamStatus(db, examId, "published");
  return { examId, questionIds };
}

/** What must never reach the browser while the attempt is open: 解析 texts and fill-in keys. */
export async function secretsOf(db: Db, attemptId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("attempt_items as i")
    .innerJoin("question_versions as v", "v.id", "i.question_version_id")
    .select("v.content")
    .where("i.attempt_id", "=", attemptId)
    .execute();
  const secrets: string[] = [];
  for (const row of rows) {
    const content = parseStoredContent(row.content);
    if (content.explanation) secrets.push(plainText(content.explanation).slice(0, 24));
    if (content.type === "fill") secrets.push(...content.blanks.flat().filter((b) => b.length >= 2 && !plainText(content.stem).includes(b)));
  }
  return secrets.filter((s) => s.trim().length >= 2);
}
