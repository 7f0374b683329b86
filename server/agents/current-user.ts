import { parse } from 'cookie';
import { Types } from 'mongoose';
import { SESSION_COOKIE, type User } from '../../shared/contract';
import { AppError } from '../edge/errors';
import type { SessionStore } from './sessions';
import { UserModel, type StoredUser } from './user.model';

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
  const user = session && Types.ObjectId.isValid(session.userId)
    ? await UserModel.findOne({ _id: session.userId, active: true }).lean<StoredUser>()
    : null;
  if (!user) throw new AppError('unauthorized', 'Please sign in.');
  return user;
}
