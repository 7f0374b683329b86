import type { Router } from 'express';
import { routes } from '../../shared/contract';
import { permitted, requestActor } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import { visitorData } from '../data/visitor-data';
import { RESPONDED, tableRouter } from '../edge/route-table';
import { AppError } from '../errors/app-error';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import { ERASE_WAIT_MS, type VisitorErasure } from './visitor-erasure';
import { exportFileOf, sendExportFile } from './visitor-export';

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
    const at = dateOf(deps.clock);
    const file = await exportFileOf(auth.siteId.toHexString(), visitorId, at);
    if (!file) throw new AppError('not_found', 'This visitor does not exist.');
    sendExportFile(res, `visitor-${visitorId}.json`, file);
    await deps.events.publish('visitor.exported', { siteId: auth.siteId.toHexString(), visitorId, by: requestActor(auth, req), at });
    return RESPONDED;
  });

  api.bind(routes.privacy.erase, admins, async ({ auth, params: { visitorId }, req }) => {
    const job = {
      siteId: auth.siteId.toHexString(),
      visitorId,
      by: { kind: 'user' as const, userId: auth._id.toHexString() },
      ip: req.ip ?? null,
    };
    const status = await deps.erasure.requestIfFound(job, ERASE_WAIT_MS);
    if (!status) throw new AppError('not_found', 'This visitor does not exist.');
    return { status };
  });

  return api.router;
}
