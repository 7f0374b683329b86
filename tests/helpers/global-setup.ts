import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo } from '../../server/infra/embedded-mongo';
import { startEmbeddedRedis } from '../../server/infra/embedded-redis';
import { useServerBundle } from './server-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    redisUrl: string;
  }
}

interface Services {
  mongoUri: string;
  redisUrl: string;
  stop(): Promise<void>;
}

/**
 * The integration and end-to-end projects both name this file; vitest sets each project up on its
 * own, in one process, so the first starts the services and the last to tear down stops them.
 */
const shared = globalThis as { lcTestServices?: { users: number; services: Promise<Services> } };

/**
 * Starts what the integration and end-to-end tests need, once per run: the embedded database and a
 * private Redis in a temporary folder (or the ones MONGODB_URI / REDIS_URL name). Each test file then
 * gets its own database name and Redis key prefix. (The server bundle for server processes is made
 * meanwhile, see server-bundle.ts.)
 */
async function startServices(): Promise<Services> {
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
  return {
    mongoUri,
    redisUrl,
    stop: async () => {
      await Promise.all(stops.map((stop) => stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.lcTestServices ??= { users: 0, services: startServices() };
  const entry = shared.lcTestServices;
  entry.users += 1;
  const [{ mongoUri, redisUrl }, server] = await Promise.all([entry.services, useServerBundle()]);
  project.provide('mongoUri', mongoUri);
  project.provide('redisUrl', redisUrl);
  project.provide('serverBundle', server.entry);
  return async () => {
    server.release();
    entry.users -= 1;
    if (entry.users > 0) return;
    shared.lcTestServices = undefined;
    await (await entry.services).stop();
  };
}
