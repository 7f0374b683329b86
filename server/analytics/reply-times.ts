import type { Redis } from 'ioredis';

/** First replies kept per site, newest first, and how far back they count. */
const KEPT = 50;
const RECENT_MS = 30 * 86_400_000;

/**
 * The site's recent first-response times (seconds from a conversation's start to its first agent
 * reply), the latest `KEPT` of them in a Redis list per site: what "usually replies in about N
 * minutes" is computed from. If Redis loses them, the widget says nothing until replies come again.
 */
export class ReplyTimes {
  constructor(private readonly redis: Redis) {}

  async record(siteId: string, at: Date, seconds: number): Promise<void> {
    const key = `reply-times:${siteId}`;
    await this.redis
      .multi()
      .lpush(key, `${at.getTime()}:${Math.round(seconds)}`)
      .ltrim(key, 0, KEPT - 1)
      .exec();
  }

  /** The site's first-response times of the last 30 days before `now`, in seconds. */
  async recent(siteId: string, now: number): Promise<number[]> {
    const entries = await this.redis.lrange(`reply-times:${siteId}`, 0, KEPT - 1);
    return entries.flatMap((entry) => {
      const [at, seconds] = entry.split(':').map(Number);
      return at !== undefined && seconds !== undefined && now - at <= RECENT_MS && now >= at ? [seconds] : [];
    });
  }
}
