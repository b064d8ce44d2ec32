import { Link } from "@remix-run/react";

export interface ExamHistoryView {
  examId: number;
  title: string;
  attempts: number;
  finishedAt: string | null;
  score: string | null;
  max: string;
  passed: boolean | null;
  pendingGrading: boolean;
  scoreHidden: boolean;
  unitName: string;
  certificates: Array<{ number: string; typeLabel: string; expiresOn: string; state: string; stateLabel: string }>;
}

function ResultCell({ row }: { row: ExamHistoryView }) {
  if (row.scoreHidden) return <span className="muted">成绩暂未公布</span>;
  if (row.score === null) return <span className="muted">{row.pendingGrading ? "待阅卷" : "—"}</span>;
  return (
    <>
      {row.score} / {row.max}{" "}
      {row.passed ? <span className="badge badge--ok">合格</span> : <span className="badge badge--off">不合格</span>}
      {row.pendingGrading ? <span className="muted">（另有答卷待阅）</span> : null}
    </>
  );
}

/** 考试记录: one row per exam, the counted result, the unit at the time and certificates earned. */
export function ExamHistoryTable({ rows, linkExams = false }: { rows: ExamHistoryView[]; linkExams?: boolean }) {
  if (rows.length === 0) return <p className="muted">暂无考试记录</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>考试</th>
            <th>次数</th>
            <th>最近交卷</th>
            <th>计分成绩</th>
            <th>当时单位</th>
            <th>证书</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.examId}>
              <td>{linkExams ? <Link to={`/my/exams/${row.examId}`}>{row.title}</Link> : row.title}</td>
              <td>{row.attempts}</td>
              <td>{row.finishedAt ?? "—"}</td>
              <td>
                <ResultCell row={row} />
              </td>
              <td>{row.unitName}</td>
              <td>
                {row.certificates.length === 0
                  ? "—"
                  : row.certificates.map((c) => (
                      <div key={c.number}>
                        {c.typeLabel}{" "}
                        <a className="verify-number" href={`/verify/${c.number}`}>
                          {c.number}
                        </a>{" "}
                        <span className={`badge cert-state--${c.state}`}>{c.stateLabel}</span>
                        <div className="muted">有效期至 {c.expiresOn}</div>
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
