import type { AuditActor } from '../../shared/contract/audit';
import type { StoredUser } from '../data';
import type { DomainEvents, EventActor } from '../events/domain-events';
import type { AuditTrail } from './audit-trail';

const userActor = (user: StoredUser): AuditActor => ({ kind: 'user', id: user._id.toHexString(), email: user.email, name: user.name });

function actorOf(by: EventActor): { actor: AuditActor; ip: string | null } {
  if (by.kind === 'user') return { actor: userActor(by.user), ip: by.ip };
  if (by.kind === 'visitor') return { actor: { kind: 'visitor', id: by.visitorId, email: null, name: null }, ip: by.ip };
  return { actor: { kind: 'system', id: null, email: null, name: null }, ip: null };
}

/** How a visitor acting on their own data proved who they were (an admin's action has no such detail). */
const proofOf = (by: EventActor): Record<string, string> => (by.kind === 'visitor' ? { via: by.via } : {});

const userTarget = (user: StoredUser) => ({ kind: 'user', id: user._id.toHexString(), label: user.email });

/**
 * What the audit trail records of each domain event (listeners.ts registers these). Sign-ins,
 * settings, team changes and conversation opens are gathered into batches; an export or an erasure is
 * stored before its listener resolves.
 */
export class AuditRecorder {
  constructor(private readonly trail: AuditTrail) {}

  signedIn({ user, ip, at }: DomainEvents['auth.signedIn']): void {
    this.trail.record({ siteId: user.siteId, action: 'auth.signedIn', actor: userActor(user), target: userTarget(user), ip, at });
  }

  /** Recorded on the site of the account the attempt named; whoever tried is only known by address. */
  signInFailed({ user, ip, at }: DomainEvents['auth.signInFailed']): void {
    const details: Record<string, string> = user.active ? {} : { reason: 'deactivated' };
    this.trail.record({
      siteId: user.siteId,
      action: 'auth.signInFailed',
      actor: userActor(user),
      target: userTarget(user),
      details,
      ip,
      at,
    });
  }

  settingsChanged({ siteId, by, fields, at }: DomainEvents['settings.changed']): void {
    const target = { kind: 'site', id: siteId, label: null };
    this.trail.record({ siteId, action: 'settings.changed', ...actorOf(by), target, details: { fields: fields.join(', ') }, at });
  }

  secretRotated({ siteId, by, at }: DomainEvents['settings.secretRotated']): void {
    this.trail.record({ siteId, action: 'settings.secretRotated', ...actorOf(by), target: { kind: 'site', id: siteId, label: null }, at });
  }

  teamChanged({ action, member, by, details, at }: DomainEvents['team.changed']): void {
    this.trail.record({ siteId: member.siteId, action, ...actorOf(by), target: userTarget(member), details, at });
  }

  conversationOpened({ conversation, by, at }: DomainEvents['conversation.opened']): void {
    const target = { kind: 'conversation', id: conversation._id.toHexString(), label: null };
    this.trail.record({ siteId: conversation.siteId, action: 'conversation.opened', ...actorOf(by), target, at });
  }

  /** Each visitor a search by email showed is an access to their data. */
  async visitorLookedUp({ siteId, found, by, at }: DomainEvents['visitor.lookedUp']): Promise<void> {
    for (const id of found) {
      await this.trail.recordNow({ siteId, action: 'visitor.lookedUp', ...actorOf(by), target: { kind: 'visitor', id, label: null }, at });
    }
  }

  visitorExported({ siteId, visitorId, by, at }: DomainEvents['visitor.exported']): Promise<void> {
    return this.trail.recordNow({
      siteId,
      action: 'visitor.exported',
      ...actorOf(by),
      target: { kind: 'visitor', id: visitorId, label: null },
      details: proofOf(by),
      at,
    });
  }

  visitorErased({ siteId, visitorId, by, at }: DomainEvents['visitor.erased']): Promise<void> {
    return this.trail.recordNow({
      siteId,
      action: 'visitor.erased',
      ...actorOf(by),
      target: { kind: 'visitor', id: visitorId, label: null },
      details: proofOf(by),
      at,
    });
  }
}
