import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../shared/contract';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/infra/embedded-mongo';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../server/infra/embedded-redis';
import { startTestServer, type TestServer } from '../helpers/test-server';

// This file runs on services of its own, because it stops them.
let dataDir: string;
let mongo: EmbeddedMongo;
let redis: EmbeddedRedis;
let server: TestServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lc-health-'));
  [mongo, redis] = await Promise.all([startEmbeddedMongo(dataDir, () => undefined), startEmbeddedRedis(dataDir)]);
  server = await startTestServer({}, { mongoUri: mongo.uri, redisUrl: redis.url });
});
afterAll(async () => {
  await server?.close().catch(() => undefined);
  await Promise.all([mongo?.stop(), redis?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

async function health(): Promise<{ status: number; body: HealthResponse }> {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthResponse };
}

describe('GET /healthz when a backing service is down', () => {
  it('answers 200 while both are up', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: 'up', redis: 'up' } });
  });

  it('answers 503 naming Redis when Redis stops', async () => {
    await redis.stop();
    await expect.poll(health, { timeout: 10_000 }).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'up', redis: 'down' },
    });
  });

  it('answers 503 naming the database when it stops too', async () => {
    await mongo.stop();
    await expect.poll(health, { timeout: 10_000 }).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'down', redis: 'down' },
    });
  });
});
