import { Link, useLocation } from "@remix-run/react";

/** Page links that keep every other query parameter (filters) as they are. */
export function Pagination({ page, pageCount, total }: { page: number; pageCount: number; total: number }) {
  const location = useLocation();
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="pagination" aria-label="分页">
      <span>
        共 {total.toLocaleString("zh-CN")} 条 · 第 {page} / {Math.max(pageCount, 1)} 页
      </span>
      {page > 1 ? <Link to={hrefFor(page - 1)}>上一页</Link> : <span className="muted">上一页</span>}
      {page < pageCount ? <Link to={hrefFor(page + 1)}>下一页</Link> : <span className="muted">下一页</span>}
    </nav>
  );
}
