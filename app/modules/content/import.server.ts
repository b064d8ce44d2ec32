// Imports content/ into the database by stable keys, idempotently. Content an instructor has
// edited in the app (its current hash differs from the hash the importer last wrote) is reported
// and never overwritten.
import type { Db } from "#db/client";
import { contentHash } from "~/modules/courses/content-hash";
import { courseFieldsOf, createCourse, ensureBuiltinCategories, getCourseByKey, updateCourse } from "~/modules/courses/courses.server";
import { createLesson, lessonsOfCourse, saveLesson, type LessonContent } from "~/modules/courses/lessons.server";
import { parseCheckQuestion } from "~/modules/courses/check-question";
import { markdownToDoc } from "~/modules/richtext/markdown";
import { createSyllabus, openDraft, publishVersion, setTierCourse, setTierRequirement, setVersionDescription, versionsOf } from "~/modules/syllabus/syllabus.server";
import type { BankFile } from "~/modules/questions/bank-file";
import { importBankFile } from "~/modules/questions/content-banks.server";
import type { CourseSource, LessonSource, SyllabusSource } from "./sources.server";

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: number;
  /** Items edited in the app whose file also changed: left as they are. */
  keptEdited: string[];
}

function lessonContentOf(source: LessonSource): LessonContent {
  return {
    title: source.title,
    minutes: source.minutes,
    body: JSON.stringify(markdownToDoc(source.markdown)),
    checkQuestion: source.check ?? null,
  };
}

function hashLesson(content: LessonContent): string {
  return contentHash({ ...content, body: JSON.parse(content.body) });
}

function hashStoredLesson(row: { title: string; minutes: number; body: string; check_question: string | null }): string {
  return hashLesson({ title: row.title, minutes: row.minutes, body: row.body, checkQuestion: parseCheckQuestion(row.check_question) });
}

async function importCourse(db: Db, source: CourseSource, report: ImportReport, now: number): Promise<number> {
  const fields = { title: source.title, summary: source.summary, category: source.category, audienceTiers: source.tiers };
  const fileHash = contentHash(fields);
  const label = `课程「${source.title}」`;
  let course = await getCourseByKey(db, source.key);
  if (!course) {
    await createCourse(db, { ...fields, contentKey: source.key, contentHash: fileHash, status: "published", createdBy: null }, now);
    report.created.push(label);
    course = (await getCourseByKey(db, source.key))!;
  } else {
    const storedHash = contentHash(courseFieldsOf(course));
    if (storedHash === fileHash) report.unchanged++;
    else if (storedHash !== course.content_hash) report.keptEdited.push(label);
    else {
      await updateCourse(db, course.id, { ...fields, contentHash: fileHash }, now);
      report.updated.push(label);
    }
  }
  const existing = new Map((await lessonsOfCourse(db, course.id, { includeArchived: true })).map((l) => [l.content_key, l]));
  for (const lessonSource of source.lessons) {
    const content = lessonContentOf(lessonSource);
    const fileLessonHash = hashLesson(content);
    const lessonLabel = `${label} · 课时「${lessonSource.title}」`;
    const row = existing.get(lessonSource.key);
    if (!row) {
      await createLesson(db, { ...content, courseId: course.id, contentKey: lessonSource.key, contentHash: fileLessonHash, authorId: null, note: "内容导入" }, now);
      report.created.push(lessonLabel);
      continue;
    }
    const storedHash = hashStoredLesson(row);
    if (storedHash === fileLessonHash) report.unchanged++;
    else if (storedHash !== row.content_hash) report.keptEdited.push(lessonLabel);
    else {
      await saveLesson(db, row.id, content, { authorId: null, note: "内容导入更新", contentHash: fileLessonHash }, now);
      report.updated.push(lessonLabel);
    }
  }
  return course.id;
}

async function importSyllabus(db: Db, source: SyllabusSource, courseIds: Map<string, number>, report: ImportReport, now: number): Promise<void> {
  const { file: _file, ...definition } = source;
  const fileHash = contentHash(definition);
  const label = `培训大纲「${source.title}」`;
  let syllabus = await db.selectFrom("syllabi").selectAll().where("content_key", "=", source.key).executeTakeFirst();
  if (!syllabus) {
    // One syllabus a year: one created in the app for this year stands.
    const sameYear = await db.selectFrom("syllabi").select("id").where("year", "=", source.year).executeTakeFirst();
    if (sameYear) {
      report.keptEdited.push(label);
      return;
    }
    await createSyllabus(db, { year: source.year, title: source.title, contentKey: source.key }, now);
    syllabus = (await db.selectFrom("syllabi").selectAll().where("content_key", "=", source.key).executeTakeFirst())!;
  }
  const versions = await versionsOf(db, syllabus.id);
  const newest = versions[0];
  if (newest && newest.content_hash === fileHash) {
    report.unchanged++;
    return;
  }
  // A version published from the app (no import hash) or an open draft belongs to the people
  // running the syllabus: report instead of publishing over it.
  if (newest && (newest.status === "draft" || newest.content_hash === null)) {
    report.keptEdited.push(label);
    return;
  }
  const knownTiers = new Set((await db.selectFrom("training_tiers").select("code").execute()).map((t) => t.code));
  const unknown = source.tiers.map((t) => t.tier).filter((t) => !knownTiers.has(t));
  if (unknown.length > 0) throw new Error(`${source.file}: unknown training tier(s) ${unknown.join(", ")}`);
  const versionId = await openDraft(db, syllabus.id, null, now);
  await setVersionDescription(db, versionId, source.description);
  for (const tier of source.tiers) {
    await setTierRequirement(db, versionId, tier.tier, Math.round(tier.requiredHours * 100));
    const entries: Array<[string, "required" | "elective"]> = [
      ...tier.required.map((k) => [k, "required"] as [string, "required"]),
      ...tier.elective.map((k) => [k, "elective"] as [string, "elective"]),
    ];
    for (const [position, [key, kind]] of entries.entries()) {
      const courseId = courseIds.get(key);
      if (!courseId) throw new Error(`${source.file}: unknown course key ${key}`);
      await setTierCourse(db, versionId, tier.tier, courseId, kind, position);
    }
  }
  await publishVersion(db, versionId, null, now, fileHash);
  (newest ? report.updated : report.created).push(label);
}

export async function importContent(
  db: Db,
  content: { courses: CourseSource[]; syllabi: SyllabusSource[]; banks?: BankFile[] },
  now = Date.now(),
): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: 0, keptEdited: [] };
  await ensureBuiltinCategories(db);
  const courseIds = new Map<string, number>();
  for (const course of content.courses) courseIds.set(course.key, await importCourse(db, course, report, now));
  // Courses imported earlier but not in this run still count for the syllabus.
  for (const row of await db.selectFrom("courses").select(["id", "content_key"]).where("content_key", "is not", null).execute()) {
    if (!courseIds.has(row.content_key!)) courseIds.set(row.content_key!, row.id);
  }
  for (const syllabus of content.syllabi) await importSyllabus(db, syllabus, courseIds, report, now);
  for (const bank of content.banks ?? []) await importBankFile(db, bank, report, now);
  return report;
}
