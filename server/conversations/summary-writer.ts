import { systemClock, type Clock } from '../infra/clock';

/**
 * Writes conversations' live summaries (see ConversationCache) to the database once each
 * conversation pauses, or after a maximum delay in one that never does — one write at a time: on the
 * embedded database an update holds the file lock for milliseconds, and a burst of them would queue
 * every chat message's insert behind it.
 */
export class SummaryWriter {
  private readonly due = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  private readonly queue = new Set<string>();
  private draining: Promise<void> | null = null;

  constructor(
    private readonly write: (id: string) => Promise<unknown>,
    private readonly quietMs: number,
    private readonly maxDelayMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The conversation's summary changed in Redis. */
  touched(id: string): void {
    const since = this.due.get(id)?.since ?? this.clock.now();
    clearTimeout(this.due.get(id)?.timer);
    const delay = Math.min(this.quietMs, Math.max(0, since + this.maxDelayMs - this.clock.now()));
    const timer = setTimeout(() => {
      this.due.delete(id);
      this.enqueue(id);
    }, delay);
    timer.unref();
    this.due.set(id, { timer, since });
  }

  /** Another update already wrote the summary. */
  written(id: string): void {
    clearTimeout(this.due.get(id)?.timer);
    this.due.delete(id);
    this.queue.delete(id);
  }

  /** Writes everything still pending (a graceful shutdown). */
  async flush(): Promise<void> {
    for (const [id, { timer }] of this.due) {
      clearTimeout(timer);
      this.queue.add(id);
    }
    this.due.clear();
    this.drain();
    await this.draining;
  }

  private enqueue(id: string): void {
    this.queue.add(id);
    this.drain();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      // A Set visits what is added while it is iterated: one loop drains every arrival.
      for (const id of this.queue) {
        this.queue.delete(id);
        await this.write(id).catch(() => undefined); // Redis keeps the summary; the next change retries
      }
      this.draining = null;
    })();
  }
}
