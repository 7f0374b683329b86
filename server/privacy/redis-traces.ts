import type { Redis } from 'ioredis';

/**
 * Removes what Redis holds about a visitor and their conversations: every key naming one of the ids
 * (conversation caches, counters, rate limits, presence, resume tokens) and the ids as members of the
 * site's collection keys (inbox search sets, the closed list). Bull's keys are left to the queues (see `removeJobsNaming`).
 * Idempotent: it deletes what it finds.
 */
export async function removeRedisTraces(redis: Redis, prefix: string, siteId: string, ids: readonly string[]): Promise<void> {
  const bullKeys = `${prefix}:bull:`;
  for (const id of ids) {
    for await (const keys of scan(redis, `${prefix}:*${id}*`)) {
      const ours = keys.filter((key) => !key.startsWith(bullKeys)).map((key) => key.slice(prefix.length + 1));
      if (ours.length > 0) await redis.unlink(...ours);
    }
  }
  for await (const keys of scan(redis, `${prefix}:*${siteId}*`)) {
    for (const key of keys.filter((k) => !k.startsWith(bullKeys))) await removeMembers(redis, key.slice(prefix.length + 1), ids);
  }
}

/** Takes the ids out of a collection key of the site (the inbox search sets, the closed list, presence sets). */
async function removeMembers(redis: Redis, key: string, ids: readonly string[]): Promise<void> {
  const type = await redis.type(key);
  if (type === 'zset') await redis.zrem(key, ...ids);
  else if (type === 'set') await redis.srem(key, ...ids);
  else if (type === 'hash') await redis.hdel(key, ...ids);
  else if (type === 'list') for (const id of ids) await redis.lrem(key, 0, id);
}

/** SCAN over full key names (the client's key prefix is not applied to a MATCH pattern). */
async function* scan(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) yield keys;
  } while (cursor !== '0');
}
