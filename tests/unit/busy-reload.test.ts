// A navigation or form post inside the loaded app (Remix single fetch, `/path.data`) that loses the
// database must make the browser load the page itself (and so see the self-refreshing 系统繁忙
// page), not show the error boundary. The answers are checked with Remix's own client decoder and
// against what Remix itself sends for `redirectDocument()`.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handleDataRequest, handleError } from "~/entry.server";
import { databaseUnavailable, reloadTarget } from "~/server/unavailable";
// Internal modules of the pinned Remix 2.17: the browser's decoder and the server's encoder.
import { decodeViaTurboStream } from "@remix-run/react/dist/single-fetch.js";
import { encodeViaTurboStream, SingleFetchRedirectSymbol } from "@remix-run/server-runtime/dist/single-fetch.js";
import type { ServerMode } from "@remix-run/server-runtime/dist/mode.js";

const lost = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" });
const quietly = <T>(run: () => T): T => {
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return run();
  } finally {
    log.mockRestore();
  }
};

describe("reloadTarget", () => {
  const url = (path: string) => new URL(path, "http://exam.example");

  it("sends a navigation on to the page it asked for, without the single-fetch route list", () => {
    expect(reloadTarget("GET", url("/attempts/5.data"), undefined)).toBe("/attempts/5");
    expect(reloadTarget("GET", url("/my/exams.data?_routes=routes%2F_app.my.exams&tab=open"), "http://exam.example/")).toBe("/my/exams?tab=open");
    expect(reloadTarget("GET", url("/_root.data"), undefined)).toBe("/");
    expect(reloadTarget("GET", url("/banks/3.data?q=%E7%81%AB%E7%81%BE&page=2"), undefined)).toBe("/banks/3?q=%E7%81%AB%E7%81%BE&page=2");
  });

  it("sends a form post back to the page it was posted from on this site, or else to the action's page", () => {
    expect(reloadTarget("POST", url("/exams/7/start.data"), "http://exam.example/my/exams/7?from=list")).toBe("/my/exams/7?from=list");
    expect(reloadTarget("POST", url("/exams/7/start.data"), "https://elsewhere.example/my/exams/7")).toBe("/exams/7/start");
    expect(reloadTarget("POST", url("/exams/7/start.data"), "not a url")).toBe("/exams/7/start");
    expect(reloadTarget("POST", url("/banks/3.data?index"), undefined)).toBe("/banks/3?index=");
  });
});

describe("handleDataRequest", () => {
  it("turns the answer to a data request whose loader lost the database into a full-page redirect", () => {
    const request = new Request("http://exam.example/attempts/5.data", { headers: { referer: "http://exam.example/my/exams" } });
    quietly(() => handleError(lost(), { request }));
    const response = handleDataRequest(new Response("x", { status: 500 }), { request });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/attempts/5");
    expect(response.headers.has("X-Remix-Reload-Document")).toBe(true);
  });

  it("passes every other answer through untouched, including other errors", () => {
    const request = new Request("http://exam.example/attempts/5.data");
    quietly(() => handleError(new Error("a bug"), { request }));
    const original = new Response("x", { status: 500 });
    expect(handleDataRequest(original, { request })).toBe(original);
  });
});

describe("databaseUnavailable (the session lookup before any route lost the database)", () => {
  let base = "";
  let close = () => {};
  beforeAll(async () => {
    const app = express();
    app.all("*", (_req, _res, next) => next(lost()));
    app.use(databaseUnavailable());
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const remixWouldSend = async (value: unknown) => {
    const stream = encodeViaTurboStream(value, new AbortController().signal, 5000, "production" as ServerMode);
    return new Response(stream).text();
  };
  const reloadTo = (target: string) => ({ redirect: target, status: 302, revalidate: false, reload: true, replace: false });

  it("answers a navigation's data request with the redirect Remix's browser code follows by loading the page", async () => {
    const response = await quietly(() => fetch(`${base}/attempts/5.data?_routes=routes%2F_app`));
    expect(response.status).toBe(202);
    expect(response.headers.get("X-Remix-Response")).toBe("yes");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.text();
    expect(body).toBe(await remixWouldSend({ [SingleFetchRedirectSymbol]: reloadTo("/attempts/5") }));
    const decoded = await decodeViaTurboStream(new Response(body).body!, globalThis);
    // The decoder keys a navigation's redirect by Remix's symbol (a module instance of its own here).
    const value = decoded.value as Record<symbol, unknown>;
    const [key] = Object.getOwnPropertySymbols(value);
    expect(key?.description).toBe("SingleFetchRedirect");
    expect(value[key!]).toEqual(reloadTo("/attempts/5"));
  });

  it("answers a form post's data request with a redirect back to the page it came from", async () => {
    const response = await quietly(() =>
      fetch(`${base}/exams/7/start.data`, { method: "POST", headers: { referer: `${base}/my/exams/7` }, body: new URLSearchParams({ intent: "start" }) }),
    );
    expect(response.status).toBe(202);
    const body = await response.text();
    expect(body).toBe(await remixWouldSend(reloadTo("/my/exams/7")));
    const decoded = await decodeViaTurboStream(new Response(body).body!, globalThis);
    expect(decoded.value).toEqual(reloadTo("/my/exams/7"));
  });

  it("still answers a page load with 503, Retry-After and the self-refreshing page", async () => {
    const response = await quietly(() => fetch(`${base}/attempts/5`, { headers: { accept: "text/html" } }));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await response.text()).toContain('http-equiv="refresh"');
  });
});
