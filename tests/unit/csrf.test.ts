import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "~/server/csrf";
import { contentSecurityPolicy } from "~/server/security";

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
