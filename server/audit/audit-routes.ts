import type { Router } from 'express';
import { AUDIT_PAGE_SIZE, routes } from '../../shared/contract';
import { permitted } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import { toCsv } from '../analytics/csv';
import { sites } from '../data';
import { RESPONDED, tableRouter } from '../edge/route-table';
import { AppError } from '../errors/app-error';
import { dateOf, type Clock } from '../infra/clock';
import { allEntries, auditPage, rangeOf, toAuditEntry } from './audit-log';

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

const CSV_HEADER = [
  'at',
  'action',
  'actor_kind',
  'actor_id',
  'actor_email',
  'actor_name',
  'target_kind',
  'target_id',
  'target_label',
  'details',
  'ip',
];

/**
 * `/api/audit`: the admin's read of their site's audit trail, a page at a time or as CSV. Only reads:
 * no route changes or deletes an entry (retention deletes old days).
 */
export function auditRoutes(sessions: SessionStore, clock: Clock): Router {
  const api = tableRouter('/api/audit');
  const admins = permitted(sessions)('audit:read');

  /** The site's range: no entry is older than the site. */
  async function siteRange(siteId: Parameters<typeof rangeOf>[0], query: Parameters<typeof rangeOf>[1]) {
    const site = await sites.byId(siteId);
    if (!site) throw new AppError('not_found', 'This site no longer exists.');
    return rangeOf(siteId, query, dayOf(dateOf(clock)), dayOf(site.createdAt));
  }

  api.bind(routes.audit.list, admins, async ({ auth, query: { before, ...query }, res }) => {
    res.setHeader('Cache-Control', 'no-store');
    const page = await auditPage(await siteRange(auth.siteId, query), before, AUDIT_PAGE_SIZE);
    return { entries: page.entries.map(toAuditEntry), next: page.next };
  });

  api.bind(routes.audit.csv, admins, async ({ auth, query, res }) => {
    const range = await siteRange(auth.siteId, query);
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${range.from}-${range.to}.csv"`);
    res.write(toCsv([CSV_HEADER]));
    for await (const step of allEntries(range)) {
      const rows = step.map(toAuditEntry).map((e) => [
        e.at,
        e.action,
        e.actor.kind,
        e.actor.id,
        e.actor.email,
        e.actor.name,
        e.target.kind,
        e.target.id,
        e.target.label,
        Object.entries(e.details)
          .map(([key, value]) => `${key}=${value}`)
          .join('; '),
        e.ip,
      ]);
      res.write(toCsv(rows));
    }
    res.end();
    return RESPONDED;
  });

  return api.router;
}
