import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "~/components/form";
import { categoryOptions, createAuthoredCourse } from "~/modules/courses/authoring.server";
import { CourseFields } from "~/modules/courses/course-fields";
import { courseFormSchema, courseFormValues, type CourseFormValues } from "~/modules/courses/course-schema";
import { CourseInputError } from "~/modules/courses/errors";
import { issuesByField } from "~/modules/people/form-data";
import { listTiers } from "~/modules/people/options.server";
import coursesStyles from "~/styles/courses.css";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }];

export const meta: MetaFunction = () => [{ title: "新建课程 · 课程" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:author");
  const [categories, tiers] = await Promise.all([categoryOptions(args.context.db), listTiers(args.context.db)]);
  return { options: { categories, tiers: tiers.map((t) => ({ code: t.code, name: t.name })) } };
}

interface Failure {
  errors: Record<string, string>;
  values: CourseFormValues;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "course:author");
  const values = courseFormValues(await args.request.formData());
  const parsed = courseFormSchema.safeParse(values);
  if (!parsed.success) return data<Failure>({ errors: issuesByField(parsed.error), values }, { status: 400 });
  try {
    const id = await createAuthoredCourse(args.context.db, user.id, parsed.data);
    throw redirect(`/courses/${id}?created=1`);
  } catch (error) {
    if (error instanceof CourseInputError) return data<Failure>({ errors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}

const EMPTY: CourseFormValues = { title: "", summary: "", category: "", newCategoryName: "", newCategoryCode: "", audienceTiers: [] };

export default function NewCourse() {
  const { options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <div className="page-header">
        <h1>新建课程</h1>
        <Link className="btn" to="/courses">
          返回课程列表
        </Link>
      </div>
      {result ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      <Form method="post" className="form card authoring-form">
        <CourseFields values={result?.values ?? EMPTY} errors={result?.errors ?? {}} options={options} />
        <p className="muted">新课程保存为草稿，您是它的负责人；添加课时后即可发布。</p>
        <div>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "保存中…" : "创建课程"}
          </button>
        </div>
      </Form>
    </>
  );
}
