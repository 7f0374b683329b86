import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger';
import { countsOf, type AnalyticsFact, type Count } from './facts';

/** A site's day of counts not yet in MongoDB: a Redis hash of `<family>|<key>` → n. */
export const pendingKey = (siteId: string, day: string): string => `analytics:pending:${siteId}:${day}`;
/** `<site id>:<day>` of every pending hash. */
export const DIRTY_DAYS = 'analytics:dirty';

/**
 * The one write path of analytics: a fact becomes Redis `HINCRBY`s on its site's day (atomic across
 * processes, unlike updates on the embedded FerretDB); `RollupFlusher` moves them into MongoDB.
 */
export class AnalyticsRecorder {
  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  /** Never throws: a lost count must not fail the visitor's or agent's request. */
  async record(fact: AnalyticsFact): Promise<void> {
    try {
      await this.add(fact.siteId, countsOf(fact));
    } catch (err) {
      this.log.warn({ err, type: fact.type }, 'analytics: could not record a fact');
    }
  }

  /** Adds counts to a site's days in one round trip (also how demo data and the bench load many facts). */
  async add(siteId: string, counts: Count[]): Promise<void> {
    if (counts.length === 0) return;
    const multi = this.redis.multi();
    for (const { day, family, key, n } of counts) {
      multi.hincrby(pendingKey(siteId, day), `${family}|${key}`, n);
      multi.sadd(DIRTY_DAYS, `${siteId}:${day}`);
    }
    await multi.exec();
  }
}
