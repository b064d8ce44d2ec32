import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "~/server/csrf";
import { contentSecurityPolicy, newNonce } from "~/server/security";

describe("isSameOriginRequest", () => {
  const self = "https://train.example.gov.cn";
  it("accepts our own origin only", () => {
    expect(isSameOriginRequest({ origin: self }, self)).toBe(true);
    expect(isSameOriginRequest({ origin: "https://evil.example" }, self)).toBe(false);
    expect(isSameOriginRequest({ origin: "http://train.example.gov.cn" }, self)).toBe(false);
    expect(isSameOriginRequest({ origin: "null" }, self)).toBe(false);
  });

  it("falls back to Sec-Fetch-Site when Origin is missing", () => {
    expect(isSameOriginRequest({ secFetchSite: "same-origin" }, self)).toBe(true);
    expect(isSameOriginRequest({ secFetchSite: "none" }, self)).toBe(true);
    expect(isSameOriginRequest({ secFetchSite: "cross-site" }, self)).toBe(false);
    expect(isSameOriginRequest({ secFetchSite: "same-site" }, self)).toBe(false);
  });

  it("refuses a request with neither header", () => {
    expect(isSameOriginRequest({}, self)).toBe(false);
  });

  it("lets Origin win over a permissive Sec-Fetch-Site", () => {
    expect(isSameOriginRequest({ origin: "https://evil.example", secFetchSite: "same-origin" }, self)).toBe(false);
  });
});

describe("contentSecurityPolicy", () => {
  it("allows only nonced inline scripts and forbids framing", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain("unsafe-inline' ;");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

describe("newNonce", () => {
  it("gives 128 random bits per response, never the same twice, across refills of its pool", () => {
    const nonces = Array.from({ length: 1000 }, newNonce);
    expect(new Set(nonces).size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    // Random bytes: over 16,000 of them every byte value turns up.
    expect(new Set(nonces.flatMap((n) => [...Buffer.from(n, "base64")])).size).toBe(256);
  });
});
