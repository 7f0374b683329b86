import express, { type Router } from 'express';
import { routes } from '../../shared/contract';
import { pickLocale } from '../../shared/i18n/locales';
import { visitorData } from '../data/visitor-data';
import type { RateLimits } from '../edge/rate-limits';
import { RESPONDED, tableRouter } from '../edge/route-table';
import { refuseDisallowedOrigin, visitorAuthorizer, visitorCors } from '../visitors/visitor-rest';
import { AppError } from '../errors/app-error';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { SiteDirectory } from '../sites/site-directory';
import type { VisitorTokens } from '../visitors/visitor-token';
import { ERASE_WAIT_MS, type VisitorErasure } from './visitor-erasure';
import { exportFileOf, sendExportFile } from './visitor-export';

const GONE = 'This visitor no longer exists.';
/** The link request's one answer, whatever the address. */
const SENT = { sent: true } as const;

/**
 * `/api/privacy/visitor/…`: a visitor's own requests from the widget (issue 18). From the device that
 * holds their token, the export and the erasure happen at once, as an admin's do; from anywhere else,
 * the visitor asks for a signed link by email (`link`), confirmed on the link's page
 * (data-request-page.ts). Mounted ahead of the console's cross-site check: the widget calls from the
 * shop's pages, with no cookie to ride on.
 */
export function visitorRequestRoutes(deps: {
  visitorTokens: VisitorTokens;
  sites: SiteDirectory;
  isConsoleOrigin: (origin: string, host: string | undefined) => boolean;
  erasure: VisitorErasure;
  limits: RateLimits;
  events: DomainEventPublisher;
  clock: Clock;
}): Router {
  const { sites, erasure, limits, events, clock } = deps;
  const api = tableRouter('/api/privacy');
  api.router.use('/visitor', visitorCors);
  const visitor = { authorize: visitorAuthorizer(deps) };

  api.bind(routes.privacy.visitorExport, visitor, async ({ auth: { siteId, visitorId }, req, res }) => {
    const at = dateOf(clock);
    const file = await exportFileOf(siteId, visitorId, at);
    if (!file) throw new AppError('not_found', GONE);
    sendExportFile(res, `visitor-${visitorId}.json`, file);
    await events.publish('visitor.exported', {
      siteId,
      visitorId,
      by: { kind: 'visitor', visitorId, via: 'device', ip: req.ip ?? null },
      at,
    });
    return RESPONDED;
  });

  api.bind(routes.privacy.visitorErase, visitor, async ({ auth: { siteId, visitorId } }) => {
    // No client address: the trail keeps nothing of a visitor who asked to be forgotten but the fact.
    const job = { siteId, visitorId, by: { kind: 'visitor' as const, via: 'device' as const }, ip: null };
    const status = await erasure.requestIfFound(job, ERASE_WAIT_MS);
    if (!status) throw new AppError('not_found', GONE);
    return { status };
  });

  api.bind(
    routes.privacy.visitorLink,
    { before: [express.json({ limit: '4kb' })] },
    async ({ body: { siteKey, email, action, locale }, req, res }) => {
      const site = await sites.byPublicKey(siteKey);
      if (!site) throw new AppError('site_unknown', 'This chat is not set up for this website.');
      refuseDisallowedOrigin(req, site, deps.isConsoleOrigin);
      await limits.dataRequestAttempt(req.ip ?? 'unknown').catch((err: { retryAfterSeconds?: number }) => {
        if (err.retryAfterSeconds) res.setHeader('Retry-After', String(err.retryAfterSeconds));
        throw err;
      });
      const siteId = site._id.toHexString();
      // Past the address's share the answer is the same and nothing is sent: nobody floods an inbox.
      if (!(await limits.dataRequestMail(siteId, email))) return SENT;
      const visitorIds = await visitorData.idsWithEmail(site._id, email);
      if (visitorIds.length > 0) {
        // Not awaited: a known address answers as fast as an unknown one.
        void events.publish('visitor.dataRequested', {
          siteId,
          visitorIds,
          action,
          locale: pickLocale([locale, site.locale, ...req.acceptsLanguages()], site.locales),
          at: dateOf(clock),
        });
      }
      return SENT;
    },
  );

  return api.router;
}
