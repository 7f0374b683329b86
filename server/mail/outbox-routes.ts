import type { Router } from 'express';
import { OUTBOX_PAGE_SIZE, routes } from '../../shared/contract';
import { permitted } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import { tableRouter } from '../edge/route-table';
import type { Outbox } from './outbox';
import { parseOutboxMail } from './outbox-listing';

/** `/api/mail/outbox`: the admin's view of the mails their site would have sent (deployments without SMTP). */
export function outboxRoutes(outbox: Outbox, sessions: SessionStore): Router {
  const api = tableRouter('/api/mail');
  api.bind(routes.mail.outbox, permitted(sessions)('mail:outbox'), async ({ auth, query: { page } }) => {
    const found = await outbox.page(auth.siteId.toHexString(), page, OUTBOX_PAGE_SIZE);
    return {
      mails: await Promise.all(found.files.map(({ id, raw }) => parseOutboxMail(id, raw))),
      total: found.total,
      page,
      pageSize: OUTBOX_PAGE_SIZE,
    };
  });
  return api.router;
}
