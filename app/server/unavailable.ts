// When the database is briefly unreachable (a MariaDB restart, a failover), requests fail before
// any route runs: the session lookup is the first query. Answer those with 503 and Retry-After,
// so the taking page's autosave keeps the answers in its journal and retries, and a person loading
// a page sees "please wait" (and the page reloads itself) instead of an error. The process keeps
// running; the connection pool reconnects on its own once the database answers again.
// A navigation inside the loaded app asks for `/path.data` (Remix single fetch), which the browser
// cannot show as a page: that request is answered with a redirect that makes the browser load the
// page itself, which then shows the same self-refreshing page until the database is back.
import type { NextFunction, Request, Response } from "express";
import { encode } from "turbo-stream";
import { DB_RETRY_AFTER_SECONDS as RETRY_AFTER_SECONDS, isTransientDbError } from "#db/sql-helpers";

export const BUSY_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>系统繁忙</title></head><body><main style="font-family:sans-serif;max-width:30em;margin:3em auto;padding:0 1em"><h1>系统繁忙，正在重试</h1><p>服务器暂时无法访问数据库，页面将在 ${RETRY_AFTER_SECONDS} 秒后自动刷新。已作答的答案保存在本机，恢复后会自动提交，请勿关闭页面。</p></main></body></html>`;

export const busyHeaders = () => ({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });

export function databaseUnavailable() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!isTransientDbError(error) || res.headersSent) return next(error);
    console.error(`database unavailable (${(error as { code?: string }).code ?? "?"}) for ${req.method} ${req.path}`);
    if (req.path.endsWith(".data")) {
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
      return void sendReloadDocument(res, req.method, reloadTarget(req.method, url, req.get("referer"))).catch(next);
    }
    res.status(503).set(busyHeaders());
    if (req.accepts(["html", "json"]) === "json") res.json({ error: "系统繁忙，请稍后重试", retryAfterSeconds: RETRY_AFTER_SECONDS });
    else res.type("html").send(BUSY_PAGE);
  };
}

/**
 * The page a single-fetch request that lost the database reloads: a navigation goes on to the page
 * it was asked for; a form post (its action did not complete) goes back to the page it was posted
 * from, or else to the action's own page.
 */
export function reloadTarget(method: string, url: URL, referer: string | undefined): string {
  if (method !== "GET" && referer) {
    const from = URL.canParse(referer) ? new URL(referer) : null;
    if (from?.origin === url.origin) return from.pathname + from.search;
  }
  const pathname = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  const search = new URLSearchParams(url.search);
  search.delete("_routes");
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}

// Remix single fetch's wire format for a redirect (what `redirectDocument()` from a loader or
// action produces): status 202, a turbo-stream body, X-Remix-Response to mark it as the app's.
const SINGLE_FETCH_REDIRECT_STATUS = 202;

async function sendReloadDocument(res: Response, method: string, target: string) {
  const redirect = { redirect: target, status: 302, revalidate: false, reload: true, replace: false };
  // A navigation's answer is keyed by a symbol the client's decoder restores from this tuple; an
  // action's answer is the redirect itself.
  const marker = {};
  const stream = encode(method === "GET" ? marker : redirect, { plugins: [(value) => (value === marker ? ["SingleFetchRedirect", redirect] : undefined)] });
  const body = await new Response(stream).text();
  res.status(SINGLE_FETCH_REDIRECT_STATUS).set({ "Cache-Control": "no-store", "Content-Type": "text/x-script", "X-Remix-Response": "yes" }).send(body);
}
