// Reads content/ (see content/README.md) into plain, validated objects. Every problem names its
// file, so a content author can fix it.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { checkQuestionSchema } from "~/modules/courses/check-question";
import { bankFileSchema, type BankFile } from "~/modules/questions/bank-file";

const key = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "key must be lower-case letters, digits and dashes");

const courseFront = z.object({
  key,
  title: z.string().min(2).max(200),
  category: z.string().min(1).max(32),
  summary: z.string().max(1000).default(""),
  tiers: z.array(z.string()).default([]),
});

const lessonFront = z.object({
  key,
  title: z.string().min(2).max(200),
  minutes: z.number().int().min(1).max(600),
  check: checkQuestionSchema.optional(),
});

const syllabusFile = z.object({
  key,
  year: z.number().int().min(2000).max(2100),
  title: z.string().min(2).max(200),
  description: z.string().max(2000).default(""),
  tiers: z
    .array(
      z.object({
        tier: z.string().min(1),
        requiredHours: z.number().min(0).max(1000),
        required: z.array(key).default([]),
        elective: z.array(key).default([]),
      }),
    )
    .min(1),
});

export type CourseSource = z.infer<typeof courseFront> & { lessons: LessonSource[] };
export type LessonSource = z.infer<typeof lessonFront> & { markdown: string; file: string };
export type SyllabusSource = z.infer<typeof syllabusFile> & { file: string };

export class ContentError extends Error {}

function splitFrontMatter(text: string, file: string): { front: unknown; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new ContentError(`${file}: missing front matter (--- … ---)`);
  try {
    return { front: parseYaml(match[1]), body: match[2] };
  } catch (error) {
    throw new ContentError(`${file}: front matter is not valid YAML: ${(error as Error).message}`);
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ContentError(`${file}: ${issues}`);
  }
  return result.data;
}

export function readCourse(dir: string): CourseSource {
  const courseFile = path.join(dir, "course.md");
  const { front } = splitFrontMatter(fs.readFileSync(courseFile, "utf8"), courseFile);
  const course = validate(courseFront, front, courseFile);
  const lessonFiles = fs
    .readdirSync(dir)
    .filter((name) => /^\d+-.+\.md$/.test(name))
    .sort();
  const lessons = lessonFiles.map((name) => {
    const file = path.join(dir, name);
    const { front: lessonMeta, body } = splitFrontMatter(fs.readFileSync(file, "utf8"), file);
    return { ...validate(lessonFront, lessonMeta, file), markdown: body.trim(), file };
  });
  const keys = new Set<string>();
  for (const lesson of lessons) {
    if (keys.has(lesson.key)) throw new ContentError(`${lesson.file}: duplicate lesson key ${lesson.key}`);
    keys.add(lesson.key);
  }
  return { ...course, lessons };
}

/** content/questions/<key>.yaml: the starter question banks; the file name must be the bank key. */
export function readBanks(root: string): BankFile[] {
  const dir = path.join(root, "questions");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      let data: unknown;
      try {
        data = parseYaml(fs.readFileSync(file, "utf8"));
      } catch (error) {
        throw new ContentError(`${file}: not valid YAML: ${(error as Error).message}`);
      }
      const bank = validate(bankFileSchema, data, file);
      if (`${bank.key}.yaml` !== name) throw new ContentError(`${file}: the file name must be the bank key (${bank.key}.yaml)`);
      return bank;
    });
}

export function readContent(root: string): { courses: CourseSource[]; syllabi: SyllabusSource[]; banks: BankFile[] } {
  const handbooks = path.join(root, "handbooks");
  const courses = fs.existsSync(handbooks)
    ? fs
        .readdirSync(handbooks, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(handbooks, d.name, "course.md")))
        .map((d) => readCourse(path.join(handbooks, d.name)))
        .sort((a, b) => a.key.localeCompare(b.key))
    : [];
  const syllabusDir = path.join(root, "syllabus");
  const syllabi = fs.existsSync(syllabusDir)
    ? fs
        .readdirSync(syllabusDir)
        .filter((name) => name.endsWith(".json"))
        .sort()
        .map((name) => {
          const file = path.join(syllabusDir, name);
          return { ...validate(syllabusFile, JSON.parse(fs.readFileSync(file, "utf8")), file), file };
        })
    : [];
  return { courses, syllabi, banks: readBanks(root) };
}
