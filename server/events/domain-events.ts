import type { HesitationOutcome } from '../../shared/contract/analytics';
import type { CannedResponse } from '../../shared/contract/canned';
import type { AuditAction } from '../../shared/contract/audit-actions';
import type { DataRequestAction } from '../../shared/contract/visitor-privacy';
import type { LocaleCode } from '../../shared/i18n/locales';
import type { Hesitation, LifecycleSettings, Stage } from '../../shared/lifecycle';
import type { Conversation, StoredMessage, StoredUser, Visitor } from '../data';
import type { EventBus } from './bus';

/**
 * Who acted (the audit trail's actor): a signed-in console user or a visitor, from a client address, or
 * the server itself. A visitor proves who they are with the token their device holds or with a link
 * mailed to their address (`via`).
 */
export type EventActor =
  | { kind: 'user'; user: StoredUser; ip: string | null }
  | { kind: 'visitor'; visitorId: string; via: VisitorProof; ip: string | null }
  | { kind: 'system' };
export type VisitorProof = 'device' | 'email';
export type UserActor = Extract<EventActor, { kind: 'user' }>;

/** A change of the team: who was created, changed, deactivated, reactivated, invited or joined. */
export type TeamAction = Extract<AuditAction, `team.${string}`>;

/** Every domain event by name, with its payload: the one place both publishers and listeners take their types from. */
export interface DomainEvents {
  /** A message was stored for the first time, whichever path stored it. */
  'message.created': { conversation: Conversation; message: StoredMessage };
  /** A client re-sent a stored message: it is delivered again (the first delivery may never have happened). */
  'message.resent': { conversation: Conversation; message: StoredMessage };
  /** A visitor's chat message was stored (not a form or a system line). */
  /** `locale`: the visitor's language as of the tab's last sync (null when unknown). */
  'visitor.messaged': {
    conversation: Conversation;
    message: StoredMessage;
    siteId: string;
    visitorId: string;
    onProductPage: boolean;
    locale: string | null;
  };
  /** The visitor asked for a person ("Talk to a person"): `message` is the hand-off's system line, and the conversation waits from it on. */
  'visitor.handedOff': { conversation: Conversation; message: StoredMessage; siteId: string; visitorId: string };
  /** An agent's chat reply was stored; `conversation` is as it was before the reply. */
  'agent.replied': { conversation: Conversation; message: StoredMessage };
  /** A conversation's summary changed in a way every inbox of its site shows. */
  'conversation.updated': { conversation: Conversation };
  'conversation.closed': { conversation: Conversation; closedAt: Date };
  'conversation.rated': { conversation: Conversation; visitorId: string; rating: number; at: Date };
  /** A visitor record was written through the lifecycle (any field). */
  'visitor.updated': { before: Visitor; after: Visitor; at: Date };
  'visitor.stageChanged': { visitor: Visitor; stage: Stage };
  /** The visitor's browsing changed: business timers are (re)scheduled or cancelled. */
  'visitor.browsingChanged': { visitor: Visitor; settings: LifecycleSettings };
  /** A hesitation rule fired for this visitor (timers, page views, exit intent, a price question). */
  'visitor.hesitated': { visitor: Visitor; hesitation: Hesitation; settings: LifecycleSettings };
  /** A visitor told us who they are. */
  'visitor.identified': { visitorId: string; name: string | undefined; email: string | undefined };
  /** A visitor searched the help centre (an evaluation-stage signal). */
  'kb.searched': { visitorId: string };
  /** What came of a hesitation: prompted, or why not. */
  'escalation.decided': { visitor: Visitor; hesitation: Hesitation; outcome: HesitationOutcome; at: Date };
  /** A conversation is offered to one agent (with the SLA's end) or to every agent of its site. */
  'escalation.offered': { conversation: Conversation; to: { userId: string; expiresAt: Date } | { siteId: string } };
  /** A mail left this server (handed to the SMTP server, or written to the outbox); `kind` says what it was for. */
  'mail.sent': { siteId: string; kind: string; to: string; at: Date };
  /** A mail could not be handed over; `kind` says what it was for. */
  'mail.failed': { siteId: string; kind: string; to: string; error: string; at: Date };
  /** A console user signed in with their password. */
  'auth.signedIn': { user: StoredUser; ip: string | null; at: Date };
  /** A sign-in named an existing account but failed (wrong password, or the account is deactivated). */
  'auth.signInFailed': { user: StoredUser; ip: string | null; at: Date };
  /** An admin created or changed a canned response (its text, title or file). */
  'canned.saved': { siteId: string; response: CannedResponse };
  'canned.removed': { siteId: string; shortcut: string };
  /** An admin saved site settings: the paths of the fields that changed (never their values). */
  'settings.changed': { siteId: string; by: EventActor; fields: string[]; at: Date };
  'settings.secretRotated': { siteId: string; by: EventActor; at: Date };
  /** `member` as it is after the change; `details` says what changed (a role from and to), never a password or token. */
  'team.changed': { action: TeamAction; member: StoredUser; by: EventActor; details: Record<string, string>; at: Date };
  /** An agent opened a conversation (read its messages and its visitor). */
  'conversation.opened': { conversation: Conversation; by: EventActor; at: Date };
  /** A visitor's data was exported / erased (issue 18; published by the export and erase code). */
  /** An admin searched the site's visitors by email address: `found` are the visitors it showed. */
  'visitor.lookedUp': { siteId: string; found: string[]; by: EventActor; at: Date };
  'visitor.exported': { siteId: string; visitorId: string; by: EventActor; at: Date };
  'visitor.erased': { siteId: string; visitorId: string; by: EventActor; at: Date };
  /**
   * Someone asked, from the widget, for a link to export or erase the data of the site's visitors
   * stored with an address (`visitorIds`, all of them): the link goes to that address, in `locale`.
   */
  'visitor.dataRequested': { siteId: string; visitorIds: string[]; action: DataRequestAction; locale: LocaleCode; at: Date };
}

export type DomainEventBus = EventBus<DomainEvents>;
/** What a domain needs to publish. */
export type DomainEventPublisher = Pick<DomainEventBus, 'publish'>;
