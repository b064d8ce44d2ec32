/** Thrown when the wait queue is full: the caller should answer 429 with Retry-After. */
export class QueueFullError extends Error {
  constructor() {
    super("queue full");
  }
}

/**
 * Runs at most `limit` tasks at once and queues up to `queueLimit` more, so a burst (a login storm
 * at the start of a city-wide exam) waits its turn instead of starving every other request.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly queueLimit: number,
  ) {}

  get queued(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queueLimit) throw new QueueFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter; only free it when nobody waits.
      if (next) next();
      else this.running--;
    }
  }
}
