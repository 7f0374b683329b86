import type { Request } from 'express';
import { userFromCookie } from './current-user';
import { requirePermission, type Permission } from './permissions';
import type { SessionStore } from './sessions';
import type { StoredUser } from '../data';
import type { UserActor } from '../events/domain-events';

/** For REST routes: the signed-in user (else `unauthorized`) when their role has the row (else `forbidden`). */
export function permissionGuard(sessions: SessionStore) {
  return async (req: Request, permission: Permission): Promise<StoredUser> => {
    const user = await userFromCookie(sessions, req.headers.cookie);
    requirePermission(user, permission);
    return user;
  };
}

/** Route-table `bind` options that let through the signed-in users whose role has the permission row. */
export function permitted(sessions: SessionStore) {
  const allowed = permissionGuard(sessions);
  return (permission: Permission) => ({ authorize: (req: Request) => allowed(req, permission) });
}

/** Where links sent to people point: PUBLIC_URL, else the address this request came to. */
export function publicBase(req: Request, publicUrl: string | undefined): string {
  return (publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/$/, '');
}

/** The signed-in user behind a request, and the client address it came from (for the audit trail). */
export function requestActor(user: StoredUser, req: Request): UserActor {
  return { kind: 'user', user, ip: req.ip ?? null };
}
