import type { Request, RequestHandler } from 'express';
import type { Site } from '../data';
import { AppError } from '../errors/app-error';
import type { SiteDirectory } from '../sites/site-directory';
import type { VisitorClaims, VisitorTokens } from './visitor-token';

/**
 * CORS of the widget's REST calls. The widget runs on the shop's pages, so its requests are
 * cross-origin: they carry the visitor token in `Authorization` (no cookie, nothing ambient to forge),
 * and the site's allowed origins are checked once the token (or the site key) names the site.
 */
export const visitorCors: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
};

type IsConsoleOrigin = (origin: string, host: string | undefined) => boolean;

/** Refuses a widget request sent from a page the site does not allow (the server's own pages and sites allowing any are let through). */
export function refuseDisallowedOrigin(req: Request, site: Pick<Site, 'allowedOrigins'>, isConsoleOrigin: IsConsoleOrigin): void {
  const origin = req.headers.origin;
  if (origin && !isConsoleOrigin(origin, req.headers.host) && site.allowedOrigins.length > 0 && !site.allowedOrigins.includes(origin)) {
    throw new AppError('origin_not_allowed', 'This website is not allowed to use this chat.');
  }
}

/** The `authorize` of a widget route: the visitor its `Authorization: Bearer <visitor token>` names, from a page the site allows. */
export function visitorAuthorizer(deps: {
  visitorTokens: VisitorTokens;
  sites: SiteDirectory;
  isConsoleOrigin: IsConsoleOrigin;
}): (req: Request) => Promise<VisitorClaims> {
  return async (req) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const claims = await deps.visitorTokens.verify(token);
    if (!claims) throw new AppError('unauthorized', 'This visitor token is missing, invalid or expired.');
    const { site } = await deps.sites.get(claims.siteId);
    refuseDisallowedOrigin(req, site, deps.isConsoleOrigin);
    return claims;
  };
}
