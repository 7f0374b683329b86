import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error';

// Deletes the lock only while it still holds this holder's token: a holder whose lease ran out
// never releases the next holder's lock.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface LockTiming {
  /** The lease: longer than any locked work takes; a holder that died releases by expiry. */
  leaseMs: number;
  /** How long a caller waits for a busy lock before giving up with `unavailable`. */
  maxWaitMs: number;
  /** First retry delay; doubles up to `maxRetryMs`, with jitter so waiters don't retry in step. */
  retryMs: number;
  maxRetryMs: number;
}

const DEFAULT_TIMING: LockTiming = { leaseMs: 5_000, maxWaitMs: 5_000, retryMs: 2, maxRetryMs: 20 };

/**
 * Mutual exclusion per key across every server process: `SET key token NX PX lease` takes it,
 * a Lua compare-and-delete releases it. The embedded database applies an update by reading and
 * rewriting the whole document, so writers of one document take its lock first.
 */
export class RedisLock {
  private readonly timing: LockTiming;

  constructor(
    private readonly redis: Redis,
    timing: Partial<LockTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** Runs `work` while holding the lock named `key`. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lockKey = `lock:${key}`;
    const token = randomUUID();
    await this.acquire(lockKey, token);
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, lockKey, token);
    }
  }

  private async acquire(lockKey: string, token: string): Promise<void> {
    const { leaseMs, maxWaitMs, retryMs, maxRetryMs } = this.timing;
    const giveUpAt = Date.now() + maxWaitMs;
    for (let delay = retryMs; ; delay = Math.min(delay * 2, maxRetryMs)) {
      if ((await this.redis.set(lockKey, token, 'PX', leaseMs, 'NX')) === 'OK') return;
      if (Date.now() + delay > giveUpAt) throw new AppError('unavailable', 'This record is busy right now; please try again.');
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay));
    }
  }
}
