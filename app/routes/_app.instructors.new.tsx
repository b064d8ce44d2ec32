import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "~/components/form";
import { InstructorInputError } from "~/modules/instructors/errors";
import { InstructorFields } from "~/modules/instructors/instructor-fields";
import { createInstructor } from "~/modules/instructors/instructors.server";
import { instructorFormOptions } from "~/modules/instructors/options.server";
import { instructorFormSchema, instructorFormValues, type InstructorFormValues } from "~/modules/instructors/schemas";
import { issuesByField } from "~/modules/people/form-data";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "新增教员 · 师资库" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "instructor:manage");
  return { options: await instructorFormOptions(args.context.db) };
}

interface Failure {
  errors: Record<string, string>;
  values: InstructorFormValues;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "instructor:manage");
  const values = instructorFormValues(await args.request.formData());
  const parsed = instructorFormSchema.safeParse(values);
  if (!parsed.success) return data<Failure>({ errors: issuesByField(parsed.error), values }, { status: 400 });
  try {
    const id = await createInstructor(args.context.db, parsed.data);
    throw redirect(`/instructors/${id}?created=1`);
  } catch (error) {
    if (error instanceof InstructorInputError) return data<Failure>({ errors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}

export default function NewInstructor() {
  const { options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <div className="page-header">
        <h1>新增教员</h1>
        <Link className="btn" to="/instructors">
          返回师资库
        </Link>
      </div>
      {result ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      <Form method="post" className="form card" style={{ maxWidth: "880px" }}>
        <InstructorFields values={result?.values ?? { kind: "internal" }} errors={result?.errors ?? {}} options={options} />
        <div>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "保存中…" : "加入师资库"}
          </button>
        </div>
      </Form>
    </>
  );
}
