import { Writable } from "node:stream";
import { redirect, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { isTransientDbError } from "#db/sql-helpers";
import { BUSY_PAGE, busyHeaders, reloadTarget } from "./server/unavailable";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A loader or action lost the database mid-request (a MariaDB restart): the same self-refreshing
  // 系统繁忙 page as when the session lookup fails, with 503, instead of an error page.
  const busy = lostDatabaseResponse(request);
  if (busy) return busy;
  const nonce = loadContext.nonce;
  // No page streams anything (no defer; the editor loads only in the browser), so the whole
  // document is rendered before it is sent: one buffer and one write instead of a chain of 2 KB
  // chunks through a Transform and a web-stream adapter.
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer<ArrayBuffer>[] = [];
    const sink = new Writable({
      write(chunk: Buffer<ArrayBuffer>, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(withoutNulBytes(Buffer.concat(chunks)), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    // Cleared when the page is done, so a finished request's render is not kept alive for 5 s.
    // (React starts rendering on a later tick, so no callback above runs before this line.)
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * React 18.3's streaming renderer can flush its whole 2 KB view buffer, zero padding included, when
 * a multi-byte character does not fit at its end (facebook/react#24985, fixed only in React 19):
 * Chinese pages then carry stray NUL bytes. A NUL never belongs in our HTML and no UTF-8 sequence
 * contains the byte 0x00, so dropping every one is exact.
 */
export function withoutNulBytes(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  let from = html.indexOf(0);
  if (from === -1) return html;
  const parts: Buffer<ArrayBuffer>[] = [html.subarray(0, from)];
  while (from !== -1) {
    while (html[from] === 0) from++;
    const next = html.indexOf(0, from);
    parts.push(html.subarray(from, next === -1 ? html.length : next));
    from = next;
  }
  return Buffer.concat(parts);
}

/** Requests whose loader or action failed on a transient database error (see handleRequest). */
const lostDatabase = new WeakSet<Request>();

export function lostDatabaseResponse(request: Request): Response | null {
  if (!lostDatabase.has(request)) return null;
  return new Response(BUSY_PAGE, { status: 503, headers: { ...busyHeaders(), "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * A navigation or form post inside the loaded app (a `.data` request) whose loader or action lost
 * the database: the browser loads the page itself instead of showing the error boundary, and gets
 * the 系统繁忙 page above, which refreshes itself until the database is back.
 */
export function handleDataRequest(response: Response, { request }: { request: Request }): Response {
  if (!lostDatabase.has(request)) return response;
  const target = reloadTarget(request.method, new URL(request.url), request.headers.get("referer") ?? undefined);
  return redirect(target, { headers: { "X-Remix-Reload-Document": "yes", "Cache-Control": "no-store" } });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isTransientDbError(error)) {
    lostDatabase.add(request);
    console.error(`database unavailable (${(error as { code?: string }).code ?? "?"}) for ${request.method} ${new URL(request.url).pathname}`);
    return;
  }
  console.error(`error handling ${request.method} ${new URL(request.url).pathname}:`, error);
}
