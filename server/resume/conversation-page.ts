import { Router } from 'express';
import { RESUME_PARAM } from '../../shared/contract/constants';
import { type ResumeKey, resumeCatalogs } from '../../shared/i18n/catalogs/resume';
import { pickLocale } from '../../shared/i18n/locales';
import { translate } from '../../shared/i18n/translate';
import { html, sendPage } from '../edge/html';
import { route } from '../edge/http';
import { limitRequests, type RateLimits } from '../edge/rate-limits';
import type { Clock } from '../infra/clock';
import type { SiteDirectory } from '../sites/site-directory';
import { HOSTED_PAGE_PATH } from './resume-links';
import type { ResumeTokens } from './resume-tokens';

/**
 * `GET /conversation?lc_resume=<token>`: the page "continue the conversation" links open when the
 * site has no resume page of its own. It embeds the site's widget, which opens at once, trades the
 * token for the conversation's visitor and removes it from the address bar. The token only names the
 * site here (its checks and spending happen in the widget's handshake); a link this server did not
 * sign gets a page without any widget.
 */
export function conversationPageRoutes(deps: { tokens: ResumeTokens; sites: SiteDirectory; limits: RateLimits; clock: Clock }): Router {
  const router = Router();
  router.get(
    HOSTED_PAGE_PATH,
    limitRequests(deps.limits),
    route(async (req, res) => {
      const token = req.query[RESUME_PARAM];
      const claims = typeof token === 'string' ? await deps.tokens.read(token, deps.clock.now()) : null;
      const site = claims
        ? await deps.sites.get(claims.siteId).then(
            (snapshot) => snapshot.site,
            () => null,
          )
        : null;
      const locale = pickLocale([site?.locale, ...req.acceptsLanguages()], site?.locales ?? []);
      const t = (key: ResumeKey, vars?: Record<string, string>) => translate(resumeCatalogs[locale], key, vars);
      if (!site) {
        sendPage(res, 400, locale, t('resume.invalid'), html`<main><p>${t('resume.invalid')}</p></main>`);
        return;
      }
      sendPage(
        res,
        200,
        locale,
        site.name,
        html`<main><h1>${site.name}</h1><p>${t('resume.page', { site: site.name })}</p></main>
<script src="/widget.js" data-site="${site.publicKey}" async></script>`,
      );
    }),
  );
  return router;
}
