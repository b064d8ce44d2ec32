// The demo exams: a drawn 执法证 certificate exam for staff, chiefs and cadres, the flood course's
// closing exam for grid workers and a hazard-inspection practice everyone may take three times, all
// drawn from the starter banks. Idempotent by exam title; runs after the content import.
import { createExam, setAudience, setExamStatus, type ExamFields } from "~/modules/exams/exams.server";
import { createPaper, setPaperRules, type RuleInput } from "~/modules/exams/papers.server";
import type { Db } from "../client";

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface DemoExam {
  bankKey: string;
  paperTitle: string;
  /** [type, count, points each]; every paper adds up to 100 points. */
  rules: Array<[RuleInput["type"], number, number]>;
  exam: Omit<ExamFields, "paperId" | "opensAt" | "closesAt" | "courseId"> & { courseKey?: string };
  tiers: string[];
}

const DEMO_EXAMS: DemoExam[] = [
  {
    bankKey: "law-enforcement-cert",
    paperTitle: "行政执法证考试（随机抽题卷）",
    rules: [
      ["single", 30, 2],
      ["truefalse", 10, 1.5],
      ["multiple", 5, 3],
      ["fill", 5, 2],
    ],
    exam: {
      title: "2026年度行政执法证考试",
      description: "闭卷，60 分钟，满分 100 分，60 分及格。通过者取得行政执法证（有效期 3 年）。",
      kind: "certificate",
      certificateType: "enforcement",
      certificateValidMonths: 36,
      requiredCourseId: null,
      durationMinutes: 60,
      maxAttempts: 2,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: true,
      shuffleOptions: true,
      scoreVisibility: "after_submit",
      reviewVisibility: "after_close",
    },
    tiers: ["staff", "chief", "cadre"],
  },
  {
    bankKey: "flood-typhoon",
    paperTitle: "防汛防台培训结业卷",
    rules: [
      ["single", 10, 5],
      ["truefalse", 5, 4],
      ["multiple", 5, 6],
    ],
    exam: {
      title: "防汛防台培训结业考试",
      description: "学完《防汛防台工作手册》后参加，30 分钟，60 分及格，交卷后可查看答案与解析。",
      kind: "final",
      certificateType: null,
      certificateValidMonths: null,
      courseKey: "flood-typhoon",
      requiredCourseId: null,
      durationMinutes: 30,
      maxAttempts: 2,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: true,
      shuffleOptions: true,
      scoreVisibility: "after_submit",
      reviewVisibility: "after_submit",
    },
    tiers: ["grid"],
  },
  {
    bankKey: "hazard-inspection",
    paperTitle: "隐患排查练习卷",
    rules: [
      ["single", 10, 5],
      ["truefalse", 5, 4],
      ["multiple", 5, 6],
    ],
    exam: {
      title: "隐患排查练习",
      description: "练习用，可做 3 次，取最高分；交卷后即可查看答案与解析。",
      kind: "practice",
      certificateType: null,
      certificateValidMonths: null,
      requiredCourseId: null,
      durationMinutes: 30,
      maxAttempts: 3,
      counting: "highest",
      passX100: 6000,
      shuffleQuestions: true,
      shuffleOptions: true,
      scoreVisibility: "after_submit",
      reviewVisibility: "after_submit",
    },
    tiers: ["grid", "staff", "chief", "cadre"],
  },
];

/** Creates the demo exams that do not exist yet; returns how many were created. */
export async function seedDemoExams(db: Db, now = Date.now()): Promise<number> {
  const author = await db.selectFrom("persons").select("id").where("employee_no", "=", "instructor").executeTakeFirst();
  const opensAt = Math.floor(now / HOUR) * HOUR;
  let created = 0;
  for (const demo of DEMO_EXAMS) {
    const exists = await db.selectFrom("exams").select("id").where("title", "=", demo.exam.title).executeTakeFirst();
    if (exists) continue;
    const bank = await db.selectFrom("question_banks").select("id").where("bank_key", "=", demo.bankKey).executeTakeFirst();
    if (!bank) continue; // content not imported: nothing to draw from
    const course = demo.exam.courseKey ? await db.selectFrom("courses").select("id").where("content_key", "=", demo.exam.courseKey).executeTakeFirst() : undefined;
    if (demo.exam.courseKey && !course) continue;
    const paperId = await createPaper(db, author?.id ?? null, { title: demo.paperTitle, description: "演示数据", mode: "drawn", multipleScoring: "partial", fillScoring: "per_blank" }, now);
    await setPaperRules(
      db,
      paperId,
      demo.rules.map(([type, count, points]) => ({ bankId: bank.id, knowledgePointId: null, tag: null, type, difficulty: null, count, scoreX100: Math.round(points * 100) })),
      now,
    );
    const { courseKey: _key, ...fields } = demo.exam;
    const examId = await createExam(db, author?.id ?? null, { ...fields, courseId: course?.id ?? null, paperId, opensAt, closesAt: opensAt + 60 * DAY }, now);
    await setAudience(db, examId, { tiers: demo.tiers, unitIds: [], personIds: [] });
    await setExamStatus(db, examId, "published", now);
    created++;
  }
  return created;
}
