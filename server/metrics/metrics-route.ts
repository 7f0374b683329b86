import type { RequestHandler } from 'express';
import { metricsAccess } from './metrics-access';
import type { ServerMetrics } from './server-metrics';

/** `GET /metrics`: the Prometheus text of this server instance, for loopback or the bearer of `METRICS_TOKEN`. */
export function metricsRoute(metrics: ServerMetrics, token: string | undefined): RequestHandler {
  return async (req, res, next) => {
    const access = metricsAccess(req.ip ?? '', req.headers.authorization, token);
    if (access === 'unauthorized') {
      res.set('WWW-Authenticate', 'Bearer realm="metrics"').status(401).type('text/plain').send('A bearer token is needed.\n');
      return;
    }
    if (access === 'forbidden') {
      res.status(403).type('text/plain').send('Metrics are served to loopback addresses or the bearer of METRICS_TOKEN.\n');
      return;
    }
    try {
      const text = await metrics.scrape();
      res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
    } catch (err) {
      next(err);
    }
  };
}
