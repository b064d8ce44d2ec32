import type { AppLoadContext } from "@remix-run/node";
import type { KyselyPlugin } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "#db/client";
import type { SessionUser } from "~/modules/auth/session.server";
import { action } from "~/routes/_app.attempts.$id._index";

const handle = createDb("file::memory:");
afterAll(() => handle.db.destroy());

/** Every query fails as it does while MariaDB restarts, or with the error given. */
function failingDb(error: Error) {
  const plugin: KyselyPlugin = {
    transformQuery: () => {
      throw error;
    },
    transformResult: async (args) => args.result,
  };
  return handle.db.withPlugin(plugin);
}

const trainee: SessionUser = {
  id: 7,
  sessionId: "s",
  name: "网格员",
  employeeNo: "G7",
  orgUnitId: 1,
  orgPath: "/1/",
  tier: "grid",
  post: "网格员",
  mustChangePassword: false,
  grants: [{ role: "trainee", scopeOrgUnitId: null, scopePath: null }],
};

function submit(error: Error) {
  const context = { db: failingDb(error), dialect: "sqlite", lucia: null as never, nonce: "", clientAddress: "127.0.0.1", user: trainee } as AppLoadContext;
  const body = new URLSearchParams({ intent: "submit" });
  return action({ request: new Request("http://localhost/attempts/5", { method: "POST", body }), context, params: { id: "5" } });
}

describe("the taking page's submit while the database is away", () => {
  it("answers 503 with Retry-After and a message on the page, not an error page", async () => {
    const result = (await submit(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" }))) as unknown as {
      data: { message: string; errors: object };
      init: { status: number; headers: Record<string, string> };
    };
    expect(result.init.status).toBe(503);
    expect(Number(result.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(result.data.message).toMatch(/^系统繁忙/);
    expect(result.data.errors).toEqual({});
  });

  it("still fails loudly on anything else", async () => {
    await expect(submit(new Error("a bug"))).rejects.toThrow("a bug");
  });
});
