import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "~/components/form";
import { AuthoringInputError, createAuthoredExam, examChoices } from "~/modules/exams/authoring.server";
import { ExamFields } from "~/modules/exams/exam-fields";
import { examFormSchema, examFormValues, toLocalDateTime, type ExamFormValues } from "~/modules/exams/exam-schema";
import { issuesByField } from "~/modules/people/form-data";
import coursesStyles from "~/styles/courses.css";
import examsStyles from "~/styles/exams-admin.css";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coursesStyles },
  { rel: "stylesheet", href: examsStyles },
];

export const meta: MetaFunction = () => [{ title: "新建考试 · 考试管理" }];

const HOUR = 3_600_000;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  const options = await examChoices(args.context.db);
  // The next whole hour, open for 30 days: a sensible start the author adjusts.
  const opens = Math.ceil(Date.now() / HOUR) * HOUR;
  const defaults: ExamFormValues = {
    title: "",
    description: "",
    kind: "practice",
    certificateType: "",
    certificateValidMonths: "36",
    courseId: "",
    requiredCourseId: "",
    paperId: "",
    opensAt: toLocalDateTime(opens),
    closesAt: toLocalDateTime(opens + 30 * 24 * HOUR),
    durationMinutes: "60",
    maxAttempts: "1",
    counting: "highest",
    pass: "60",
    shuffleQuestions: "1",
    shuffleOptions: "1",
    scoreVisibility: "after_submit",
    reviewVisibility: "after_close",
  };
  return { options, defaults };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  const values = examFormValues(await args.request.formData());
  const parsed = examFormSchema.safeParse(values);
  if (!parsed.success) return data({ errors: issuesByField(parsed.error), values }, { status: 400 });
  try {
    const id = await createAuthoredExam(args.context.db, user.id, parsed.data);
    throw redirect(`/exams/${id}?created=1`);
  } catch (error) {
    if (error instanceof AuthoringInputError) return data({ errors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}

export default function NewExam() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <div className="page-header">
        <h1>新建考试</h1>
        <Link className="btn" to="/exams">
          返回考试列表
        </Link>
      </div>
      {result ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      {options.papers.length === 0 ? (
        <FormMessage tone="info">
          还没有试卷，请先<Link to="/papers/new">新建试卷</Link>。
        </FormMessage>
      ) : null}
      <Form method="post" className="form card" noValidate>
        <ExamFields values={result?.values ?? defaults} errors={result?.errors ?? {}} options={options} />
        <p className="muted">新考试保存为草稿；设置考生范围后发布，考生即可在时间窗内参加。</p>
        <div>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "保存中…" : "创建考试"}
          </button>
        </div>
      </Form>
    </>
  );
}
