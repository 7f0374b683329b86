import { parse } from 'cookie';
import { SESSION_COOKIE, type User } from '../../shared/contract';
import { accounts, type StoredUser } from '../data';
import { AppError } from '../errors/app-error';
import type { SessionStore } from './sessions';

export function toUser(doc: StoredUser): User {
  return {
    id: doc._id.toHexString(),
    siteId: doc.siteId.toHexString(),
    email: doc.email,
    name: doc.name,
    role: doc.role,
  };
}

export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  return cookieHeader ? parse(cookieHeader)[SESSION_COOKIE] : undefined;
}

/** Resolves the signed-in, still active user behind a Cookie header, or throws `unauthorized`. */
export async function userFromCookie(sessions: SessionStore, cookieHeader: string | undefined): Promise<StoredUser> {
  const token = sessionTokenFrom(cookieHeader);
  const session = token ? await sessions.get(token) : null;
  const user = session ? await accounts.byId(session.userId) : null;
  if (!user?.active) throw new AppError('unauthorized', 'Please sign in.');
  return user;
}
