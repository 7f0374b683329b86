import type { RequestHandler } from 'express';
import type { HealthResponse } from '../../shared/contract';

const PROBE_TIMEOUT_MS = 1500;

/** A backing service as the health check sees it: a round trip, and whether the client holds a connection. */
export interface HealthProbe {
  ping(): Promise<unknown>;
  connected(): boolean;
}

/**
 * Up when the ping answers. A ping still waiting after PROBE_TIMEOUT_MS counts as down only when the
 * connection is gone: a service busy under load is slow, not down, and as every process shares it,
 * a load balancer taking this one out would only move its sockets onto the others.
 */
function isUp({ ping, connected }: HealthProbe): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(connected()), PROBE_TIMEOUT_MS);
  });
  const answered = ping().then(
    () => true,
    () => false,
  );
  return Promise.race([answered, waited]).finally(() => clearTimeout(timer));
}

/** `GET /healthz`: 200 when the database and Redis both answer a ping (or are connected and busy), 503 otherwise. */
export function healthRoute(database: HealthProbe, redis: HealthProbe): RequestHandler {
  return async (_req, res) => {
    const [databaseUp, redisUp] = await Promise.all([isUp(database), isUp(redis)]);
    const body: HealthResponse = {
      status: databaseUp && redisUp ? 'ok' : 'unavailable',
      database: databaseUp ? 'up' : 'down',
      redis: redisUp ? 'up' : 'down',
    };
    res.status(databaseUp && redisUp ? 200 : 503).json(body);
  };
}
