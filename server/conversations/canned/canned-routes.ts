import type { Router } from 'express';
import type { Types } from 'mongoose';
import { routes, type CannedResponse } from '../../../shared/contract';
import { permitted } from '../../agents/guard';
import type { SessionStore } from '../../agents/sessions';
import { AppError } from '../../errors/app-error';
import { tableRouter } from '../../edge/route-table';
import { cannedResponses, files, type StoredCanned } from '../../data';
import type { DomainEventPublisher } from '../../events/domain-events';
import { toAttachment } from '../serialize';

function toCanned(doc: StoredCanned): CannedResponse {
  return {
    id: doc._id,
    shortcut: doc.shortcut,
    title: doc.title,
    text: doc.text,
    ...(doc.quickReplies && doc.quickReplies.length > 0 && { quickReplies: doc.quickReplies }),
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.attachment && { attachment: toAttachment(doc.attachment) }),
  };
}

/** A canned response as written: every console of the site offers it at once (`canned.saved`). */
export function cannedSaved(events: DomainEventPublisher, siteId: Types.ObjectId, doc: StoredCanned): { response: CannedResponse } {
  const response = toCanned(doc);
  void events.publish('canned.saved', { siteId: siteId.toHexString(), response });
  return { response };
}

/** `/api/canned`: agents read the site's canned responses; admins write them. Keyed by shortcut. */
export function cannedRoutes(sessions: SessionStore, events: DomainEventPublisher): Router {
  const api = tableRouter('/api/canned');
  const may = permitted(sessions);

  api.bind(routes.canned.list, may('canned:use'), async ({ auth }) => ({
    responses: (await cannedResponses.ofSite(auth.siteId)).map(toCanned),
  }));

  api.bind(routes.canned.create, may('canned:manage'), async ({ auth, body }) => {
    const created = await cannedResponses.create(auth.siteId, body);
    if (!created) throw new AppError('conflict', `/${body.shortcut} already exists.`);
    return cannedSaved(events, auth.siteId, created);
  });

  api.bind(routes.canned.update, may('canned:manage'), async ({ auth, params: { shortcut }, body }) => {
    if (body.shortcut !== shortcut) throw new AppError('invalid_payload', 'To rename a shortcut, create the new one and delete the old.');
    const updated = await cannedResponses.update(auth.siteId, shortcut, {
      title: body.title,
      text: body.text,
      quickReplies: body.quickReplies,
    });
    if (!updated) throw new AppError('not_found', `There is no /${shortcut}.`);
    return cannedSaved(events, auth.siteId, updated);
  });

  api.bind(routes.canned.remove, may('canned:manage'), async ({ auth, params: { shortcut } }) => {
    const stored = await cannedResponses.byShortcut(auth.siteId, shortcut);
    if (!stored || !(await cannedResponses.remove(auth.siteId, shortcut))) throw new AppError('not_found', `There is no /${shortcut}.`);
    if (stored.attachment) await files.removeWithThumbnail(stored.attachment);
    void events.publish('canned.removed', { siteId: auth.siteId.toHexString(), shortcut });
  });

  return api.router;
}
