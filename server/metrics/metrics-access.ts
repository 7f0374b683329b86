import { createHash, timingSafeEqual } from 'node:crypto';
import proxyaddr from 'proxy-addr';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'forbidden';

const isLoopback = proxyaddr.compile('loopback');

/** The same-length digests of two strings, compared in constant time (the token's length leaks nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who may read `/metrics`: a client on a loopback address (Prometheus on the same machine), or one
 * that presents `Authorization: Bearer <METRICS_TOKEN>` when a token is set. `clientIp` is the
 * request's address as Express reads it (`X-Forwarded-For` from a trusted proxy: the real client).
 * Without the header: `unauthorized` (when a token could open it); a wrong token or no token
 * configured: `forbidden`.
 */
export function metricsAccess(clientIp: string, authorization: string | undefined, token: string | undefined): MetricsAccess {
  if (isLoopback(clientIp, 0)) return 'allowed';
  if (!token) return 'forbidden';
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (given === undefined) return 'unauthorized';
  return sameSecret(given, token) ? 'allowed' : 'forbidden';
}
