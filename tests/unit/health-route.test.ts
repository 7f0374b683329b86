import type { Request, Response } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type HealthProbe, healthRoute } from '../../server/health/health-route';

const never = () => new Promise<never>(() => {});
const up: HealthProbe = { ping: async () => 'PONG', connected: () => true };

async function check(database: HealthProbe, redis: HealthProbe = up) {
  const answer: { status?: number; body?: unknown } = {};
  const res = {
    status(code: number) {
      answer.status = code;
      return this;
    },
    json(body: unknown) {
      answer.body = body;
    },
  } as unknown as Response;
  const handled = healthRoute(database, redis)({} as Request, res, () => {});
  await vi.advanceTimersByTimeAsync(2_000);
  await handled;
  return answer;
}

afterEach(() => vi.useRealTimers());

describe('GET /healthz', () => {
  it('is up when both answer, and down naming the service whose ping fails', async () => {
    vi.useFakeTimers();
    expect(await check(up)).toEqual({ status: 200, body: { status: 'ok', database: 'up', redis: 'up' } });
    const refused: HealthProbe = { ping: () => Promise.reject(new Error('ECONNREFUSED')), connected: () => false };
    expect(await check(up, refused)).toEqual({ status: 503, body: { status: 'unavailable', database: 'up', redis: 'down' } });
  });

  it('counts a slow ping as up while the connection holds (busy, not gone), and as down once it is lost', async () => {
    vi.useFakeTimers();
    expect(await check({ ping: never, connected: () => true })).toEqual({
      status: 200,
      body: { status: 'ok', database: 'up', redis: 'up' },
    });
    expect(await check({ ping: never, connected: () => false })).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'down', redis: 'up' },
    });
  });
});
