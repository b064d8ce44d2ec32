// Administration of the yearly syllabus (培训大纲管理): one syllabus per year, its versions, and
// the edits of a draft. Every edit names the syllabus it belongs to and goes through the
// versioning functions of syllabus.server.ts, which refuse to touch a published version.
import type { Db } from "#db/client";
import type { SyllabusItemKind, SyllabusVersionStatus } from "#db/schema";
import { listCategories } from "~/modules/courses/courses.server";
import {
  createSyllabus,
  openDraft,
  publishVersion,
  setTierCourse,
  setTierRequirement,
  setVersionDescription,
  SyllabusLockedError,
  tierPlan,
  versionInForce,
} from "./syllabus.server";

/** Input the rules refuse, keyed by form field (the year already has a syllabus…). */
export class SyllabusInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join("；"));
    this.name = "SyllabusInputError";
  }
}

/** An operation refused by a rule (publishing an empty draft…): one form message. */
export class SyllabusRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyllabusRuleError";
  }
}

export interface VersionSummary {
  id: number;
  version: number;
  status: SyllabusVersionStatus;
  description: string;
  createdAt: number;
  publishedAt: number | null;
  publishedByName: string | null;
  /** The version trainees of the year are measured against (`versionInForce`). */
  inForce: boolean;
}

export interface SyllabusSummary {
  id: number;
  year: number;
  title: string;
  /** Set for the syllabus imported from content/; the importer never publishes over app edits. */
  contentKey: string | null;
  versions: VersionSummary[];
}

export function getSyllabus(db: Db, id: number) {
  return db.selectFrom("syllabi").selectAll().where("id", "=", id).executeTakeFirst();
}

async function versionSummaries(db: Db, syllabusIds: readonly number[], inForceIds: ReadonlySet<number>): Promise<Map<number, VersionSummary[]>> {
  const out = new Map<number, VersionSummary[]>();
  if (syllabusIds.length === 0) return out;
  const rows = await db
    .selectFrom("syllabus_versions as v")
    .leftJoin("persons as p", "p.id", "v.published_by")
    .select(["v.id", "v.syllabus_id", "v.version", "v.status", "v.description", "v.created_at", "v.published_at", "p.name as published_by_name"])
    .where("v.syllabus_id", "in", [...syllabusIds])
    .orderBy("v.version", "desc")
    .execute();
  for (const r of rows) {
    const list = out.get(r.syllabus_id) ?? [];
    list.push({
      id: r.id,
      version: r.version,
      status: r.status,
      description: r.description,
      createdAt: r.created_at,
      publishedAt: r.published_at,
      publishedByName: r.published_by_name,
      inForce: inForceIds.has(r.id),
    });
    out.set(r.syllabus_id, list);
  }
  return out;
}

/** Every syllabus, newest year first, with its versions (newest first) and which is in force. */
export async function listSyllabi(db: Db): Promise<SyllabusSummary[]> {
  const syllabi = await db.selectFrom("syllabi").selectAll().orderBy("year", "desc").orderBy("id").execute();
  const years = [...new Set(syllabi.map((s) => s.year))];
  const inForce = await Promise.all(years.map((year) => versionInForce(db, year)));
  const inForceIds = new Set(inForce.flatMap((v) => (v ? [v.id] : [])));
  const versions = await versionSummaries(
    db,
    syllabi.map((s) => s.id),
    inForceIds,
  );
  return syllabi.map((s) => ({ id: s.id, year: s.year, title: s.title, contentKey: s.content_key, versions: versions.get(s.id) ?? [] }));
}

/** One syllabus with its versions, or undefined. */
export async function syllabusWithVersions(db: Db, id: number): Promise<SyllabusSummary | undefined> {
  const syllabus = await getSyllabus(db, id);
  if (!syllabus) return undefined;
  const inForce = await versionInForce(db, syllabus.year);
  const versions = await versionSummaries(db, [id], new Set(inForce ? [inForce.id] : []));
  return { id, year: syllabus.year, title: syllabus.title, contentKey: syllabus.content_key, versions: versions.get(id) ?? [] };
}

function yearTaken(year: number, title: string) {
  return new SyllabusInputError({ year: `${year} 年度已有培训大纲「${title}」，每年只能有一份；如需调整，请在该大纲中创建新版本` });
}

/**
 * Creates the syllabus of a year; a year has at most one. The table has no unique key on the
 * year (frozen migration), so the check is repeated after the insert: of two concurrent creators
 * the later row removes itself, and each insert commits before its re-check reads.
 */
export async function createYearSyllabus(db: Db, input: { year: number; title: string }, now = Date.now()): Promise<number> {
  const sameYear = () => db.selectFrom("syllabi").select(["id", "title"]).where("year", "=", input.year).orderBy("id").executeTakeFirst();
  const existing = await sameYear();
  if (existing) throw yearTaken(input.year, existing.title);
  const id = await createSyllabus(db, { year: input.year, title: input.title }, now);
  const first = await sameYear();
  if (first && first.id !== id) {
    await db.deleteFrom("syllabi").where("id", "=", id).execute();
    throw yearTaken(input.year, first.title);
  }
  return id;
}

/** The version `versionId` of syllabus `syllabusId`; a version of another syllabus is a miss. */
export function versionOf(db: Db, syllabusId: number, versionId: number) {
  return db.selectFrom("syllabus_versions").selectAll().where("id", "=", versionId).where("syllabus_id", "=", syllabusId).executeTakeFirst();
}

export function versionByNumber(db: Db, syllabusId: number, version: number) {
  return db.selectFrom("syllabus_versions").selectAll().where("syllabus_id", "=", syllabusId).where("version", "=", version).executeTakeFirst();
}

export interface PlanCourse {
  courseId: number;
  title: string;
  status: string;
}

export interface TierPlanView {
  code: string;
  name: string;
  requiredHoursX100: number;
  required: PlanCourse[];
  elective: PlanCourse[];
}

/** A version's plan for every active tier (and any inactive tier the version still mentions). */
export async function versionPlan(db: Db, versionId: number): Promise<TierPlanView[]> {
  const [tiers, mentioned] = await Promise.all([
    db.selectFrom("training_tiers").select(["code", "name", "active"]).orderBy("sort_order").orderBy("code").execute(),
    db
      .selectFrom("syllabus_tiers")
      .select("tier")
      .where("version_id", "=", versionId)
      .union(db.selectFrom("syllabus_items").select("tier").where("version_id", "=", versionId))
      .execute(),
  ]);
  const used = new Set(mentioned.map((m) => m.tier));
  const shown = tiers.filter((t) => t.active === 1 || used.has(t.code));
  const plans = await Promise.all(shown.map((t) => tierPlan(db, versionId, t.code)));
  return shown.map((t, i) => {
    const plan = plans[i];
    const course = (item: (typeof plan.items)[number]): PlanCourse => ({ courseId: item.course_id, title: item.title, status: item.status });
    return {
      code: t.code,
      name: t.name,
      requiredHoursX100: plan.requiredHoursX100,
      required: plan.items.filter((item) => item.kind === "required").map(course),
      elective: plan.items.filter((item) => item.kind === "elective").map(course),
    };
  });
}

/** Published courses for the "add a course" pickers, with their category names. */
export async function courseChoices(db: Db) {
  const [categories, courses] = await Promise.all([
    listCategories(db),
    db.selectFrom("courses").select(["id", "title", "category"]).where("status", "=", "published").orderBy("id").execute(),
  ]);
  const names = new Map(categories.map((c) => [c.code, c.name]));
  return courses.map((c) => ({ id: c.id, title: c.title, categoryName: names.get(c.category) ?? c.category }));
}

/** The draft a change goes to: it must belong to the syllabus and still be a draft. */
async function requireDraftOf(db: Db, syllabusId: number, versionId: number) {
  const version = await versionOf(db, syllabusId, versionId);
  if (!version) throw new SyllabusRuleError("该大纲没有这个版本，请刷新页面后重试");
  if (version.status !== "draft") throw new SyllabusLockedError();
  return version;
}

async function requireTier(db: Db, tier: string): Promise<void> {
  const row = await db.selectFrom("training_tiers").select("code").where("code", "=", tier).executeTakeFirst();
  if (!row) throw new SyllabusInputError({ tier: "培训层级不存在" });
}

/** The open draft, created from the newest version when there is none (`openDraft`). */
export async function startNewVersion(db: Db, syllabusId: number, authorId: number | null, now = Date.now()): Promise<number> {
  if (!(await getSyllabus(db, syllabusId))) throw new SyllabusRuleError("培训大纲不存在");
  return openDraft(db, syllabusId, authorId, now);
}

export async function editDescription(db: Db, syllabusId: number, versionId: number, description: string): Promise<void> {
  await requireDraftOf(db, syllabusId, versionId);
  await setVersionDescription(db, versionId, description);
}

export async function editTierHours(db: Db, syllabusId: number, versionId: number, tier: string, hoursX100: number): Promise<void> {
  if (!Number.isInteger(hoursX100) || hoursX100 < 0) throw new SyllabusInputError({ hours: "学时须为不小于 0 的数字，最多两位小数" });
  await requireDraftOf(db, syllabusId, versionId);
  await requireTier(db, tier);
  await setTierRequirement(db, versionId, tier, hoursX100);
}

/**
 * Puts a published course in a tier as required or elective, at the end of the tier's list; a
 * course already there switches kind and keeps its place.
 */
export async function addTierCourse(db: Db, syllabusId: number, versionId: number, tier: string, courseId: number, kind: SyllabusItemKind): Promise<void> {
  await requireDraftOf(db, syllabusId, versionId);
  await requireTier(db, tier);
  const course = await db.selectFrom("courses").select("status").where("id", "=", courseId).executeTakeFirst();
  if (!course || course.status !== "published") throw new SyllabusInputError({ courseId: "只能加入已发布的课程" });
  const items = await db.selectFrom("syllabus_items").select(["course_id", "position"]).where("version_id", "=", versionId).where("tier", "=", tier).execute();
  const existing = items.find((i) => i.course_id === courseId);
  const position = existing?.position ?? items.reduce((max, i) => Math.max(max, i.position + 1), 0);
  await setTierCourse(db, versionId, tier, courseId, kind, position);
}

export async function removeTierCourse(db: Db, syllabusId: number, versionId: number, tier: string, courseId: number): Promise<void> {
  await requireDraftOf(db, syllabusId, versionId);
  await setTierCourse(db, versionId, tier, courseId, null);
}

/** Publishes the draft; it is in force from now on and never changes again. */
export async function publishDraft(db: Db, syllabusId: number, versionId: number, publisherId: number | null, now = Date.now()): Promise<void> {
  await requireDraftOf(db, syllabusId, versionId);
  const [tiers, items] = await Promise.all([
    db.selectFrom("syllabus_tiers").select("tier").where("version_id", "=", versionId).limit(1).execute(),
    db.selectFrom("syllabus_items").select("tier").where("version_id", "=", versionId).limit(1).execute(),
  ]);
  if (tiers.length === 0 && items.length === 0) throw new SyllabusRuleError("草稿还没有任何层级的学时或课程要求，不能发布");
  await publishVersion(db, versionId, publisherId, now);
}
