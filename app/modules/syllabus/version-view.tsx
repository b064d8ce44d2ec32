// Read-only views of a syllabus version, shared by /syllabus/:id and /syllabus/:id/v/:version.
import { Link } from "@remix-run/react";
import type { SyllabusVersionStatus } from "#db/schema";
import { VERSION_STATUS_LABELS } from "./syllabus-schema";

export interface VersionRow {
  id: number;
  version: number;
  status: SyllabusVersionStatus;
  inForce: boolean;
  publishedAt: string | null;
  publishedByName: string | null;
  createdAt: string;
}

export interface TierRow {
  code: string;
  name: string;
  requiredHours: string;
  required: ReadonlyArray<{ courseId: number; title: string; status: string }>;
  elective: ReadonlyArray<{ courseId: number; title: string; status: string }>;
}

export function VersionBadges({ status, inForce }: { status: SyllabusVersionStatus; inForce: boolean }) {
  return (
    <>
      <span className={status === "published" ? "badge badge--ok" : "badge"}>{VERSION_STATUS_LABELS[status]}</span>
      {inForce ? <span className="badge badge--ok">现行</span> : null}
    </>
  );
}

function CourseList({ courses }: { courses: TierRow["required"] }) {
  if (courses.length === 0) return <span className="muted">无</span>;
  return (
    <>
      {courses.map((c, i) => (
        <span key={c.courseId}>
          {i > 0 ? "、" : null}
          {c.title}
          {c.status === "published" ? null : <span className="badge badge--off">课程{c.status === "archived" ? "已归档" : "未发布"}</span>}
        </span>
      ))}
    </>
  );
}

/** Per tier: the required 学时 and the required and elective courses. */
export function PlanTable({ tiers }: { tiers: readonly TierRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>培训层级</th>
            <th>要求学时</th>
            <th>必修课程</th>
            <th>选修课程</th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((t) => (
            <tr key={t.code}>
              <td>{t.name}</td>
              <td>{t.requiredHours}</td>
              <td style={{ whiteSpace: "normal" }}>
                <CourseList courses={t.required} />
              </td>
              <td style={{ whiteSpace: "normal" }}>
                <CourseList courses={t.elective} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every version of a syllabus, newest first, each linking to its own page. */
export function VersionHistory({ syllabusId, versions, current }: { syllabusId: number; versions: readonly VersionRow[]; current?: number }) {
  if (versions.length === 0) return <p className="muted">尚无版本</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>版本</th>
            <th>状态</th>
            <th>创建时间</th>
            <th>发布时间</th>
            <th>发布人</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>{v.version === current ? <strong>第 {v.version} 版</strong> : <Link to={`/syllabus/${syllabusId}/v/${v.version}`}>第 {v.version} 版</Link>}</td>
              <td>
                <VersionBadges status={v.status} inForce={v.inForce} />
              </td>
              <td>{v.createdAt}</td>
              <td>{v.publishedAt ?? "—"}</td>
              <td>{v.publishedByName ?? (v.status === "published" ? "系统导入" : "—")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
