import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin this app is served at, as the browser sees it. */
export function expectedOrigin(req: Request, configured: string | undefined): string {
  if (configured) return new URL(configured).origin;
  // req.protocol honours X-Forwarded-Proto only when "trust proxy" is on.
  return `${req.protocol}://${req.get("host")}`;
}

/**
 * Decides whether a state-changing request comes from our own pages. Browsers send Origin on every
 * cross-origin and same-origin POST; Sec-Fetch-Site covers the rare request without it. A request
 * with neither is refused: only non-browser clients omit both, and they can send Origin.
 */
export function isSameOriginRequest(headers: { origin?: string; secFetchSite?: string }, expected: string): boolean {
  if (headers.origin) return headers.origin === expected;
  if (headers.secFetchSite) return headers.secFetchSite === "same-origin" || headers.secFetchSite === "none";
  return false;
}

/** Applies to every non-GET request: document posts, single-fetch `.data` requests, resource routes. */
export function originCheck(configuredOrigin: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const ok = isSameOriginRequest(
      { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") },
      expectedOrigin(req, configuredOrigin),
    );
    if (ok) return next();
    res.status(403).type("text/plain; charset=utf-8").send("跨站请求已被拒绝（来源校验失败）");
  };
}
