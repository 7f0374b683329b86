import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sends on behalf of another site. The session cookie
 * is already `SameSite=Lax`; this adds the server-side check: an `Origin` must be the console's own,
 * and without one a `Sec-Fetch-Site` of `cross-site` or `same-site` is refused. Requests with neither
 * header come from programs, not browsers, and carry no ambient cookie an attacker could ride on.
 */
export function refuseCrossSiteWrites(isOwnOrigin: (origin: string, host: string | undefined) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    const crossSite =
      origin !== undefined
        ? origin === 'null' || !isOwnOrigin(origin, req.headers.host)
        : fetchSite === 'cross-site' || fetchSite === 'same-site';
    next(crossSite ? new AppError('origin_not_allowed', 'This request came from another website and was refused.') : undefined);
  };
}
