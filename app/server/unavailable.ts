// When the database is briefly unreachable (a MariaDB restart, a failover), requests fail before
// any route runs: the session lookup is the first query. Answer those with 503 and Retry-After,
// so the taking page's autosave keeps the answers in its journal and retries, and a person loading
// a page sees "please wait" (and the page reloads itself) instead of an error. The process keeps
// running; the connection pool reconnects on its own once the database answers again.
import type { NextFunction, Request, Response } from "express";
import { DB_RETRY_AFTER_SECONDS as RETRY_AFTER_SECONDS, isTransientDbError } from "#db/sql-helpers";

export const BUSY_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>系统繁忙</title></head><body><main style="font-family:sans-serif;max-width:30em;margin:3em auto;padding:0 1em"><h1>系统繁忙，正在重试</h1><p>服务器暂时无法访问数据库，页面将在 ${RETRY_AFTER_SECONDS} 秒后自动刷新。已作答的答案保存在本机，恢复后会自动提交，请勿关闭页面。</p></main></body></html>`;

export const busyHeaders = () => ({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });

export function databaseUnavailable() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!isTransientDbError(error) || res.headersSent) return next(error);
    console.error(`database unavailable (${(error as { code?: string }).code ?? "?"}) for ${req.method} ${req.path}`);
    res.status(503).set(busyHeaders());
    if (req.accepts(["html", "json"]) === "json") res.json({ error: "系统繁忙，请稍后重试", retryAfterSeconds: RETRY_AFTER_SECONDS });
    else res.type("html").send(BUSY_PAGE);
  };
}
