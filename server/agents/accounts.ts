import type { Types } from 'mongoose';
import type {
  CreateUserBody,
  Invite,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  TeamMember,
  UpdateUserBody,
} from '../../shared/contract';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../../shared/contract/constants';
import { accounts, type StoredUser } from '../data';
import { AppError } from '../errors/app-error';
import type { DomainEventPublisher, TeamAction, UserActor } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { Invites } from './invites';
import { hashPassword, verifyPassword } from './passwords';
import type { SessionStore } from './sessions';

export function toTeamMember(doc: StoredUser): TeamMember {
  return {
    id: doc._id.toHexString(),
    siteId: doc.siteId.toHexString(),
    email: doc.email,
    name: doc.name,
    role: doc.role,
    status: !doc.active ? 'deactivated' : doc.passwordHash ? 'active' : 'invited',
    availability: doc.availability,
    capacity: doc.capacity,
    inviteExpiresAt: !doc.passwordHash && doc.inviteExpiresAt ? doc.inviteExpiresAt.toISOString() : null,
    createdAt: (doc as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
  };
}

/** The user's notification preferences; an account stored before they existed has the defaults. */
export function notificationPreferences(user: StoredUser): NotificationPreferences {
  const stored = user.notifications ?? {};
  const pick = (key: keyof NotificationPreferences) => stored[key] ?? DEFAULT_NOTIFICATION_PREFERENCES[key];
  return { desktop: pick('desktop'), sound: pick('sound'), emailWhenOffline: pick('emailWhenOffline') };
}

interface Deps {
  sessions: SessionStore;
  invites: Invites;
  /** Closes every console socket of the user, on every process. */
  disconnect(userId: string): void;
  /** Every change of the team is published (`team.changed`) for the audit trail. */
  events: DomainEventPublisher;
  clock: Clock;
}

/** Users of a site: created by admins with a password or an invite link, deactivated, signed out. */
export class Accounts {
  constructor(private readonly deps: Deps) {}

  private changed(action: TeamAction, member: StoredUser, by: UserActor, details: Record<string, string> = {}): void {
    void this.deps.events.publish('team.changed', { action, member, by, details, at: dateOf(this.deps.clock) });
  }

  async list(siteId: Types.ObjectId): Promise<TeamMember[]> {
    return (await accounts.ofSite(siteId)).map(toTeamMember);
  }

  async create(by: UserActor, body: CreateUserBody, inviteBase: string): Promise<{ user: TeamMember; invite: Invite | null }> {
    const siteId = by.user.siteId;
    const created = await accounts.create({
      siteId,
      email: body.email,
      name: body.name,
      role: body.role,
      passwordHash: body.password ? await hashPassword(body.password) : null,
    });
    if (!created) throw new AppError('conflict', 'A user with this email already exists.');
    const invite = body.password ? null : await this.issueInvite(created, inviteBase);
    this.changed('team.userCreated', created, by, { role: body.role, invited: invite ? 'yes' : 'no' });
    return { user: toTeamMember(await this.require(siteId, created._id.toHexString())), invite };
  }

  /** A new one-time link for a user: an invited one who lost theirs, or anyone who forgot their password. */
  async reinvite(by: UserActor, userId: string, inviteBase: string): Promise<{ user: TeamMember; invite: Invite }> {
    const siteId = by.user.siteId;
    const user = await this.require(siteId, userId);
    if (!user.active) throw new AppError('conflict', 'Reactivate this user before inviting them again.');
    const invite = await this.issueInvite(user, inviteBase);
    this.changed('team.invited', user, by);
    return { user: toTeamMember(await this.require(siteId, userId)), invite };
  }

  async update(by: UserActor, userId: string, body: UpdateUserBody): Promise<TeamMember> {
    const admin = by.user;
    const user = await this.require(admin.siteId, userId);
    if (body.role && body.role !== 'admin' && user._id.equals(admin._id)) {
      throw new AppError('conflict', 'You cannot take the admin role from yourself; ask another admin.');
    }
    await accounts.update(user._id, body);
    // Sockets carry the user as of their handshake: a new role takes effect on reconnect.
    if (body.role && body.role !== user.role) this.deps.disconnect(userId);
    const after = await this.require(admin.siteId, userId);
    if (body.role && body.role !== user.role) this.changed('team.roleChanged', after, by, { from: user.role, to: body.role });
    const others = (['name', 'capacity'] as const).filter((key) => body[key] !== undefined && body[key] !== user[key]);
    if (others.length > 0) this.changed('team.userUpdated', after, by, { fields: others.join(', ') });
    return toTeamMember(after);
  }

  async setActive(by: UserActor, userId: string, active: boolean): Promise<TeamMember> {
    const admin = by.user;
    const user = await this.require(admin.siteId, userId);
    if (!active && user._id.equals(admin._id)) throw new AppError('conflict', 'You cannot deactivate yourself.');
    await accounts.update(user._id, { active, ...(active ? {} : { availability: 'offline' as const }) });
    if (!active) {
      await this.deps.invites.revoke(userId);
      await this.signOutEverywhere(userId);
    }
    const after = await this.require(admin.siteId, userId);
    if (active !== user.active) this.changed(active ? 'team.reactivated' : 'team.deactivated', after, by);
    return toTeamMember(after);
  }

  /** The invited person (or one with a reset link) sets a password; the link is used up. */
  async acceptInvite(token: string, password: string, ip: string | null): Promise<StoredUser> {
    const userId = await this.deps.invites.use(token);
    const user = await activeUser(userId);
    if (!user) throw new AppError('not_found', 'This invite link is no longer valid. Ask an admin for a new one.');
    await accounts.update(user._id, { passwordHash: await hashPassword(password), inviteExpiresAt: null });
    await this.signOutEverywhere(user._id.toHexString());
    this.changed('team.inviteAccepted', user, { kind: 'user', user, ip });
    return user;
  }

  async peekInvite(token: string): Promise<StoredUser> {
    const userId = await this.deps.invites.peek(token);
    const user = await activeUser(userId);
    if (!user) throw new AppError('not_found', 'This invite link is no longer valid. Ask an admin for a new one.');
    return user;
  }

  /** Checks the current password, stores the new one and ends every session (the caller signs this one in again). */
  async changePassword(user: StoredUser, currentPassword: string, newPassword: string): Promise<void> {
    const valid = Boolean(user.passwordHash) && (await verifyPassword(user.passwordHash ?? '', currentPassword));
    if (!valid) throw new AppError('bad_credentials', 'The current password is not correct.');
    await accounts.update(user._id, { passwordHash: await hashPassword(newPassword) });
    await this.signOutEverywhere(user._id.toHexString());
  }

  async setNotificationPreferences(user: StoredUser, changes: NotificationPreferencesUpdate): Promise<NotificationPreferences> {
    const updated = await accounts.setNotifications(user._id, changes);
    if (!updated) throw new AppError('not_found', 'This account no longer exists.');
    return notificationPreferences(updated);
  }

  async signOutEverywhere(userId: string): Promise<void> {
    await this.deps.sessions.destroyAllFor(userId);
    this.deps.disconnect(userId);
  }

  private async issueInvite(user: StoredUser, inviteBase: string): Promise<Invite> {
    const { token, expiresAt } = await this.deps.invites.issue(user._id.toHexString());
    await accounts.update(user._id, { inviteExpiresAt: expiresAt });
    // The token travels in the fragment: it never reaches a server log or a Referer header.
    return { token, url: `${inviteBase}/console/#invite=${token}`, expiresAt: expiresAt.toISOString() };
  }

  private async require(siteId: Types.ObjectId, userId: string): Promise<StoredUser> {
    const user = await accounts.byId(userId);
    if (!user?.siteId.equals(siteId)) throw new AppError('not_found', 'No such user.');
    return user;
  }
}

async function activeUser(userId: string | null): Promise<StoredUser | null> {
  const user = userId ? await accounts.byId(userId) : null;
  return user?.active ? user : null;
}
