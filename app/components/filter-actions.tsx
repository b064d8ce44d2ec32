import { Link } from "@remix-run/react";

/** The 查询 / 重置 buttons at the end of a list page's filter form. */
export function FilterActions({ resetTo, searching, className = "filters__actions" }: { resetTo: string; searching: boolean; className?: string }) {
  return (
    <div className={className}>
      <button className="btn btn--primary" type="submit" disabled={searching}>
        {searching ? "查询中…" : "查询"}
      </button>
      <Link className="btn" to={resetTo}>
        重置
      </Link>
    </div>
  );
}
