import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { FormMessage } from "~/components/form";
import { RichTextView, richTextLinks } from "~/components/rich-text/rich-text-view";
import { StudyTimer } from "~/components/study-timer";
import { lessonForLearner } from "~/modules/study/lesson-view.server";
import { answerCheck } from "~/modules/study/progress.server";
import learnStyles from "~/styles/learn.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";

export const links: LinksFunction = () => [...richTextLinks(), { rel: "stylesheet", href: learnStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "课时"} · 我的学习` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { id } = getParams(args.params, idParam);
  const lesson = await lessonForLearner(args.context.db, user.id, id);
  if (!lesson) notFound();
  return lesson;
}

const answerSchema = z.object({ option: z.coerce.number({ error: "请选择一个答案" }).int().min(0, "请选择一个答案") });

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { id } = getParams(args.params, idParam);
  const lesson = await lessonForLearner(args.context.db, user.id, id);
  if (!lesson?.check) notFound();
  const parsed = answerSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ error: "请选择一个答案", result: null }, { status: 400 });
  const result = await answerCheck(args.context.db, user.id, id, parsed.data.option);
  if (!result) notFound();
  return { error: null, result };
}

export default function StudyLesson() {
  const lesson = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const [courseDone, setCourseDone] = useState(false);
  const checkResult = answered?.result ?? (lesson.checkResult ? { correct: true, ...lesson.checkResult, completed: lesson.progress.completed, courseCompleted: false } : null);
  return (
    <>
      <p>
        <Link to={`/learn/courses/${lesson.courseId}`}>← {lesson.courseTitle}</Link>
      </p>
      <div className="page-header">
        <h1>{lesson.title}</h1>
        <span className="muted">
          第 {lesson.position}/{lesson.count} 课时 · 约 {lesson.minutes} 分钟
        </span>
      </div>
      {courseDone || answered?.result?.courseCompleted ? (
        <FormMessage tone="success">恭喜！您已完成本课程，学时已记入“我的学时”。</FormMessage>
      ) : null}
      <noscript>
        <p className="notice notice--info">学习时长需要浏览器启用 JavaScript 才能记录。</p>
      </noscript>
      <article className="card">
        <RichTextView html={lesson.html} />
        {lesson.attachments.length > 0 ? (
          <>
            <h2>附件</h2>
            <ul>
              {lesson.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/uploads/${a.id}`} download>
                    {a.original_name}
                  </a>{" "}
                  <span className="muted">（{Math.ceil(a.size / 1024)} KB）</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </article>

      {lesson.check ? (
        <section className="card check-question">
          <h2 style={{ marginTop: 0 }}>课后检查</h2>
          <p>{lesson.check.question}</p>
          {checkResult ? (
            <FormMessage tone={checkResult.correct ? "success" : "error"}>
              {checkResult.correct ? "回答正确。" : "回答不正确，请重新阅读本课时后再试。"}
              {checkResult.correct && checkResult.explanation ? ` 解析：${checkResult.explanation}` : null}
            </FormMessage>
          ) : null}
          {!checkResult?.correct ? (
            <Form method="post">
              <fieldset>
                <legend className="muted">选择一个答案</legend>
                {lesson.check.options.map((option, i) => (
                  <label key={i}>
                    <input type="radio" name="option" value={i} required />
                    {String.fromCharCode(65 + i)}. {option}
                  </label>
                ))}
              </fieldset>
              {answered?.error ? <p className="field__error">{answered.error}</p> : null}
              <button className="btn btn--primary" type="submit">
                提交答案
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <nav className="page-header" aria-label="课时导航">
        {lesson.previousId ? (
          <Link className="btn" to={`/learn/lessons/${lesson.previousId}`}>
            上一课时
          </Link>
        ) : null}
        {lesson.nextId ? (
          <Link className="btn btn--primary" to={`/learn/lessons/${lesson.nextId}`}>
            下一课时
          </Link>
        ) : (
          <Link className="btn" to={`/learn/courses/${lesson.courseId}`}>
            返回课程
          </Link>
        )}
      </nav>

      <div className="study-status">
        <StudyTimer
          key={lesson.id}
          lessonId={lesson.id}
          requiredSeconds={lesson.progress.requiredSeconds}
          initial={{ seconds: lesson.progress.seconds, completed: lesson.progress.completed, courseCompleted: false }}
          onComplete={(state) => {
            if (state.courseCompleted) setCourseDone(true);
            revalidator.revalidate();
          }}
        />
      </div>
    </>
  );
}
