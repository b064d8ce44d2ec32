import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { REASON_LABELS, categoryName } from "~/modules/courses/labels";
import { currentYear } from "~/modules/study/calendar";
import { formatHours } from "~/modules/study/hours";
import { myCourses, myHours } from "~/modules/study/my-learning.server";
import { getHoursRule } from "~/modules/study/settings.server";
import learnStyles from "~/styles/learn.css";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: learnStyles }];
export const meta: MetaFunction = () => [{ title: "我的学习 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "study");
  const { db } = args.context;
  const year = currentYear();
  const rule = await getHoursRule(db);
  const [mine, hours, catalog] = await Promise.all([
    myCourses(db, { id: user.id, tier: user.tier, orgPath: user.orgPath }, year, rule),
    myHours(db, user.id, year),
    db.selectFrom("courses").select(["id", "title", "category", "summary", "cover_upload_id"]).where("status", "=", "published").orderBy("title").execute(),
  ]);
  const mineIds = new Set(mine.courses.map((c) => c.courseId));
  return {
    year,
    syllabusTitle: mine.syllabusTitle,
    required: formatHours(mine.requiredHoursX100),
    earned: formatHours(hours.totalX100),
    percent: mine.requiredHoursX100 > 0 ? Math.min(100, Math.round((hours.totalX100 / mine.requiredHoursX100) * 100)) : null,
    courses: mine.courses.map((c) => ({
      ...c,
      categoryName: categoryName(c.category),
      hours: formatHours(c.hoursX100),
      reasonLabels: c.reasons.map((r) => ({ reason: r, label: REASON_LABELS[r] })),
    })),
    others: catalog.filter((c) => !mineIds.has(c.id)).map((c) => ({ ...c, categoryName: categoryName(c.category) })),
  };
}

export default function MyLearning() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>我的学习</h1>
        <Link className="btn" to="/learn/hours">
          我的学时
        </Link>
      </div>
      <section className="card">
        <strong>
          {data.year} 年已获 {data.earned} 学时
          {data.percent !== null ? ` / 要求 ${data.required} 学时` : ""}
        </strong>
        {data.percent !== null ? (
          <div className="progress" aria-label={`完成 ${data.percent}%`}>
            <span style={{ width: `${data.percent}%` }} />
          </div>
        ) : null}
        <p className="muted" style={{ margin: 0 }}>
          {data.syllabusTitle ? `依据：${data.syllabusTitle}` : "本年度培训大纲尚未发布"}
        </p>
      </section>

      <h2>本层级课程</h2>
      {data.courses.length === 0 ? <p className="muted">暂无需要学习的课程。</p> : null}
      <div className="course-list">
        {data.courses.map((c) => {
          const percent = c.lessonCount ? Math.round((c.completedLessons / c.lessonCount) * 100) : 0;
          return (
            <Link key={c.courseId} className="course-card" to={`/learn/courses/${c.courseId}`}>
              {c.coverUploadId ? <img className="course-cover" src={`/uploads/${c.coverUploadId}`} alt="" loading="lazy" /> : null}
              <h3>{c.title}</h3>
              <div className="meta">
                {c.reasonLabels.map((r) => (
                  <span key={r.reason} className={`badge badge--${r.reason}`}>
                    {r.label}
                  </span>
                ))}
                <span>{c.categoryName}</span>
                <span>{c.hours} 学时</span>
                {c.dueDate ? <span>截止 {c.dueDate}</span> : null}
                {c.completedAt ? <span className="badge badge--ok">已完成</span> : null}
              </div>
              <div className="progress" aria-label={`已完成 ${c.completedLessons}/${c.lessonCount} 课时`}>
                <span style={{ width: `${percent}%` }} />
              </div>
              <div className="meta">
                已学 {c.completedLessons}/{c.lessonCount} 课时
              </div>
            </Link>
          );
        })}
      </div>

      {data.others.length > 0 ? (
        <>
          <h2>更多课程</h2>
          <div className="course-list">
            {data.others.map((c) => (
              <Link key={c.id} className="course-card" to={`/learn/courses/${c.id}`}>
                {c.cover_upload_id ? <img className="course-cover" src={`/uploads/${c.cover_upload_id}`} alt="" loading="lazy" /> : null}
                <h3>{c.title}</h3>
                <div className="meta">
                  <span>{c.categoryName}</span>
                </div>
              </Link>
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
