import { Router } from 'express';
import { z } from 'zod';
import {
  CannedResponseBody,
  Shortcut,
  type CannedListResponse,
  type CannedResponse,
  type CannedResponseResponse,
} from '../../../shared/contract';
import { permissionGuard } from '../../agents/guard';
import type { SessionStore } from '../../agents/sessions';
import { AppError } from '../../edge/errors';
import { parseBody, route } from '../../edge/http';
import { cannedResponses, type StoredCanned } from '../../data';

const ShortcutParams = z.object({ shortcut: Shortcut });

function toCanned(doc: StoredCanned): CannedResponse {
  return { id: doc._id, shortcut: doc.shortcut, title: doc.title, text: doc.text, updatedAt: doc.updatedAt.toISOString() };
}

/** `/api/canned`: agents read the site's canned responses; admins write them. Keyed by shortcut. */
export function cannedRoutes(sessions: SessionStore): Router {
  const router = Router();
  const allowed = permissionGuard(sessions);

  router.get(
    '/',
    route(async (req, res) => {
      const user = await allowed(req, 'canned:use');
      const body: CannedListResponse = { responses: (await cannedResponses.ofSite(user.siteId)).map(toCanned) };
      res.json(body);
    }),
  );

  router.post(
    '/',
    route(async (req, res) => {
      const user = await allowed(req, 'canned:manage');
      const input = parseBody(CannedResponseBody, req.body);
      const created = await cannedResponses.create(user.siteId, input);
      if (!created) throw new AppError('conflict', `/${input.shortcut} already exists.`);
      const body: CannedResponseResponse = { response: toCanned(created) };
      res.status(201).json(body);
    }),
  );

  router.put(
    '/:shortcut',
    route(async (req, res) => {
      const user = await allowed(req, 'canned:manage');
      const { shortcut } = parseBody(ShortcutParams, req.params);
      const input = parseBody(CannedResponseBody, req.body);
      if (input.shortcut !== shortcut)
        throw new AppError('invalid_payload', 'To rename a shortcut, create the new one and delete the old.');
      const updated = await cannedResponses.update(user.siteId, shortcut, { title: input.title, text: input.text });
      if (!updated) throw new AppError('not_found', `There is no /${shortcut}.`);
      const body: CannedResponseResponse = { response: toCanned(updated) };
      res.json(body);
    }),
  );

  router.delete(
    '/:shortcut',
    route(async (req, res) => {
      const user = await allowed(req, 'canned:manage');
      const { shortcut } = parseBody(ShortcutParams, req.params);
      if (!(await cannedResponses.remove(user.siteId, shortcut))) throw new AppError('not_found', `There is no /${shortcut}.`);
      res.status(204).end();
    }),
  );

  return router;
}
