import { describe, expect, it } from "vitest";
import { QueueFullError, Semaphore } from "~/modules/auth/semaphore";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Semaphore", () => {
  it("runs at most `limit` tasks at once and queues the rest in order", async () => {
    const gate = new Semaphore(2, 10);
    const blockers = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        started.push(i);
        await b.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.active).toBe(2);
    expect(gate.queued).toBe(2);
    blockers[1].resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    blockers.forEach((b) => b.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(gate.active).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it("refuses work past the queue limit instead of growing without bound", async () => {
    const gate = new Semaphore(1, 1);
    const block = deferred();
    const first = gate.run(() => block.promise);
    const second = gate.run(async () => "queued");
    await expect(gate.run(async () => "third")).rejects.toBeInstanceOf(QueueFullError);
    block.resolve();
    await first;
    expect(await second).toBe("queued");
  });

  it("frees the slot when a task throws", async () => {
    const gate = new Semaphore(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => 7)).toBe(7);
  });
});
