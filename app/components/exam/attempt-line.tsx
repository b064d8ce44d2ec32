// One of my attempts in a list: number, state, and the score only when the server sent it.
import { Link } from "@remix-run/react";

export const PHASE_LABELS = { upcoming: "未开始", open: "进行中", closed: "已结束" } as const;

export interface AttemptLineData {
  id: number;
  attemptNo: number;
  status: "open" | "closed";
  finishedLabel: string | null;
  scoreX100: number | null;
  passed: boolean | null;
  pending: number;
}

export const points = (x100: number) => String(Math.round(x100) / 100);

export function AttemptLine({ attempt: a }: { attempt: AttemptLineData }) {
  return (
    <li>
      <span>第 {a.attemptNo} 次</span>
      {a.status === "open" ? (
        <span className="badge">作答中</span>
      ) : (
        <>
          <span className="muted">{a.finishedLabel} 交卷</span>
          {a.pending > 0 ? (
            <span className="badge">待阅卷</span>
          ) : a.scoreX100 !== null ? (
            <span className={a.passed ? "badge badge--ok" : "badge badge--off"}>
              {points(a.scoreX100)} 分 · {a.passed ? "通过" : "未通过"}
            </span>
          ) : (
            <span className="muted">成绩未公布</span>
          )}
          <Link to={`/attempts/${a.id}/result`}>查看</Link>
        </>
      )}
    </li>
  );
}
