// Route matching as the server runs it (the router's CommonJS build, with the caches added by
// patches/@remix-run+router+*.patch): repeated matches of one path answer the same as the first
// and hand every caller its own match objects.
import { createRequire } from "node:module";
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";

const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: typeof MatchRoutes };

const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "",
    children: [
      {
        id: "app",
        children: [
          { id: "home", path: "home" },
          { id: "attempt", path: "attempts/:id" },
          { id: "attempt-result", path: "attempts/:id/result" },
          { id: "bank", path: "banks/:bankId", children: [{ id: "bank-index", index: true }, { id: "question", path: "questions/:questionId" }] },
        ],
      },
      { id: "login", path: "login" },
      { id: "splat", path: "*" },
    ],
  },
];

const summary = (matches: ReturnType<typeof MatchRoutes>) => matches?.map((m) => ({ id: m.route.id, params: { ...m.params }, pathname: m.pathname, pathnameBase: m.pathnameBase }));

describe("matchRoutes on the server", () => {
  it("answers a repeated match exactly as the first one", () => {
    for (const path of ["/attempts/12", "/attempts/12/result", "/banks/3", "/banks/3/questions/9", "/login", "/nowhere/at/all", "/"]) {
      const first = summary(matchRoutes(routes, path));
      expect(summary(matchRoutes(routes, path))).toEqual(first);
      expect(summary(matchRoutes(routes, { pathname: path }))).toEqual(first);
    }
    expect(summary(matchRoutes(routes, "/banks/3/questions/9"))?.map((m) => m.id)).toEqual(["root", "app", "bank", "question"]);
    expect(matchRoutes(routes, "/banks/3/questions/9")!.at(-1)!.params).toEqual({ bankId: "3", questionId: "9" });
    expect(summary(matchRoutes(routes, "/nowhere/at/all"))?.map((m) => m.id)).toEqual(["root", "splat"]);
  });

  it("gives each caller its own match objects, sharing one params object within a result as the router does", () => {
    const spoil = (matches: NonNullable<ReturnType<typeof MatchRoutes>>) => {
      (matches[0]!.params as Record<string, string>).id = "changed";
      (matches[1] as { pathname: string }).pathname = "/changed";
    };
    // The first call computes the match, the later ones are answered from what was kept.
    const calls: Array<NonNullable<ReturnType<typeof MatchRoutes>>> = [];
    for (let i = 0; i < 3; i++) {
      const matches = matchRoutes(routes, "/attempts/7")!;
      calls.push(matches);
      expect(matches.map((m) => m.params.id)).toEqual(["7", "7", "7"]);
      expect(matches[1]!.pathname).toBe("/");
      expect(matches[0]!.params).toBe(matches[2]!.params);
      spoil(matches);
      if (i > 0) expect(matches[0]).not.toBe(calls[i - 1]![0]);
    }
    expect(matchRoutes(routes, "/attempts/7")!.map((m) => m.params.id)).toEqual(["7", "7", "7"]);
  });

  it("matches distinct paths distinctly, past the cache's bound", () => {
    for (let id = 1; id <= 2500; id++) expect(matchRoutes(routes, `/attempts/${id}`)!.at(-1)!.params.id).toBe(String(id));
    expect(matchRoutes(routes, "/attempts/1")!.at(-1)!.route.id).toBe("attempt");
  });
});
