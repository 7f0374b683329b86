import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Clock } from '../infra/clock';

const SessionData = z.object({ userId: z.string(), siteId: z.string(), createdAt: z.number() });
export type SessionData = z.infer<typeof SessionData>;

/**
 * Agent sessions: an opaque random token in an httpOnly cookie, stored in Redis only as its SHA-256
 * (a leaked Redis dump yields no usable cookie). Each user's sessions are indexed so that all of
 * them can be revoked at once.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {}

  async create(data: Omit<SessionData, 'createdAt'>): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const key = sessionKey(token);
    await this.redis
      .multi()
      .set(key, JSON.stringify({ ...data, createdAt: this.clock.now() }), 'EX', this.ttlSeconds)
      .sadd(userKey(data.userId), key)
      .expire(userKey(data.userId), this.ttlSeconds)
      .exec();
    return token;
  }

  /** Returns the session and slides its expiry, or null when unknown or expired. */
  async get(token: string): Promise<SessionData | null> {
    const key = sessionKey(token);
    const raw = await this.redis.get(key);
    if (!raw) return null;
    const parsed = SessionData.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    await this.redis.expire(key, this.ttlSeconds);
    return parsed.data;
  }

  async destroy(token: string): Promise<void> {
    const key = sessionKey(token);
    const raw = await this.redis.get(key);
    const userId = raw ? SessionData.safeParse(JSON.parse(raw)).data?.userId : undefined;
    const tx = this.redis.multi().del(key);
    if (userId) tx.srem(userKey(userId), key);
    await tx.exec();
  }

  async destroyAllFor(userId: string): Promise<void> {
    const keys = await this.redis.smembers(userKey(userId));
    await this.redis.del(...keys, userKey(userId));
  }
}

function sessionKey(token: string): string {
  return `session:${createHash('sha256').update(token).digest('hex')}`;
}

function userKey(userId: string): string {
  return `user-sessions:${userId}`;
}
