import type { Redis } from 'ioredis';

/**
 * Removes what Redis holds about a visitor and their conversations: every key naming one of the ids
 * (conversation caches, counters, rate limits, presence, resume tokens) and the ids as members of the
 * site's collection keys (inbox search sets, the closed list). Bull's keys are left to the queues (see `removeJobsNaming`).
 * Idempotent: it deletes what it finds.
 */
export async function removeRedisTraces(redis: Redis, prefix: string, siteId: string, ids: readonly string[]): Promise<void> {
  // One pass over the deployment's keys (SCAN with MATCH visits every key anyway).
  for await (const found of scan(redis, `${prefix}:*`)) {
    const keys = found.filter((key) => !key.startsWith(`${prefix}:bull:`)).map((key) => key.slice(prefix.length + 1));
    const naming = keys.filter((key) => ids.some((id) => key.includes(id)));
    if (naming.length > 0) await redis.unlink(...naming);
    await removeMembers(
      redis,
      keys.filter((key) => key.includes(siteId) && !naming.includes(key)),
      ids,
    );
  }
}

/** Takes the ids out of the site's collection keys (the inbox search sets, the closed list, presence sets), a pipeline per batch. */
async function removeMembers(redis: Redis, keys: string[], ids: readonly string[]): Promise<void> {
  const typing = redis.pipeline();
  for (const key of keys) typing.type(key);
  const types = ((await typing.exec()) ?? []).map(([, type]) => type);
  const removing = redis.pipeline();
  keys.forEach((key, i) => {
    if (types[i] === 'zset') removing.zrem(key, ...ids);
    else if (types[i] === 'set') removing.srem(key, ...ids);
    else if (types[i] === 'hash') removing.hdel(key, ...ids);
    else if (types[i] === 'list') for (const id of ids) removing.lrem(key, 0, id);
  });
  await removing.exec();
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
