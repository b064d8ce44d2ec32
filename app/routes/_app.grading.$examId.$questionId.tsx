import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage } from "~/components/form";
import { gradeAnswer, gradingExam, GradingRefusal, nextBlindAnswer } from "~/modules/exams/grading-queue.server";
import certificateStyles from "~/styles/certificates.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams } from "~/utils/params.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateStyles }];

export const meta: MetaFunction = () => [{ title: "按题阅卷 · 应急培训考试积分平台" }];

const gradingParams = z.object({ examId: z.coerce.number().int().positive(), questionId: z.coerce.number().int().positive() });

const markSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{10,40}$/, "答卷标识无效"),
  score: z
    .string()
    .trim()
    .min(1, "请输入得分")
    .regex(/^\d+(\.\d+)?$/, "得分须为数字")
    .transform(Number)
    .refine((n) => Number.isInteger(n * 2), "得分须以 0.5 分为单位"),
});

async function gradingContext(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "exam:grade");
  const { examId, questionId } = getParams(args.params, gradingParams);
  const exam = await gradingExam(args.context.db, examId);
  if (!exam) notFound();
  return { user, exam, questionId };
}

export async function loader(args: LoaderFunctionArgs) {
  const { exam, questionId } = await gradingContext(args);
  // 跳过 moves to the next answer without marking this one; the skipped token rides in the URL.
  const skip = new URL(args.request.url).searchParams.getAll("skip").slice(0, 50);
  const next = await nextBlindAnswer(args.context.db, exam.id, questionId, skip);
  return { exam, questionId, ...next };
}

export async function action(args: ActionFunctionArgs) {
  const { user, exam, questionId } = await gradingContext(args);
  const parsed = markSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data({ ok: false, message: issue?.path[0] === "token" ? issue.message : null, errors: { score: issue?.message ?? "输入有误" } }, { status: 400 });
  }
  try {
    const { final } = await gradeAnswer(args.context.db, { examId: exam.id, questionId, token: parsed.data.token, scoreX100: Math.round(parsed.data.score * 100), graderId: user.id });
    return { ok: true, message: final ? "已保存。该考生的简答已全部评完，成绩已确定。" : "已保存。", errors: {} as Record<string, string> };
  } catch (error) {
    if (!(error instanceof GradingRefusal)) throw error;
    return data({ ok: false, message: error.field ? null : error.message, errors: error.field ? { score: error.message } : {} }, { status: 400 });
  }
}

export default function GradeQuestion() {
  const { exam, questionId, pending, answer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const max = answer ? answer.maxX100 / 100 : 0;
  return (
    <>
      <div className="page-header">
        <h1>阅卷 · {exam.title}</h1>
        <Link className="btn" to="/grading">
          返回阅卷列表
        </Link>
      </div>
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {answer === null ? (
        <section className="card">
          <p>本题的简答已全部评完。</p>
        </section>
      ) : (
        <>
          <section className="card grading-question">
            <h2>题目</h2>
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: answer.question.stemHtml }} />
            <dl className="kv">
              <dt>参考答案</dt>
              <dd className="grading-pre">{answer.question.referenceAnswer || "（未填写）"}</dd>
              <dt>评分标准</dt>
              <dd className="grading-pre">{answer.question.rubric || "（未填写）"}</dd>
              <dt>满分</dt>
              <dd>{max} 分</dd>
            </dl>
          </section>
          <section className="card grading-answer" aria-label="考生答案">
            <h2>
              考生答案 <span className="badge">本题待阅 {pending} 份</span>
            </h2>
            <div className="grading-pre grading-answer__text">{answer.text || "（空白）"}</div>
            <Form method="post" className="grading-form" key={answer.token}>
              <input type="hidden" name="token" value={answer.token} />
              <Field label={`得分（0–${max}，可用 0.5 分）`} name="score" error={errors.score}>
                <input id="score" name="score" type="number" inputMode="decimal" min={0} max={max} step={0.5} required aria-describedby={errors.score ? "score-error" : undefined} />
              </Field>
              <div className="grading-form__actions">
                <button className="btn btn--primary" type="submit" disabled={busy}>
                  {busy ? "保存中…" : "保存得分"}
                </button>
                {pending > 1 ? (
                  <Link className="btn" to={`/grading/${exam.id}/${questionId}?skip=${encodeURIComponent(answer.token)}`}>
                    跳过
                  </Link>
                ) : null}
              </div>
            </Form>
          </section>
        </>
      )}
    </>
  );
}
