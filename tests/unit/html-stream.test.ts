import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";
import handleRequest, { handleError, lostDatabaseResponse, withoutNulBytes } from "~/entry.server";

describe("withoutNulBytes", () => {
  const text = "<p>第 1 题：发现燃气泄漏，首先应当</p>";
  const bytes = Buffer.from(text);

  it("drops the zero padding React 18 can flush and keeps every Chinese character whole", () => {
    // A chunk cut inside a 3-byte character, padded with zeros, then the rest.
    const cut = bytes.indexOf(Buffer.from("燃")) + 1;
    const padded = Buffer.concat([bytes.subarray(0, cut), Buffer.alloc(7), Buffer.alloc(3), bytes.subarray(cut)]);
    expect(withoutNulBytes(padded).toString("utf8")).toBe(text);
  });

  it("drops NULs at either end and in several runs", () => {
    const third = Math.floor(bytes.length / 3);
    const messy = Buffer.concat([Buffer.alloc(2), bytes.subarray(0, third), Buffer.alloc(1), bytes.subarray(third, 2 * third), Buffer.alloc(5), bytes.subarray(2 * third), Buffer.alloc(4)]);
    expect(withoutNulBytes(messy)).toEqual(bytes);
    expect(withoutNulBytes(Buffer.alloc(6))).toEqual(Buffer.alloc(0));
  });

  it("returns a clean page as it is", () => {
    const page = Buffer.from('<!DOCTYPE html><html lang="zh-CN">应急</html>');
    expect(withoutNulBytes(page)).toBe(page);
  });
});

describe("a page whose loader or action lost the database", () => {
  const render = (request: Request) => handleRequest(request, 500, new Headers(), {} as EntryContext, { nonce: "n" } as AppLoadContext);

  it("answers 503 with Retry-After and the self-refreshing 系统繁忙 page instead of an error page", async () => {
    const request = new Request("http://localhost/my/exams");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    handleError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" }), { request });
    log.mockRestore();
    const response = await render(request);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("系统繁忙");
    expect(html).toContain('http-equiv="refresh"');
  });

  it("leaves other errors, and other requests, to the error boundary", () => {
    const request = new Request("http://localhost/my/exams");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    handleError(new Error("a bug"), { request });
    handleError(Object.assign(new Error("duplicate"), { code: "ER_DUP_ENTRY" }), { request });
    expect(log).toHaveBeenCalledTimes(2);
    log.mockRestore();
    expect(lostDatabaseResponse(request)).toBeNull();
    expect(lostDatabaseResponse(new Request("http://localhost/"))).toBeNull();
  });
});
