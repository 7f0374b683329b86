import { Router } from 'express';
import { z } from 'zod';
import {
  ChangePasswordBody,
  CreateUserBody,
  InviteAcceptBody,
  InvitePeekBody,
  ObjectIdString,
  UpdateUserBody,
  type InvitePeekResponse,
  type SignInResponse,
  type TeamListResponse,
  type TeamMemberResponse,
} from '../../shared/contract';
import { parseBody, route } from '../edge/http';
import type { Accounts } from './accounts';
import { sessionCookie } from './auth-routes';
import { toUser } from './current-user';
import { permissionGuard, publicBase } from './guard';
import type { SessionStore } from './sessions';
import type { StoredUser } from '../data';

const UserParams = z.object({ id: ObjectIdString });

/** `/api/users`: the admin's team management. */
export function userRoutes(accounts: Accounts, sessions: SessionStore, publicUrl: string | undefined): Router {
  const router = Router();
  const allowed = permissionGuard(sessions);
  const userId = (params: unknown) => parseBody(UserParams, params).id;

  router.get(
    '/',
    route(async (req, res) => {
      const admin = await allowed(req, 'users:manage');
      const body: TeamListResponse = { users: await accounts.list(admin.siteId) };
      res.json(body);
    }),
  );

  router.post(
    '/',
    route(async (req, res) => {
      const admin = await allowed(req, 'users:manage');
      const body: TeamMemberResponse = await accounts.create(admin.siteId, parseBody(CreateUserBody, req.body), publicBase(req, publicUrl));
      res.status(201).json(body);
    }),
  );

  router.patch(
    '/:id',
    route(async (req, res) => {
      const admin = await allowed(req, 'users:manage');
      const body: TeamMemberResponse = {
        user: await accounts.update(admin, userId(req.params), parseBody(UpdateUserBody, req.body)),
        invite: null,
      };
      res.json(body);
    }),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    router.post(
      `/:id/${action}`,
      route(async (req, res) => {
        const admin = await allowed(req, 'users:manage');
        const body: TeamMemberResponse = { user: await accounts.setActive(admin, userId(req.params), active), invite: null };
        res.json(body);
      }),
    );
  }

  router.post(
    '/:id/invite',
    route(async (req, res) => {
      const admin = await allowed(req, 'users:manage');
      const body: TeamMemberResponse = await accounts.reinvite(admin.siteId, userId(req.params), publicBase(req, publicUrl));
      res.json(body);
    }),
  );

  return router;
}

/** More of `/api/auth`: invites, one's own password, signing out everywhere. */
export function selfServiceRoutes(accounts: Accounts, sessions: SessionStore, ttlSeconds: number): Router {
  const router = Router();
  const allowed = permissionGuard(sessions);

  async function signInAs(user: StoredUser): Promise<string> {
    return sessions.create({ userId: user._id.toHexString(), siteId: user.siteId.toHexString() });
  }

  router.post(
    '/invite/peek',
    route(async (req, res) => {
      const user = await accounts.peekInvite(parseBody(InvitePeekBody, req.body).token);
      const body: InvitePeekResponse = { email: user.email, name: user.name };
      res.json(body);
    }),
  );

  router.post(
    '/invite/accept',
    route(async (req, res) => {
      const { token, password } = parseBody(InviteAcceptBody, req.body);
      const user = await accounts.acceptInvite(token, password);
      res.setHeader('Set-Cookie', sessionCookie(req, await signInAs(user), ttlSeconds));
      const body: SignInResponse = { user: toUser(user) };
      res.json(body);
    }),
  );

  router.post(
    '/password',
    route(async (req, res) => {
      const user = await allowed(req, 'account:self');
      const { currentPassword, newPassword } = parseBody(ChangePasswordBody, req.body);
      await accounts.changePassword(user, currentPassword, newPassword);
      // Every other session ended with the change; this browser stays signed in.
      res.setHeader('Set-Cookie', sessionCookie(req, await signInAs(user), ttlSeconds));
      res.status(204).end();
    }),
  );

  router.post(
    '/sign-out-everywhere',
    route(async (req, res) => {
      const user = await allowed(req, 'account:self');
      await accounts.signOutEverywhere(user._id.toHexString());
      res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
      res.status(204).end();
    }),
  );

  return router;
}
