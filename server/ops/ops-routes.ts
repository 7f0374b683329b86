import type { Router } from 'express';
import { routes } from '../../shared/contract/routes';
import { permitted } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import { tableRouter } from '../edge/route-table';
import type { QueueView } from './queue-view';

/** `/api/ops`: the admins' queue view, their site's jobs only. */
export function opsRoutes(view: QueueView, sessions: SessionStore): Router {
  const api = tableRouter('/api/ops');
  const admin = permitted(sessions)('ops:queues');
  api.bind(routes.ops.queues, admin, async ({ auth }) => ({ queues: await view.ofSite(auth.siteId.toHexString()) }));
  api.bind(routes.ops.retryJob, admin, async ({ auth, params }) => {
    await view.retry(auth.siteId.toHexString(), params.queue, params.jobId);
  });
  return api.router;
}
