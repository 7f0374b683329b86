import { randomBytes } from 'node:crypto';
import type { Request, Router } from 'express';
import { routes, type SiteSettingsResponse } from '../../shared/contract';
import { permitted, publicBase } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import { AppError } from '../errors/app-error';
import { tableRouter } from '../edge/route-table';
import { sites as siteRecords } from '../data';
import type { SiteDirectory } from './site-directory';
import { settingsOf } from './stored-settings';

/** A partial schema still fills in defaults; a site stores only the thresholds the admin actually sent. */
function onlySent<T extends object>(parsed: T, raw: unknown): Partial<T> {
  const sent = typeof raw === 'object' && raw !== null ? Object.keys(raw) : [];
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.includes(key))) as Partial<T>;
}

/** `/api/settings`: the admin's site settings; every change applies without a restart. */
export function settingsRoutes(sites: SiteDirectory, sessions: SessionStore, publicUrl: string | undefined): Router {
  const api = tableRouter('/api/settings');
  const admins = permitted(sessions)('settings:manage');

  async function respond(req: Request, siteId: string): Promise<SiteSettingsResponse> {
    sites.invalidate(siteId);
    const { site, settings } = await sites.get(siteId);
    return {
      settings: settingsOf(site),
      effectiveLifecycle: settings,
      publicKey: site.publicKey,
      snippet: `<script src="${publicBase(req, publicUrl)}/widget.js" data-site="${site.publicKey}" async></script>`,
      secret: site.secret,
    };
  }

  api.bind(routes.settings.get, admins, async ({ auth, req }) => respond(req, auth.siteId.toHexString()));

  api.bind(routes.settings.update, admins, async ({ auth, body: update, req }) => {
    const raw = (req.body as { lifecycle?: unknown }).lifecycle;
    const changes = { ...update, ...(update.lifecycle && { lifecycle: onlySent(update.lifecycle, raw) }) };
    if (changes.locale && changes.locales && !changes.locales.includes(changes.locale)) {
      throw new AppError('invalid_payload', 'Invalid request. locale: the default language must be one of the offered languages');
    }
    if (!(await siteRecords.update(auth.siteId, changes))) throw new AppError('not_found', 'This site no longer exists.');
    return respond(req, auth.siteId.toHexString());
  });

  api.bind(routes.settings.rotateSecret, admins, async ({ auth }) => {
    const secret = randomBytes(32).toString('base64url');
    await siteRecords.update(auth.siteId, { secret });
    sites.invalidate(auth.siteId.toHexString());
    return { secret };
  });

  return api.router;
}
