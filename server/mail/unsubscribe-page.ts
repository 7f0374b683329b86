import { type Request, type Response, Router } from 'express';
import { mailCatalogs, type MailMessageKey } from '../../shared/i18n/catalogs/mail';
import type { LocaleCode } from '../../shared/i18n/locales';
import { translate } from '../../shared/i18n/translate';
import { visitors } from '../data';
import { route } from '../edge/http';
import { dateOf, type Clock } from '../infra/clock';
import type { SiteDirectory } from '../sites/site-directory';
import { acceptedLanguages } from './accept-language';
import { html, type SafeHtml, sendPage } from '../edge/html';
import { UNSUBSCRIBE_PATH, type UnsubscribeTokens } from './unsubscribe-token';
import { localeOf } from './visitor-mail';

function page(res: Response, status: number, locale: LocaleCode, siteName: string, body: (t: (key: MailMessageKey) => string) => SafeHtml) {
  const t = (key: MailMessageKey) => translate(mailCatalogs[locale], key, { site: siteName });
  sendPage(res, status, locale, t('unsubscribe.title'), html`<main><h1>${t('unsubscribe.title')}</h1>${body(t)}</main>`);
}

/**
 * `/mail/unsubscribe?t=<token>`: GET asks (mail scanners that open links unsubscribe nobody), POST
 * records the opt-out on the visitor — the page's button and the one-click `List-Unsubscribe-Post`
 * of mail clients (RFC 8058) alike. Worded in the visitor's language.
 */
export function unsubscribeRoutes(tokens: UnsubscribeTokens, sites: SiteDirectory, clock: Clock): Router {
  const router = Router();

  async function resolve(req: Request) {
    const visitorId = tokens.verify(req.query.t);
    const visitor = visitorId ? await visitors.byId(visitorId) : null;
    if (!visitor) return null;
    const { site } = await sites.get(visitor.siteId);
    return { visitor, siteName: site.name, locale: localeOf(visitor, site, acceptedLanguages(req.headers['accept-language'])) };
  }

  const invalid = (res: Response) => page(res, 400, 'en', '', (t) => html`<p>${t('unsubscribe.invalid')}</p>`);

  router.get(
    UNSUBSCRIBE_PATH,
    route(async (req, res) => {
      const found = await resolve(req);
      if (!found) return invalid(res);
      const action = `${UNSUBSCRIBE_PATH}?t=${encodeURIComponent(String(req.query.t))}`;
      page(
        res,
        200,
        found.locale,
        found.siteName,
        (t) =>
          html`<p>${t('unsubscribe.question')}</p><form method="post" action="${action}"><button type="submit">${t('unsubscribe.confirm')}</button></form>`,
      );
    }),
  );

  router.post(
    UNSUBSCRIBE_PATH,
    route(async (req, res) => {
      const found = await resolve(req);
      if (!found) return invalid(res);
      await visitors.optOutOfEmail(found.visitor._id, dateOf(clock));
      page(res, 200, found.locale, found.siteName, (t) => html`<p role="status">${t('unsubscribe.done')}</p>`);
    }),
  );

  return router;
}
