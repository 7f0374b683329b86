import type { Types } from 'mongoose';
import { listRedis } from './connection';

/**
 * Each site's latest closed conversations as a Redis sorted set (conversation id → closing time).
 * The embedded database sorts a filtered read in its own process after reading every match, so
 * "the site's 50 latest closed" read from the database costs what is stored that day or more; read
 * here it costs the page. It is an index, not the record: when the set is missing (a new version,
 * Redis lost its data) it is rebuilt from the database's day buckets.
 */
const KEEP = 1_000;
/** Marks a rebuilt set, so a site with nothing closed is not rebuilt on every read. */
const BUILT = '~built';

const keyOf = (siteId: Types.ObjectId) => `closed:${siteId.toHexString()}`;

export const closedList = {
  async add(siteId: Types.ObjectId, conversationId: Types.ObjectId, closedAt: Date): Promise<void> {
    await listRedis()
      .multi()
      .zadd(keyOf(siteId), closedAt.getTime(), conversationId.toHexString())
      .zremrangebyrank(keyOf(siteId), 0, -(KEEP + 2))
      .exec();
  },

  async remove(siteId: Types.ObjectId, conversationIds: string[]): Promise<void> {
    if (conversationIds.length) await listRedis().zrem(keyOf(siteId), ...conversationIds);
  },

  /** The ids of the latest `limit` closed, newest first; `rebuild` answers the latest closed from the database when the set is missing. */
  async latest(
    siteId: Types.ObjectId,
    limit: number,
    rebuild: () => Promise<Array<{ _id: Types.ObjectId; closedAt?: Date | null }>>,
  ): Promise<string[]> {
    const redis = listRedis();
    const key = keyOf(siteId);
    if (!(await redis.exists(key))) {
      const found = await rebuild();
      const members = found.flatMap((c) => [c.closedAt?.getTime() ?? 0, c._id.toHexString()]);
      await redis.zadd(key, 0, BUILT, ...members);
    }
    return redis.zrevrangebyscore(key, '+inf', '(0', 'LIMIT', 0, limit);
  },
};
