import { Router } from 'express';
import { AnalyticsQuery, AnalyticsReportName } from '../../shared/contract/analytics';
import { userFromCookie } from '../agents/current-user';
import { requirePermission } from '../agents/permissions';
import type { SessionStore } from '../agents/sessions';
import { parseBody, route } from '../edge/http';
import type { Analytics } from './analytics';
import { CSV_TABLES, toCsv } from './csv';

/**
 * `GET /api/analytics/<report>?from=YYYY-MM-DD&to=YYYY-MM-DD` answers JSON; `&format=csv` or
 * `<report>.csv` downloads the same report as CSV. Admins only (`analytics:read`), their own site.
 */
export function analyticsRoutes(analytics: Analytics, sessions: SessionStore): Router {
  const router = Router();
  router.get(
    '/:report',
    route(async (req, res) => {
      const user = await userFromCookie(sessions, req.headers.cookie);
      requirePermission(user, 'analytics:read');
      const raw = String(req.params.report);
      const asCsvFile = raw.endsWith('.csv');
      const name = parseBody(AnalyticsReportName, asCsvFile ? raw.slice(0, -'.csv'.length) : raw);
      const query = parseBody(AnalyticsQuery, req.query);
      const report = await analytics.report(name, { siteId: user.siteId.toHexString(), from: query.from, to: query.to });
      res.setHeader('Cache-Control', 'no-store');
      if (asCsvFile || query.format === 'csv') {
        const table = (CSV_TABLES[name] as (r: typeof report) => Parameters<typeof toCsv>[0])(report);
        res.type('text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="analytics-${name}-${query.from}-${query.to}.csv"`);
        res.send(toCsv(table));
        return;
      }
      res.json(report);
    }),
  );
  return router;
}
