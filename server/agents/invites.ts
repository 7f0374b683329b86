import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../infra/clock';

export const INVITE_TTL_HOURS = 72;

/**
 * One-time invite links: a random token in the link, stored in Redis only as its SHA-256 under an
 * expiry. Using one is a GETDEL, so two clicks (or two processes) can never both use it.
 */
export class Invites {
  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
  ) {}

  /** Issues a new link for the user; any earlier link of theirs stops working. */
  async issue(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(24).toString('base64url');
    const ttlSeconds = INVITE_TTL_HOURS * 3600;
    const previous = await this.redis.get(latestKey(userId));
    const tx = this.redis.multi().set(inviteKey(token), userId, 'EX', ttlSeconds).set(latestKey(userId), hashOf(token), 'EX', ttlSeconds);
    if (previous) tx.del(`invite:${previous}`);
    await tx.exec();
    return { token, expiresAt: new Date(this.clock.now() + ttlSeconds * 1000) };
  }

  /** The user a still valid token names, without using it. */
  peek(token: string): Promise<string | null> {
    return this.redis.get(inviteKey(token));
  }

  /** Uses the token: the user it named, once; null when unknown, expired or already used. */
  async use(token: string): Promise<string | null> {
    const userId = await this.redis.getdel(inviteKey(token));
    if (userId) await this.redis.del(latestKey(userId));
    return userId;
  }

  async revoke(userId: string): Promise<void> {
    const previous = await this.redis.getdel(latestKey(userId));
    if (previous) await this.redis.del(`invite:${previous}`);
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function inviteKey(token: string): string {
  return `invite:${hashOf(token)}`;
}

function latestKey(userId: string): string {
  return `invite-latest:${userId}`;
}
