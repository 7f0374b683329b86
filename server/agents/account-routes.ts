import type { Router } from 'express';
import { routes } from '../../shared/contract';
import { tableRouter } from '../edge/route-table';
import { notificationPreferences, type Accounts } from './accounts';
import { sessionCookie } from './auth-routes';
import { toUser } from './current-user';
import { permitted, publicBase, requestActor } from './guard';
import type { SessionStore } from './sessions';
import type { StoredUser } from '../data';

/** `/api/users`: the admin's team management. */
export function userRoutes(accounts: Accounts, sessions: SessionStore, publicUrl: string | undefined): Router {
  const api = tableRouter('/api/users');
  const admins = permitted(sessions)('users:manage');

  api.bind(routes.users.list, admins, async ({ auth }) => ({ users: await accounts.list(auth.siteId) }));

  api.bind(routes.users.create, admins, async ({ auth, body, req }) =>
    accounts.create(requestActor(auth, req), body, publicBase(req, publicUrl)),
  );

  api.bind(routes.users.update, admins, async ({ auth, params, body, req }) => ({
    user: await accounts.update(requestActor(auth, req), params.id, body),
    invite: null,
  }));

  for (const [entry, active] of [
    [routes.users.deactivate, false],
    [routes.users.reactivate, true],
  ] as const) {
    api.bind(entry, admins, async ({ auth, params, req }) => ({
      user: await accounts.setActive(requestActor(auth, req), params.id, active),
      invite: null,
    }));
  }

  api.bind(routes.users.reinvite, admins, async ({ auth, params, req }) =>
    accounts.reinvite(requestActor(auth, req), params.id, publicBase(req, publicUrl)),
  );

  return api.router;
}

/** More of `/api/auth`: invites, one's own password, signing out everywhere. */
export function selfServiceRoutes(accounts: Accounts, sessions: SessionStore, ttlSeconds: number): Router {
  const api = tableRouter('/api/auth');
  const self = permitted(sessions)('account:self');

  async function signInAs(user: StoredUser): Promise<string> {
    return sessions.create({ userId: user._id.toHexString(), siteId: user.siteId.toHexString() });
  }

  api.bind(routes.auth.peekInvite, {}, async ({ body }) => {
    const user = await accounts.peekInvite(body.token);
    return { email: user.email, name: user.name };
  });

  api.bind(routes.auth.acceptInvite, {}, async ({ body: { token, password }, req, res }) => {
    const user = await accounts.acceptInvite(token, password, req.ip ?? null);
    res.setHeader('Set-Cookie', sessionCookie(req, await signInAs(user), ttlSeconds));
    return { user: toUser(user) };
  });

  api.bind(routes.auth.changePassword, self, async ({ auth: user, body: { currentPassword, newPassword }, req, res }) => {
    await accounts.changePassword(user, currentPassword, newPassword);
    // Every other session ended with the change; this browser stays signed in.
    res.setHeader('Set-Cookie', sessionCookie(req, await signInAs(user), ttlSeconds));
  });

  api.bind(routes.auth.preferences, self, async ({ auth: user }) => ({ preferences: notificationPreferences(user) }));

  api.bind(routes.auth.updatePreferences, self, async ({ auth: user, body }) => ({
    preferences: await accounts.setNotificationPreferences(user, body),
  }));

  api.bind(routes.auth.signOutEverywhere, self, async ({ auth: user, req, res }) => {
    await accounts.signOutEverywhere(user._id.toHexString());
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
  });

  return api.router;
}
