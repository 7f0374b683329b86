import { type Request, type Response, Router } from 'express';
import { type DataRequestKey, dataRequestCatalogs } from '../../shared/i18n/catalogs/data-request';
import { type LocaleCode, pickLocale } from '../../shared/i18n/locales';
import { translate } from '../../shared/i18n/translate';
import { html, type SafeHtml, sendPage } from '../edge/html';
import { route } from '../edge/http';
import { limitRequests, type RateLimits } from '../edge/rate-limits';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { SiteDirectory } from '../sites/site-directory';
import { DATA_REQUEST_PATH, type DataRequest, type DataRequestLinks } from './data-request-links';
import { ERASE_WAIT_MS, type ErasureStatus, type VisitorErasure } from './visitor-erasure';
import { exportFileOf, sendExportFile, type VisitorExportFile, visitorExportBundle } from './visitor-export';

type Translate = (key: DataRequestKey) => string;

function page(res: Response, status: number, locale: LocaleCode, siteName: string, body: (t: Translate) => SafeHtml): void {
  const t: Translate = (key) => translate(dataRequestCatalogs[locale], key, { site: siteName });
  sendPage(res, status, locale, t('page.title'), html`<main><h1>${t('page.title')}</h1>${body(t)}</main>`);
}

/** Where the erasures of a request stand together: failed if any failed, in progress while any runs. */
function overall(statuses: ErasureStatus[]): ErasureStatus {
  if (statuses.includes('failed')) return 'failed';
  return statuses.includes('erasing') ? 'erasing' : 'erased';
}

const ERASURE_PAGE: Record<ErasureStatus, { status: number; key: DataRequestKey }> = {
  erased: { status: 200, key: 'page.erased' },
  erasing: { status: 202, key: 'page.erasing' },
  failed: { status: 503, key: 'page.failed' },
};

/**
 * `/privacy/visitor?t=<token>`: the page a data-request mail links to. GET says what will happen and
 * offers one button (mail scanners that open links change nothing); POST, the button, does it: the
 * export downloads one file (every visitor stored with the address), the erasure starts the same job
 * as an admin's and says whether it is done. A forged or altered link gets 400, an expired one 410,
 * each as a page in the visitor's language.
 */
export function dataRequestPageRoutes(deps: {
  links: DataRequestLinks;
  sites: SiteDirectory;
  erasure: VisitorErasure;
  limits: RateLimits;
  events: DomainEventPublisher;
  clock: Clock;
}): Router {
  const { links, sites, erasure, events, clock } = deps;
  const router = Router();

  /** The link's request and its site's name, or null once the refusal page is sent. */
  async function resolve(req: Request, res: Response): Promise<{ request: DataRequest; siteName: string } | null> {
    const claims = await links.read(req.query.t, clock.now());
    if (!claims.valid) {
      page(res, 400, pickLocale(req.acceptsLanguages()), '', (t) => html`<p role="alert">${t('page.invalid')}</p>`);
      return null;
    }
    const { request } = claims;
    const { site } = await sites.get(request.siteId);
    if (claims.expired) {
      page(res, 410, request.locale, site.name, (t) => html`<p role="alert">${t('page.expired')}</p>`);
      return null;
    }
    return { request, siteName: site.name };
  }

  router.get(
    DATA_REQUEST_PATH,
    limitRequests(deps.limits),
    route(async (req, res) => {
      const found = await resolve(req, res);
      if (!found) return;
      const { action, locale } = found.request;
      const confirm = `${DATA_REQUEST_PATH}?t=${encodeURIComponent(String(req.query.t))}`;
      page(
        res,
        200,
        locale,
        found.siteName,
        (t) =>
          html`<p>${t(`page.${action}`)}</p><form method="post" action="${confirm}"><button type="submit">${t(`action.${action}`)}</button></form>`,
      );
    }),
  );

  router.post(
    DATA_REQUEST_PATH,
    limitRequests(deps.limits),
    route(async (req, res) => {
      const found = await resolve(req, res);
      if (!found) return;
      const { siteId, visitorIds, action, locale } = found.request;
      if (action === 'erase') {
        // A signed link named only visitors that existed: one no longer found has been erased. No
        // client address is kept: the trail keeps nothing of a visitor who asked to be forgotten but the fact.
        const statuses = await Promise.all(
          visitorIds.map(
            async (visitorId) =>
              (await erasure.requestIfFound({ siteId, visitorId, by: { kind: 'visitor', via: 'email' }, ip: null }, ERASE_WAIT_MS)) ??
              'erased',
          ),
        );
        const shown = ERASURE_PAGE[overall(statuses)];
        page(res, shown.status, locale, found.siteName, (t) => html`<p role="status">${t(shown.key)}</p>`);
        return;
      }
      const at = dateOf(clock);
      const files: Array<{ visitorId: string; file: VisitorExportFile }> = [];
      for (const visitorId of visitorIds) {
        const file = await exportFileOf(siteId, visitorId, at);
        if (file) files.push({ visitorId, file });
      }
      const [only] = files;
      if (!only) {
        page(res, 404, locale, found.siteName, (t) => html`<p role="status">${t('page.gone')}</p>`);
        return;
      }
      if (files.length === 1) sendExportFile(res, `visitor-${only.visitorId}.json`, only.file);
      else
        sendExportFile(
          res,
          `visitor-data-${at.toISOString().slice(0, 10)}.json`,
          visitorExportBundle(
            files.map((f) => f.file),
            at,
          ),
        );
      for (const { visitorId } of files) {
        await events.publish('visitor.exported', {
          siteId,
          visitorId,
          by: { kind: 'visitor', visitorId, via: 'email', ip: req.ip ?? null },
          at,
        });
      }
    }),
  );

  return router;
}
