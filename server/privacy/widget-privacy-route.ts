import type { Router } from 'express';
import { DEFAULT_PRIVACY, routes } from '../../shared/contract';
import { tableRouter } from '../edge/route-table';
import { AppError } from '../errors/app-error';
import type { SiteDirectory } from '../sites/site-directory';

/** How long a browser may keep the answer: a change of consent mode reaches new visitors within a minute. */
const MAX_AGE_SECONDS = 60;

/**
 * `GET /api/widget/privacy?site=<public key>`: whether the widget must wait for the visitor's consent. The
 * widget asks before it stores or sends anything, from any shop's page and without credentials, so
 * the answer is public, readable from any origin and sets nothing.
 */
export function widgetPrivacyRoute(sites: SiteDirectory): Router {
  const api = tableRouter('/api/widget');
  api.bind(routes.widget.privacy, {}, async ({ query, res }) => {
    const site = await sites.byPublicKey(query.site);
    if (!site) throw new AppError('not_found', 'This site does not exist.');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
    return site.privacy ?? DEFAULT_PRIVACY;
  });
  return api.router;
}
