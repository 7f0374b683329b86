import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { CloseReason, ConversationSummary, Note } from '../../shared/contract';
import { accounts, csatRatings, notes, type Conversation, type StoredNote, type StoredUser } from '../data';
import { maskSecrets } from '../../shared/privacy/mask-secrets';
import { AppError } from '../errors/app-error';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { ChatNamespaces } from '../realtime/namespaces';
import { rooms } from '../realtime/rooms';
import type { ConversationSearch } from './conversation-search';
import type { ConversationPatch, ConversationStore } from './conversation-store';
import { toSummary } from './serialize';

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  resolved: 'Resolved',
  no_reply: 'No reply from the visitor',
  spam: 'Spam',
  duplicate: 'Duplicate',
  other: 'Other',
};

interface Deps {
  ns: ChatNamespaces;
  store: ConversationStore;
  search: ConversationSearch;
  events: DomainEventPublisher;
  /** Assigns an unassigned conversation to the agent; the first one wins across processes (Escalations.accept). */
  claim(user: StoredUser, conversationId: string): Promise<ConversationSummary>;
  clock: Clock;
  log: Logger;
}

export function toNote(doc: StoredNote): Note {
  return {
    id: doc._id,
    conversationId: doc.conversationId.toHexString(),
    clientId: doc.clientId,
    kind: doc.kind,
    authorId: doc.authorId.toHexString(),
    authorName: doc.authorName,
    text: doc.text ?? '',
    createdAt: doc.createdAt.toISOString(),
  };
}

/**
 * Whether an open conversation has been quiet for `hours` after an agent's reply: no visitor message
 * waits for an answer, the last message is not the visitor's, an agent has been in it, and it is old enough.
 */
export function isIdle(
  conversation: Pick<Conversation, 'status' | 'lastMessage' | 'waitingSince' | 'agentReadSeq'>,
  hours: number,
  now: Date,
): boolean {
  const last = conversation.lastMessage;
  return (
    hours > 0 &&
    conversation.status === 'open' &&
    !conversation.waitingSince &&
    (conversation.agentReadSeq ?? -1) >= 0 &&
    !!last?.createdAt &&
    last.author !== 'visitor' &&
    now.getTime() - last.createdAt.getTime() >= hours * 3_600_000
  );
}

/** A read position stops at the conversation's last message: nobody can mark messages still to come as read. */
function readUpTo(conversation: Conversation, seq: number): number {
  return Math.min(seq, conversation.lastMessage?.seq ?? -1);
}

/** An agent's work on a conversation beyond replying: notes, reads, take, transfer, close, and the visitor's rating. */
export class Workplace {
  constructor(private readonly deps: Deps) {}

  async take(user: StoredUser, conversationId: string): Promise<ConversationSummary> {
    const conversation = await this.deps.store.requireConversation(conversationId, user.siteId);
    if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
    return this.deps.claim(user, conversationId);
  }

  async agentRead(user: StoredUser, conversationId: string, seq: number): Promise<void> {
    const conversation = await this.deps.store.requireConversation(conversationId, user.siteId);
    const upTo = readUpTo(conversation, seq);
    const read = await this.deps.store.recordAgentRead(conversation._id, upTo);
    if (!read) return; // read that far already
    void this.deps.events.publish('conversation.updated', { conversation: read });
    this.deps.ns.visitors.to(rooms.visitor(read.visitorId.toHexString())).emit('conversation:read', { conversationId, seq: upTo });
  }

  async visitorRead(conversation: Conversation, seq: number): Promise<void> {
    const upTo = readUpTo(conversation, seq);
    if (upTo <= (conversation.visitorReadSeq ?? -1)) return;
    await this.deps.store.updateConversation(conversation._id, { visitorReadSeq: upTo });
    const conversationId = conversation._id.toHexString();
    this.deps.ns.agents.to(rooms.conversation(conversationId)).emit('conversation:read', { conversationId, seq: upTo });
  }

  async notes(user: StoredUser, conversationId: string): Promise<Note[]> {
    const conversation = await this.deps.store.requireConversation(conversationId, user.siteId);
    return (await notes.ofConversation(conversation._id, 500)).map(toNote);
  }

  async addNote(user: StoredUser, conversationId: string, clientId: string, text: string, kind: Note['kind'] = 'note'): Promise<Note> {
    const conversation = await this.deps.store.requireConversation(conversationId, user.siteId);
    // Stored (and indexed) with card numbers, IBANs and security codes hidden, like messages.
    const masked = maskSecrets(text).text;
    const { note, created } = await notes.add({
      siteId: conversation.siteId,
      conversationId: conversation._id,
      clientId,
      kind,
      authorId: user._id,
      authorName: user.name,
      text: masked,
    });
    if (!created) return toNote(note); // a re-send: already delivered
    // Agents only: the conversation's room holds agent sockets, never a visitor's.
    this.deps.ns.agents.to(rooms.conversation(conversationId)).emit('note:new', toNote(note));
    if (kind === 'note') await this.deps.search.index(conversation, masked);
    return toNote(note);
  }

  async transfer(user: StoredUser, conversationId: string, toUserId: string, note: string): Promise<ConversationSummary> {
    const conversation = await this.deps.store.requireConversation(conversationId, user.siteId);
    if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
    const target = await accounts.byId(toUserId);
    if (!target?.siteId.equals(user.siteId) || !target.active || target.role === 'editor' || !target.passwordHash)
      throw new AppError('not_found', 'There is no such agent on this site.');
    if (conversation.assigneeId?.equals(target._id)) throw new AppError('conflict', `${target.name} already has this conversation.`);
    await this.addNote(user, conversationId, systemId('transfer'), note, 'transfer');
    await this.system(conversation, `${user.name} transferred the conversation to ${target.name}.`);
    const updated = await this.update(conversation._id, { assigneeId: target._id });
    this.deps.log.info({ conversationId, from: user._id.toHexString(), to: toUserId }, 'conversation transferred');
    return toSummary(updated);
  }

  async close(user: StoredUser, conversationId: string, reason: CloseReason, comment: string): Promise<ConversationSummary> {
    const conversation = await this.deps.store.requireConversation(conversationId, user.siteId);
    if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is already closed.');
    const closing = { closeReason: reason, closeComment: maskSecrets(comment).text || null, closedBy: user._id };
    return toSummary(await this.finishClose(conversation, `${user.name} closed the conversation.`, closing));
  }

  /**
   * Closes a conversation left quiet after an agent's reply for `hours` (the auto-close job), with a
   * system line; the visitor is asked for a rating as after any close. False when it no longer qualifies.
   */
  async closeIdle(conversationId: Types.ObjectId, hours: number, now: Date): Promise<boolean> {
    const conversation = await this.deps.store.loadConversation(conversationId);
    if (!conversation || !isIdle(conversation, hours, now)) return false;
    const closing = { closeReason: 'no_reply' as const, closeComment: null, closedBy: null };
    await this.finishClose(conversation, `Closed after ${hours} h without a reply from the visitor.`, closing);
    return true;
  }

  /** The steps of every close: the system line, the end of any wait, the record, the claim released, the news. */
  private async finishClose(
    conversation: Conversation,
    line: string,
    closing: Pick<Conversation, 'closeReason' | 'closeComment' | 'closedBy'>,
  ): Promise<Conversation> {
    await this.system(conversation, line);
    await this.deps.store.endWaiting(conversation._id);
    const closedAt = dateOf(this.deps.clock);
    const updated = await this.update(conversation._id, { status: 'closed', closedAt, ...closing });
    await this.deps.store.releaseOpenConversation(updated);
    await this.deps.events.publish('conversation.closed', { conversation: updated, closedAt: updated.closedAt ?? closedAt });
    return updated;
  }

  /** The visitor's rating of their closed conversation, stored once. */
  async submitCsat(visitorId: string, conversationId: string, rating: number, comment: string): Promise<void> {
    const conversation = await this.deps.store.loadConversation(conversationId);
    if (!conversation?.visitorId.equals(visitorId)) throw new AppError('not_found', 'No such conversation.');
    if (conversation.status !== 'closed') throw new AppError('conflict', 'Conversations are rated once they are closed.');
    const kept = maskSecrets(comment).text;
    if (!(await csatRatings.recordOnce(conversation, conversation.closedBy ?? conversation.assigneeId ?? null, rating, kept))) {
      throw new AppError('conflict', 'This conversation has already been rated.');
    }
    const at = dateOf(this.deps.clock);
    await this.update(conversation._id, { csat: { rating, comment: kept, at } });
    await this.deps.events.publish('conversation.rated', { conversation, visitorId, rating, at });
  }

  /** Posts a system line (visible to the visitor too); storing it delivers it (`message.created`). */
  private async system(conversation: Conversation, text: string): Promise<void> {
    await this.deps.store.postMessage({ conversation, clientId: systemId('system'), author: 'system', text });
  }

  /** Applies an update; every inbox of the site shows it (`conversation.updated`). */
  private async update(id: Types.ObjectId, patch: ConversationPatch): Promise<Conversation> {
    const updated = await this.deps.store.updateConversation(id, patch);
    if (!updated) throw new AppError('not_found', 'This conversation no longer exists.');
    void this.deps.events.publish('conversation.updated', { conversation: updated });
    return updated;
  }
}

function systemId(kind: string): string {
  return `${kind}-${randomBytes(12).toString('hex')}`;
}
