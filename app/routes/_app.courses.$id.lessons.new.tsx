import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "~/components/form";
import { richTextLinks } from "~/components/rich-text/editor-field";
import { courseForAuthor } from "~/modules/courses/authoring.server";
import { LessonForm } from "~/modules/courses/lesson-form";
import { checkQuestionValues, lessonFormValues, parseLessonForm, type LessonFormValues } from "~/modules/courses/lesson-schema";
import { createLesson } from "~/modules/courses/lessons.server";
import type { RichDoc } from "~/modules/richtext/nodes";
import { getHoursRule } from "~/modules/study/settings.server";
import coursesStyles from "~/styles/courses.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }, ...richTextLinks()];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `新增课时 · ${data?.course.title ?? "课程"}` }];

/** Only people who may edit the course may add lessons to it; anyone else gets the same 404. */
async function editableCourse(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:author");
  const { id } = getParams(args.params, idParam);
  const found = await courseForAuthor(args.context.db, user, id);
  if (!found || found.access !== "edit") notFound();
  return { user, course: found.course };
}

export async function loader(args: LoaderFunctionArgs) {
  const { course } = await editableCourse(args);
  return { course: { id: course.id, title: course.title }, rule: await getHoursRule(args.context.db) };
}

interface Failure {
  errors: Record<string, string>;
  values: LessonFormValues;
  doc: RichDoc | null;
}

export async function action(args: ActionFunctionArgs) {
  const { user, course } = await editableCourse(args);
  const values = lessonFormValues(await args.request.formData());
  const parsed = parseLessonForm(values);
  if (!parsed.ok) return data<Failure>({ errors: parsed.errors, values, doc: parsed.doc }, { status: 400 });
  const { lesson } = parsed;
  const id = await createLesson(args.context.db, {
    courseId: course.id,
    title: lesson.title,
    minutes: lesson.minutes,
    body: lesson.body,
    checkQuestion: lesson.checkQuestion,
    authorId: user.id,
    note: lesson.note || undefined,
  });
  throw redirect(`/lessons/${id}/edit?created=1`);
}

const EMPTY: LessonFormValues = { title: "", minutes: "15", body: "", note: "", ...checkQuestionValues(null) };

export default function NewLesson() {
  const { course, rule } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="authoring-crumbs">
        <Link to={`/courses/${course.id}`}>← {course.title}</Link>
      </p>
      <div className="page-header">
        <h1>新增课时</h1>
      </div>
      {result ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      <section className="card">
        <LessonForm
          key={result ? "refill" : "blank"}
          intent="create"
          values={result?.values ?? EMPTY}
          doc={result?.doc ?? null}
          errors={result?.errors ?? {}}
          rule={rule}
          busy={busy}
          submitLabel="创建课时"
        />
        <p className="muted">PDF 附件可在课时创建后的编辑页上传。</p>
      </section>
    </>
  );
}
