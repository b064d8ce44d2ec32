import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { categoryName } from "~/modules/courses/labels";
import { creditedHoursX100, formatHours } from "~/modules/study/hours";
import { courseForLearner } from "~/modules/study/my-learning.server";
import { getHoursRule } from "~/modules/study/settings.server";
import learnStyles from "~/styles/learn.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams, idParam } from "~/utils/params.server";
import { formatInstant } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: learnStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "课程"} · 我的学习` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { id } = getParams(args.params, idParam);
  const found = await courseForLearner(args.context.db, user.id, id);
  if (!found) notFound();
  const rule = await getHoursRule(args.context.db);
  const minutes = found.lessons.reduce((sum, l) => sum + l.minutes, 0);
  const next = found.lessons.find((l) => !l.completed_at) ?? found.lessons[0];
  return {
    course: {
      ...found.course,
      categoryName: categoryName(found.course.category),
      coverUrl: found.course.cover_upload_id ? `/uploads/${found.course.cover_upload_id}` : null,
    },
    hours: formatHours(creditedHoursX100(minutes, rule)),
    minutes,
    completedOn: found.completion ? formatInstant(found.completion.occurred_at, "yyyy-MM-dd") : null,
    nextLessonId: next?.id ?? null,
    lessons: found.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      minutes: l.minutes,
      studiedMinutes: Math.floor((l.seconds ?? 0) / 60),
      done: l.completed_at !== null,
    })),
  };
}

export default function LearnerCourse() {
  const { course, hours, minutes, completedOn, lessons, nextLessonId } = useLoaderData<typeof loader>();
  const done = lessons.filter((l) => l.done).length;
  return (
    <>
      <p>
        <Link to="/learn">← 我的学习</Link>
      </p>
      <div className="page-header">
        <h1>{course.title}</h1>
      </div>
      <section className="card">
        {course.coverUrl ? <img className="course-cover" src={course.coverUrl} alt="" /> : null}
        <p style={{ marginTop: 0 }}>{course.summary}</p>
        <div className="meta muted">
          {course.categoryName} · {lessons.length} 课时 · 约 {minutes} 分钟 · {hours} 学时
        </div>
        <div className="progress" aria-label={`已完成 ${done}/${lessons.length} 课时`}>
          <span style={{ width: `${lessons.length ? Math.round((done / lessons.length) * 100) : 0}%` }} />
        </div>
        {completedOn ? (
          <p className="notice notice--success" style={{ marginBottom: 0 }}>
            已于 {completedOn} 完成本课程，获得 {hours} 学时。
          </p>
        ) : nextLessonId ? (
          <Link className="btn btn--primary" to={`/learn/lessons/${nextLessonId}`}>
            {done > 0 ? "继续学习" : "开始学习"}
          </Link>
        ) : null}
      </section>
      <section className="card">
        <ol className="lesson-list">
          {lessons.map((l, i) => (
            <li key={l.id}>
              <Link to={`/learn/lessons/${l.id}`}>
                {i + 1}. {l.title}
              </Link>
              <span className={l.done ? "badge badge--ok" : "muted"}>{l.done ? "已完成" : `${l.studiedMinutes}/${l.minutes} 分钟`}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
