import type { Router } from 'express';
import { routes } from '../../shared/contract';
import { permitted, requestActor } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import { visitorData } from '../data/visitor-data';
import { RESPONDED, tableRouter } from '../edge/route-table';
import { AppError } from '../errors/app-error';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { VisitorErasure } from './visitor-erasure';
import { visitorExport } from './visitor-export';

/** How long the erase route waits for the job before answering `erasing` (the console then asks again). */
const ERASE_WAIT_MS = 8_000;

/** `/api/visitors/:visitorId/…`: an admin's export and erasure of one visitor of their site (issue 18). */
export function privacyRoutes(deps: {
  sessions: SessionStore;
  erasure: VisitorErasure;
  events: DomainEventPublisher;
  clock: Clock;
}): Router {
  const api = tableRouter('/api/visitors');
  const admins = permitted(deps.sessions)('visitors:privacy');

  api.bind(routes.privacy.lookup, admins, async ({ auth, query: { email }, req }) => {
    const visitors = await visitorData.withEmail(auth.siteId, email);
    const found = visitors.map((v) => v.id);
    if (found.length)
      await deps.events.publish('visitor.lookedUp', {
        siteId: auth.siteId.toHexString(),
        found,
        by: requestActor(auth, req),
        at: dateOf(deps.clock),
      });
    return { visitors };
  });

  api.bind(routes.privacy.export, admins, async ({ auth, params: { visitorId }, req, res }) => {
    const visitor = await visitorData.ofSite(auth.siteId, visitorId);
    if (!visitor) throw new AppError('not_found', 'This visitor does not exist.');
    const at = dateOf(deps.clock);
    const records = await visitorData.gather(auth.siteId, visitor._id);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="visitor-${visitorId}.json"`);
    res.type('application/json; charset=utf-8');
    res.send(JSON.stringify(visitorExport(records, at), null, 2));
    await deps.events.publish('visitor.exported', { siteId: auth.siteId.toHexString(), visitorId, by: requestActor(auth, req), at });
    return RESPONDED;
  });

  api.bind(routes.privacy.erase, admins, async ({ auth, params: { visitorId }, req }) => {
    const siteId = auth.siteId.toHexString();
    if (!(await visitorData.ofSite(auth.siteId, visitorId))) {
      const status = await deps.erasure.status(siteId, visitorId);
      if (!status) throw new AppError('not_found', 'This visitor does not exist.');
      return { status };
    }
    const job = { siteId, visitorId, byUserId: auth._id.toHexString(), ip: req.ip ?? null };
    return { status: await deps.erasure.request(job, ERASE_WAIT_MS) };
  });

  return api.router;
}
