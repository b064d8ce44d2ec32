import { EventEmitter } from "node:events";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { admission } from "~/server/admission";

interface Fake {
  req: Request;
  res: Response & EventEmitter;
  started: boolean;
}

function request(path = "/my/exams", method = "GET"): Fake {
  const fake = { req: { path, method, destroyed: false } as unknown as Request, res: new EventEmitter() as Response & EventEmitter, started: false };
  return fake;
}

function send(admit: ReturnType<typeof admission>, fake: Fake, order: string[], name: string) {
  admit(fake.req, fake.res, (() => {
    fake.started = true;
    order.push(name);
  }) as NextFunction);
}

describe("admission", () => {
  it("works on at most `limit` requests at once and starts the waiting ones in arrival order", async () => {
    const admit = admission(2, () => false);
    const order: string[] = [];
    const fakes = ["a", "b", "c", "d", "e"].map((name) => ({ name, fake: request() }));
    for (const { name, fake } of fakes) send(admit, fake, order, name);
    expect(order).toEqual(["a", "b"]);
    expect(admit.load()).toEqual({ active: 2, waiting: 3 });

    fakes[1]!.fake.res.emit("close");
    // Not inside the finished request's callback, but on the next turn.
    expect(order).toEqual(["a", "b"]);
    await nextTurn();
    expect(order).toEqual(["a", "b", "c"]);

    fakes[0]!.fake.res.emit("close");
    fakes[2]!.fake.res.emit("close");
    await nextTurn();
    expect(order).toEqual(["a", "b", "c", "d", "e"]);
    expect(admit.load()).toEqual({ active: 2, waiting: 0 });
  });

  it("takes no slot for a client that left while waiting", async () => {
    const admit = admission(1, () => false);
    const order: string[] = [];
    const [a, gone, c] = [request(), request(), request()];
    send(admit, a, order, "a");
    send(admit, gone, order, "gone");
    send(admit, c, order, "c");
    (gone.req as { destroyed: boolean }).destroyed = true;
    a.res.emit("close");
    await nextTurn();
    expect(order).toEqual(["a", "c"]);
    expect(admit.load()).toEqual({ active: 1, waiting: 0 });
  });

  it("lets exempt requests through at once, whatever the queue", () => {
    const admit = admission(1, (req) => req.method === "POST" && req.path === "/login");
    const order: string[] = [];
    send(admit, request(), order, "page");
    send(admit, request(), order, "page 2");
    send(admit, request("/login", "POST"), order, "login");
    expect(order).toEqual(["page", "login"]);
    expect(admit.load()).toEqual({ active: 1, waiting: 1 });
  });

  it("keeps arrival order: a newcomer does not overtake the queue when a slot is free for a moment", async () => {
    const admit = admission(1, () => false);
    const order: string[] = [];
    const [a, b, c] = [request(), request(), request()];
    send(admit, a, order, "a");
    send(admit, b, order, "b");
    a.res.emit("close");
    send(admit, c, order, "c");
    await nextTurn();
    expect(order).toEqual(["a", "b"]);
    b.res.emit("close");
    await nextTurn();
    expect(order).toEqual(["a", "b", "c"]);
  });
});
