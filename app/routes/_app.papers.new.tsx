import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "~/components/form";
import { createPaper } from "~/modules/exams/papers.server";
import { FILL_SCORING_LABELS, MULTIPLE_SCORING_LABELS, newPaperSchema, PAPER_MODE_LABELS } from "~/modules/exams/paper-schema";
import { formStrings, issuesByField } from "~/modules/people/form-data";
import coursesStyles from "~/styles/courses.css";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coursesStyles }];

export const meta: MetaFunction = () => [{ title: "新建试卷 · 试卷" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:author");
  const values = formStrings(await args.request.formData());
  const parsed = newPaperSchema.safeParse(values);
  if (!parsed.success) return data({ errors: issuesByField(parsed.error), values }, { status: 400 });
  const id = await createPaper(args.context.db, user.id, parsed.data);
  throw redirect(`/papers/${id}?created=1`);
}

export default function NewPaper() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values: Record<string, string> = result?.values ?? {};
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <h1>新建试卷</h1>
        <Link className="btn" to="/papers">
          返回试卷列表
        </Link>
      </div>
      {result ? <FormMessage tone="error">请按提示修改后再提交。</FormMessage> : null}
      <Form method="post" className="form card authoring-form" noValidate>
        <Field label="试卷名称" name="title" error={errors.title}>
          <input id="title" name="title" defaultValue={values.title ?? ""} maxLength={200} aria-invalid={errors.title ? true : undefined} />
        </Field>
        <Field label="说明" name="description" error={errors.description}>
          <textarea id="description" name="description" rows={3} defaultValue={values.description ?? ""} />
        </Field>
        <fieldset className={errors.mode ? "authoring-fieldset field--error" : "authoring-fieldset"}>
          <legend>组卷方式</legend>
          <div className="authoring-checks">
            {(["fixed", "drawn"] as const).map((m) => (
              <label key={m} className="authoring-check">
                <input type="radio" name="mode" value={m} defaultChecked={(values.mode ?? "fixed") === m} />
                {PAPER_MODE_LABELS[m]}
                {m === "fixed" ? "（逐题挑选）" : "（按规则随机抽题）"}
              </label>
            ))}
          </div>
          {errors.mode ? <p className="field__error">{errors.mode}</p> : null}
        </fieldset>
        <ScoringFields values={values} errors={errors} />
        <p className="muted">组卷方式创建后不能更改。</p>
        <div>
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? "保存中…" : "创建试卷"}
          </button>
        </div>
      </Form>
    </>
  );
}

/** The two scoring-rule selects (the edit page has the same pair). */
function ScoringFields({ values, errors }: { values: Record<string, string>; errors: Record<string, string> }) {
  return (
    <>
      <Field label="多选题计分" name="multipleScoring" error={errors.multipleScoring}>
        <select id="multipleScoring" name="multipleScoring" defaultValue={values.multipleScoring ?? "partial"}>
          {Object.entries(MULTIPLE_SCORING_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </Field>
      <Field label="填空题计分" name="fillScoring" error={errors.fillScoring}>
        <select id="fillScoring" name="fillScoring" defaultValue={values.fillScoring ?? "per_blank"}>
          {Object.entries(FILL_SCORING_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
