import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger';
import { analyticsDays, dayDocId, type AnalyticsDay, type Row } from '../data';
import { FAMILIES, type Family } from './facts';
import { DIRTY_DAYS, pendingKey } from './recorder';

/** Batches taken out of `pending` and not yet written (a crashed flush leaves them here to retry). */
const FLUSHING = 'analytics:flushing';
const LOCK = 'analytics:flush-lock';
const LOCK_MS = 30_000;
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** A batch's `<family>|<key>` → n fields, by family. */
export function splitBatch(fields: Record<string, string>): Map<Family, Map<string, number>> {
  const byFamily = new Map<Family, Map<string, number>>();
  for (const [field, value] of Object.entries(fields)) {
    const at = field.indexOf('|');
    const family = field.slice(0, at) as Family;
    if (!FAMILIES.includes(family)) continue;
    const counts = byFamily.get(family) ?? new Map<string, number>();
    counts.set(field.slice(at + 1), Number(value));
    byFamily.set(family, counts);
  }
  return byFamily;
}

/** Adds a family's counts to its day document (pure). */
export function mergeDay(doc: AnalyticsDay | null, siteId: string, day: string, added: Map<string, number>, batch: string): AnalyticsDay {
  const totals = new Map<string, number>(doc?.rows.map((r) => [r.key, r.n]));
  for (const [key, n] of added) totals.set(key, (totals.get(key) ?? 0) + n);
  return { _id: dayDocId(siteId, day), siteId, day, lastBatch: batch, rows: [...totals].map(([key, n]): Row => ({ key, n })) };
}

/**
 * Moves pending counts from Redis into the day documents. One flush at a time across processes (a
 * Redis lock), so the read-add-replace of a day document has a single writer; a batch is renamed out
 * of `pending` atomically, and its id is stored with the document, so a retried batch adds nothing.
 */
export class RollupFlusher {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  /** Flushes every `intervalMs` in the background; reports also flush before reading. */
  start(intervalMs = 30_000): void {
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.log.warn({ err }, 'analytics: flush failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Returns the number of day batches written; waits up to `waitMs` for another process's flush. */
  async flush(waitMs = 0): Promise<number> {
    const written = await this.exclusive(waitMs, async () => {
      let written = 0;
      // Leftovers of a crashed flush go first: a day's batches must be written in order for `lastBatch` to guard them.
      for (const batch of await this.redis.smembers(FLUSHING)) written += await this.finish(batch);
      for (const member of await this.redis.smembers(DIRTY_DAYS)) {
        const [siteId, day] = member.split(':') as [string, string];
        const batch = `analytics:batch:${member}:${randomUUID()}`;
        // RENAME fails when there is nothing pending any more; the empty batch is then skipped.
        await this.redis.multi().srem(DIRTY_DAYS, member).sadd(FLUSHING, batch).rename(pendingKey(siteId, day), batch).exec();
        written += await this.finish(batch);
      }
      return written;
    });
    return written ?? 0;
  }

  /**
   * Runs `work` while no flush runs in any process (the flush lock), waiting up to `waitMs` for one;
   * null when it stayed busy. The monthly rollup moves day documents under it. `work` must end well
   * within the lock's lease.
   */
  async exclusive<T>(waitMs: number, work: () => Promise<T>): Promise<T | null> {
    const token = randomUUID();
    const giveUpAt = Date.now() + waitMs;
    while ((await this.redis.set(LOCK, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
      if (Date.now() >= giveUpAt) return null;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, LOCK, token);
    }
  }

  private async finish(batch: string): Promise<number> {
    const written = await this.write(batch);
    await this.redis.multi().del(batch).srem(FLUSHING, batch).exec();
    return written ? 1 : 0;
  }

  private async write(batch: string): Promise<boolean> {
    const fields = await this.redis.hgetall(batch);
    if (Object.keys(fields).length === 0) return false;
    const [siteId, day] = batch.slice('analytics:batch:'.length).split(':') as [string, string];
    const id = dayDocId(siteId, day);
    await Promise.all(
      [...splitBatch(fields)].map(async ([family, added]) => {
        const doc = await analyticsDays.byId(family, id);
        if (doc?.lastBatch === batch) return;
        await analyticsDays.replace(family, mergeDay(doc, siteId, day, added, batch));
      }),
    );
    return true;
  }
}
