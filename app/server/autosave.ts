// POST /attempts/:id/answers served by express directly: the session, the permission and the
// save are the same modules the Remix routes use (app/modules/exams/autosave.server.ts), without
// the router's per-request work, which cost more than the save itself at thousands per second.
import express, { type NextFunction, type Request, type Response } from "express";
import type { Db } from "#db/client";
import type { AppLucia } from "~/modules/auth/lucia.server";
import { resolveSession } from "~/modules/auth/session.server";
import { autosave } from "~/modules/exams/autosave.server";

export function autosaveRoute(db: Db, lucia: AppLucia) {
  const router = express.Router();
  router.post("/attempts/:id/answers", express.json({ limit: "64kb" }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { user, setCookie } = await resolveSession(db, lucia, req.get("cookie") ?? null);
      if (setCookie) res.append("Set-Cookie", setCookie);
      const reply = await autosave(db, { user, attemptId: req.params.id ?? "", body: req.body as unknown, requestPath: req.originalUrl });
      res.set("Cache-Control", "no-store");
      if (reply.status === 302) return res.redirect(302, reply.location);
      if (reply.retryAfterSeconds) res.set("Retry-After", String(reply.retryAfterSeconds));
      res.status(reply.status).json(reply.body);
    } catch (error) {
      next(error);
    }
  });
  // A body that is not JSON at all: the same answer as a JSON body of the wrong shape.
  router.use("/attempts/:id/answers", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === "entity.parse.failed" || (error as { type?: string }).type === "entity.too.large") {
      return res.status(400).set("Cache-Control", "no-store").json({ error: "请求无效" });
    }
    next(error);
  });
  return router;
}
