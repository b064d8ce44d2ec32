import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { choicesOf, FieldFilterSelect } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { Stat } from "~/components/stat";
import { listTiers, unitOptions } from "~/modules/people/options.server";
import { currentYear } from "~/modules/study/calendar";
import { LEVEL_LABELS } from "~/modules/study/report";
import { buildStudyReport, parseReportParams } from "~/modules/study/report-view.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { pageCount, pageParam, PAGE_SIZE } from "~/utils/pagination";

export const meta: MetaFunction = () => [{ title: "学习统计 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "report:study");
  const { db } = args.context;
  const search = new URL(args.request.url).searchParams;
  const params = parseReportParams(search);
  const page = pageParam.parse(search.get("page") ?? 1);
  const [report, units, tiers, courses] = await Promise.all([
    buildStudyReport(db, user, params),
    unitOptions(db, user, "report:study", { leaves: false }),
    listTiers(db),
    db.selectFrom("courses").select(["id", "title"]).where("status", "=", "published").orderBy("title").execute(),
  ]);
  const thisYear = currentYear();
  return {
    params,
    years: [thisYear, thisYear - 1, thisYear - 2],
    units,
    tiers,
    courses,
    totals: report.totals,
    unitRows: params.view === "unit" ? report.units : [],
    personRows: params.view === "person" ? report.people.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) : [],
    page,
    pageCount: pageCount(report.people.length),
  };
}

const VIEWS = [
  { value: "unit", label: "按单位汇总" },
  { value: "person", label: "按人员明细" },
] as const;

export default function StudyReport() {
  const data = useLoaderData<typeof loader>();
  const { params } = data;
  const location = useLocation();
  const courseFiltered = params.course !== undefined;
  return (
    <>
      <div className="page-header">
        <h1>学习统计</h1>
        <a className="btn" href={`/reports/study.xlsx${location.search}`} download>
          导出Excel
        </a>
        <Link className="btn" to="/assignments">
          课程指派
        </Link>
      </div>
      <Form method="get" className="filters">
        <FieldFilterSelect label="年度" name="year" value={params.year} choices={data.years.map((y) => ({ value: y, label: y }))} />
        <FieldFilterSelect label="单位（含下级）" name="unit" value={params.unit} anyLabel="全部" choices={data.units.map((u) => ({ value: u.id, label: u.label }))} />
        <FieldFilterSelect label="培训层级" name="tier" value={params.tier} anyLabel="全部" choices={data.tiers.map((t) => ({ value: t.code, label: t.name }))} />
        <FieldFilterSelect label="课程完成情况" name="course" value={params.course} anyLabel="不按课程" choices={data.courses.map((c) => ({ value: c.id, label: c.title }))} />
        <FieldFilterSelect label="查看" name="view" value={params.view} choices={VIEWS} />
        <FieldFilterSelect label="汇总到" name="level" value={params.level} choices={choicesOf(LEVEL_LABELS)} />
        <button className="btn btn--primary" type="submit">
          查询
        </button>
      </Form>

      <div className="stats">
        <Stat value={data.totals.people} label="在岗人员" />
        <Stat value={data.totals.met} label="学时达标" />
        {data.totals.completedCourse !== null ? <Stat value={data.totals.completedCourse} label="已完成所选课程" /> : null}
      </div>

      {params.view === "unit" ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>单位</th>
                <th>人数</th>
                <th>人均学时</th>
                <th>学时达标</th>
                <th>达标率</th>
                {courseFiltered ? (
                  <>
                    <th>完成所选课程</th>
                    <th>完成率</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {data.unitRows.map((u) => (
                <tr key={u.unitId}>
                  <td>{u.unitName}</td>
                  <td>{u.people}</td>
                  <td>{u.average}</td>
                  <td>{u.met}</td>
                  <td>{u.metPercent}%</td>
                  {courseFiltered ? (
                    <>
                      <td>{u.completedCourse}</td>
                      <td>{u.completedCoursePercent}%</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>工号</th>
                  <th>单位</th>
                  <th>层级</th>
                  <th>本年学时</th>
                  <th>要求学时</th>
                  <th>完成课程</th>
                  <th>达标</th>
                  {courseFiltered ? <th>所选课程</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.personRows.map((p) => (
                  <tr key={p.personId}>
                    <td>{p.name}</td>
                    <td>{p.employeeNo}</td>
                    <td>{p.unitName}</td>
                    <td>{p.tierName}</td>
                    <td>{p.hours}</td>
                    <td>{p.required}</td>
                    <td>{p.coursesCompleted}</td>
                    <td>{p.met ? <span className="badge badge--ok">达标</span> : <span className="badge badge--off">未达标</span>}</td>
                    {courseFiltered ? <td>{p.completedCourse ? "已完成" : "未完成"}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={data.page} pageCount={data.pageCount} total={data.totals.people} />
        </>
      )}
    </>
  );
}
