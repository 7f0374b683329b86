import { serialize } from 'cookie';
import type { Request, Router } from 'express';
import { routes, SESSION_COOKIE } from '../../shared/contract';
import { AppError } from '../errors/app-error';
import { tableRouter } from '../edge/route-table';
import type { RateLimits } from '../edge/rate-limits';
import { hashPassword, verifyPassword } from './passwords';
import { requirePermission } from './permissions';
import { sessionTokenFrom, toUser, userFromCookie } from './current-user';
import type { SessionStore } from './sessions';
import { accounts } from '../data';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';

// Compared against when the email is unknown, so both failures take the same time.
const decoyHash = hashPassword('decoy-password-never-matches');

interface Deps {
  sessions: SessionStore;
  ttlSeconds: number;
  limits: RateLimits;
  /** Sign-ins and failed sign-ins of known accounts go into the audit trail. */
  events: DomainEventPublisher;
  clock: Clock;
}

export function authRoutes({ sessions, ttlSeconds, limits, events, clock }: Deps): Router {
  const api = tableRouter('/api/auth');

  api.bind(routes.auth.signIn, {}, async ({ body: { email, password }, req, res }) => {
    const ip = req.ip ?? 'unknown';
    // Brute force: a few attempts per email and address, and per address, in a window.
    await limits.signInAttempt(email, ip);
    const found = await accounts.byEmail(email);
    const user = found?.active ? found : null;
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    if (!user || !valid) {
      // An unknown email names no site: it is not recorded (the rate limits above bound such attempts).
      if (found) void events.publish('auth.signInFailed', { user: found, ip: req.ip ?? null, at: dateOf(clock) });
      throw new AppError('bad_credentials', 'The email or password is not correct.');
    }
    await limits.signInSucceeded(email, ip);
    void events.publish('auth.signedIn', { user, ip: req.ip ?? null, at: dateOf(clock) });
    const previous = sessionTokenFrom(req.headers.cookie);
    if (previous) await sessions.destroy(previous);
    const token = await sessions.create({ userId: user._id.toHexString(), siteId: user.siteId.toHexString() });
    res.setHeader('Set-Cookie', sessionCookie(req, token, ttlSeconds));
    return { user: toUser(user) };
  });

  api.bind(routes.auth.signOut, {}, async ({ req, res }) => {
    const token = sessionTokenFrom(req.headers.cookie);
    if (token) await sessions.destroy(token);
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
  });

  api.bind(routes.auth.me, {}, async ({ req }) => {
    const user = await userFromCookie(sessions, req.headers.cookie);
    requirePermission(user, 'account:self');
    return { user: toUser(user) };
  });

  return api.router;
}

export function sessionCookie(req: Request, token: string, maxAge: number): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge,
  });
}
