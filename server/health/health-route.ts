import type { Redis } from 'ioredis';
import type { RequestHandler } from 'express';
import type { HealthResponse } from '../../shared/contract';

const PROBE_TIMEOUT_MS = 1500;

function withTimeout<T>(probe: Promise<T>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  return Promise.race([
    probe.then(
      () => true,
      () => false,
    ),
    timeout,
  ]).finally(() => clearTimeout(timer));
}

/** `GET /healthz`: 200 when the database and Redis both answer a ping, 503 otherwise. */
export function healthRoute(pingDatabase: () => Promise<void>, redis: Redis): RequestHandler {
  return async (_req, res) => {
    const [database, cache] = await Promise.all([withTimeout(pingDatabase()), withTimeout(redis.ping())]);
    const body: HealthResponse = {
      status: database && cache ? 'ok' : 'unavailable',
      database: database ? 'up' : 'down',
      redis: cache ? 'up' : 'down',
    };
    res.status(database && cache ? 200 : 503).json(body);
  };
}
