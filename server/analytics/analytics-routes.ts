import type { Request, Router } from 'express';
import { AnalyticsReportName } from '../../shared/contract/analytics';
import { routes } from '../../shared/contract/routes';
import { userFromCookie } from '../agents/current-user';
import { requirePermission } from '../agents/permissions';
import type { SessionStore } from '../agents/sessions';
import { parseBody } from '../edge/http';
import { RESPONDED, tableRouter } from '../edge/route-table';
import type { Analytics } from './analytics';
import { CSV_TABLES, toCsv } from './csv';

/**
 * `GET /api/analytics/<report>?from=YYYY-MM-DD&to=YYYY-MM-DD` answers JSON; `&format=csv` or
 * `<report>.csv` downloads the same report as CSV. Admins only (`analytics:read`), their own site.
 */
export function analyticsRoutes(analytics: Analytics, sessions: SessionStore): Router {
  const api = tableRouter('/api/analytics');
  const authorize = async (req: Request) => {
    const user = await userFromCookie(sessions, req.headers.cookie);
    requirePermission(user, 'analytics:read');
    return user;
  };
  api.bind(routes.analytics.report, { authorize }, async ({ auth: user, params, query, res }) => {
    const asCsvFile = params.report.endsWith('.csv');
    const name = parseBody(AnalyticsReportName, asCsvFile ? params.report.slice(0, -'.csv'.length) : params.report);
    const report = await analytics.report(name, { siteId: user.siteId.toHexString(), from: query.from, to: query.to });
    res.setHeader('Cache-Control', 'no-store');
    if (asCsvFile || query.format === 'csv') {
      const table = (CSV_TABLES[name] as (r: typeof report) => Parameters<typeof toCsv>[0])(report);
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="analytics-${name}-${query.from}-${query.to}.csv"`);
      res.send(toCsv(table));
      return RESPONDED;
    }
    return report;
  });
  return api.router;
}
