import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisLock } from '../../server/data/redis-lock';

// The data layer's one concurrency mechanism: a lock per record in Redis, shared by every server
// process. Each `RedisLock` here has its own Redis connection, as two processes would.
let connections: Redis[] = [];
const prefix = `lock-test-${process.pid}-${Date.now()}:`;

function lockOfAnotherProcess(timing: ConstructorParameters<typeof RedisLock>[1] = {}): RedisLock {
  const redis = new Redis(inject('redisUrl'), { keyPrefix: prefix });
  connections.push(redis);
  return new RedisLock(redis, timing);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => {
  connections = [];
});
afterAll(() => {
  for (const redis of connections) redis.disconnect();
});

describe('record lock', () => {
  it('lets one holder at a time do its work, across processes', async () => {
    const [a, b] = [lockOfAnotherProcess(), lockOfAnotherProcess()];
    let inside = 0;
    let overlaps = 0;
    let done = 0;
    const work = async () => {
      inside += 1;
      if (inside > 1) overlaps += 1;
      await sleep(1);
      inside -= 1;
      done += 1;
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).run('visitor:one', work)));
    expect({ overlaps, done }).toEqual({ overlaps: 0, done: 40 });
  });

  it('answers `unavailable` after its bounded wait, and frees the lock when the work fails', async () => {
    const holder = lockOfAnotherProcess();
    const impatient = lockOfAnotherProcess({ maxWaitMs: 50 });
    let release = () => {};
    let inside = () => {};
    const holding = new Promise<void>((resolve) => (inside = resolve));
    const held = holder.run('visitor:busy', () => {
      inside();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    const started = Date.now();
    await expect(impatient.run('visitor:busy', async () => 'never')).rejects.toMatchObject({ code: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(1_000);
    release();
    await held;

    await expect(holder.run('visitor:busy', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await impatient.run('visitor:busy', async () => 'free again')).toBe('free again');
  });

  it('a holder whose lease ran out never releases the next holder', async () => {
    const slow = lockOfAnotherProcess({ leaseMs: 30 });
    const next = lockOfAnotherProcess();
    let nextHolds = false;
    const slowWork = slow.run('visitor:lease', () => sleep(80));
    await sleep(40); // the slow holder's lease has expired: the next one gets the lock
    const nextWork = next.run('visitor:lease', async () => {
      nextHolds = true;
      await sleep(80); // the slow holder finishes (and releases) meanwhile
      const third = lockOfAnotherProcess({ maxWaitMs: 20 });
      await expect(third.run('visitor:lease', async () => 'stolen')).rejects.toMatchObject({ code: 'unavailable' });
    });
    await Promise.all([slowWork, nextWork]);
    expect(nextHolds).toBe(true);
  });

  it('costs two Redis round trips when free (figure printed)', async () => {
    const lock = lockOfAnotherProcess();
    const redis = connections.at(-1)!;
    const runs = 2_000;
    for (let i = 0; i < 200; i++) await lock.run(`visitor:warm-${i}`, async () => undefined);
    let started = performance.now();
    for (let i = 0; i < runs; i++) await redis.ping();
    const pingMs = (performance.now() - started) / runs;
    started = performance.now();
    for (let i = 0; i < runs; i++) await lock.run(`visitor:cost-${i % 50}`, async () => undefined);
    const lockMs = (performance.now() - started) / runs;
    console.log(
      `[lock] uncontended acquire + release: ${lockMs.toFixed(3)} ms per record write (one Redis round trip: ${pingMs.toFixed(3)} ms)`,
    );
    expect(lockMs).toBeGreaterThan(0);
  });
});
