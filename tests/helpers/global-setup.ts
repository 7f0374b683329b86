import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo } from '../../server/infra/embedded-mongo';
import { startEmbeddedRedis } from '../../server/infra/embedded-redis';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    redisUrl: string;
  }
}

/**
 * Starts what the integration and end-to-end tests need, once per run: the embedded database and a
 * private Redis in a temporary folder (or the ones MONGODB_URI / REDIS_URL name). Each test file then
 * gets its own database name and Redis key prefix.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lc-test-'));
  const stops: Array<() => Promise<void>> = [];
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    const mongo = await startEmbeddedMongo(dataDir, (line) => console.log(line));
    stops.push(mongo.stop);
    mongoUri = mongo.uri;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startEmbeddedRedis(dataDir);
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  project.provide('mongoUri', mongoUri);
  project.provide('redisUrl', redisUrl);
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
