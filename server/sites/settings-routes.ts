import { randomBytes } from 'node:crypto';
import type { Request, Router } from 'express';
import { routes, type SiteSettingsResponse } from '../../shared/contract';
import { permitted, publicBase, requestActor } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import { AppError } from '../errors/app-error';
import { tableRouter } from '../edge/route-table';
import { sites as siteRecords } from '../data';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { SiteDirectory } from './site-directory';
import { changedFields } from './settings-diff';
import { settingsOf } from './stored-settings';

/** A partial schema still fills in defaults; a site stores only the thresholds the admin actually sent. */
function onlySent<T extends object>(parsed: T, raw: unknown): Partial<T> {
  const sent = typeof raw === 'object' && raw !== null ? Object.keys(raw) : [];
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.includes(key))) as Partial<T>;
}

interface Deps {
  sites: SiteDirectory;
  sessions: SessionStore;
  publicUrl: string | undefined;
  events: DomainEventPublisher;
  clock: Clock;
}

/** `/api/settings`: the admin's site settings; every change applies without a restart, and goes into the audit trail. */
export function settingsRoutes({ sites, sessions, publicUrl, events, clock }: Deps): Router {
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
    const before = await siteRecords.byId(auth.siteId);
    if (!before || !(await siteRecords.update(auth.siteId, changes))) throw new AppError('not_found', 'This site no longer exists.');
    const response = await respond(req, auth.siteId.toHexString());
    const fields = changedFields(settingsOf(before), response.settings);
    if (fields.length > 0) {
      void events.publish('settings.changed', {
        siteId: auth.siteId.toHexString(),
        by: requestActor(auth, req),
        fields,
        at: dateOf(clock),
      });
    }
    return response;
  });

  api.bind(routes.settings.rotateSecret, admins, async ({ auth, req }) => {
    const secret = randomBytes(32).toString('base64url');
    await siteRecords.update(auth.siteId, { secret });
    sites.invalidate(auth.siteId.toHexString());
    void events.publish('settings.secretRotated', { siteId: auth.siteId.toHexString(), by: requestActor(auth, req), at: dateOf(clock) });
    return { secret };
  });

  return api.router;
}
