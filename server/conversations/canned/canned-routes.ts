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
import { CannedModel, cannedKey, type StoredCanned } from './canned.model';

const DUPLICATE_KEY = 11000;
const ShortcutParams = z.object({ shortcut: Shortcut });

function toCanned(doc: StoredCanned): CannedResponse {
  return { id: doc._id, shortcut: doc.shortcut, title: doc.title, text: doc.text, updatedAt: doc.updatedAt.toISOString() };
}

/** `/api/canned`: agents read the site's canned responses; admins write them. Keyed by shortcut. */
export function cannedRoutes(sessions: SessionStore): Router {
  const router = Router();
  const allowed = permissionGuard(sessions);

  router.get('/', route(async (req, res) => {
    const user = await allowed(req, 'canned:use');
    const docs = await CannedModel.find({ siteId: user.siteId }).sort({ shortcut: 1 }).lean<StoredCanned[]>();
    const body: CannedListResponse = { responses: docs.map(toCanned) };
    res.json(body);
  }));

  router.post('/', route(async (req, res) => {
    const user = await allowed(req, 'canned:manage');
    const input = parseBody(CannedResponseBody, req.body);
    try {
      const created = await CannedModel.create({ _id: cannedKey(user.siteId, input.shortcut), siteId: user.siteId, ...input });
      const body: CannedResponseResponse = { response: toCanned(created.toObject<StoredCanned>()) };
      res.status(201).json(body);
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) throw new AppError('conflict', `/${input.shortcut} already exists.`);
      throw err;
    }
  }));

  router.put('/:shortcut', route(async (req, res) => {
    const user = await allowed(req, 'canned:manage');
    const { shortcut } = parseBody(ShortcutParams, req.params);
    const input = parseBody(CannedResponseBody, req.body);
    if (input.shortcut !== shortcut) throw new AppError('invalid_payload', 'To rename a shortcut, create the new one and delete the old.');
    const updated = await CannedModel.findOneAndUpdate(
      { _id: cannedKey(user.siteId, shortcut) },
      { $set: { title: input.title, text: input.text } },
      { returnDocument: 'after' },
    ).lean<StoredCanned>();
    if (!updated) throw new AppError('not_found', `There is no /${shortcut}.`);
    const body: CannedResponseResponse = { response: toCanned(updated) };
    res.json(body);
  }));

  router.delete('/:shortcut', route(async (req, res) => {
    const user = await allowed(req, 'canned:manage');
    const { shortcut } = parseBody(ShortcutParams, req.params);
    const { deletedCount } = await CannedModel.deleteOne({ _id: cannedKey(user.siteId, shortcut) });
    if (deletedCount === 0) throw new AppError('not_found', `There is no /${shortcut}.`);
    res.status(204).end();
  }));

  return router;
}
