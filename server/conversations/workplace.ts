import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { CloseReason, ConversationStatus, ConversationSummary, Note } from '../../shared/contract';
import type { ConversationAnalytics } from '../analytics/conversation-analytics';
import { accounts, csatRatings, notes, visitors, type Conversation, type StoredNote, type StoredUser } from '../data';
import { AppError } from '../edge/errors';
import type { Logger } from '../infra/logger';
import type { LifecycleService } from '../visitors/lifecycle-service';
import {
  endWaiting,
  findOpenConversation,
  loadConversation,
  onMessageStored,
  postMessage,
  recordAgentRead,
  releaseOpenConversation,
  requireConversation,
  updateConversation,
  type ConversationPatch,
} from './conversation-store';
import { broadcastMessage, rooms, type ChatNamespaces } from './namespaces';
import type { ConversationSearchIndex } from './search-index';
import { toSummary } from './serialize';

/** Search shows the most recently active matches. */
const SEARCH_LIMIT = 30;
/** A rating of this or lower marks the visitor at risk. */
const NEGATIVE_CSAT = 2;

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  resolved: 'Resolved',
  no_reply: 'No reply from the visitor',
  spam: 'Spam',
  duplicate: 'Duplicate',
  other: 'Other',
};

interface Deps {
  ns: ChatNamespaces;
  search: ConversationSearchIndex;
  lifecycle: Pick<LifecycleService, 'update'>;
  /** Assigns an unassigned conversation to the agent; the first one wins across processes (Escalations.accept). */
  claim(user: StoredUser, conversationId: string): Promise<ConversationSummary>;
  /** Resolution times and ratings for the analytics page. */
  analytics?: Pick<ConversationAnalytics, 'closed' | 'rated'>;
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

/** A read position stops at the conversation's last message: nobody can mark messages still to come as read. */
function readUpTo(conversation: Conversation, seq: number): number {
  return Math.min(seq, conversation.lastMessage?.seq ?? -1);
}

/** An agent's work on a conversation beyond replying: notes, reads, search, take, transfer, close, and the visitor's rating. */
export class Workplace {
  private readonly stopIndexing: () => void;

  constructor(private readonly deps: Deps) {
    this.stopIndexing = onMessageStored((conversation, message) => {
      this.index(conversation, message.author === 'system' ? null : message.text).catch((err: unknown) =>
        deps.log.warn({ err }, 'indexing a message for search failed'),
      );
    });
  }

  dispose(): void {
    this.stopIndexing();
  }

  async search(siteId: Types.ObjectId, query: string, status: ConversationStatus | undefined): Promise<ConversationSummary[]> {
    const ids = await this.deps.search.find(siteId.toHexString(), query, SEARCH_LIMIT);
    // From the conversation cache, else one `_id` lookup each (on the embedded database the one lookup that reads no other document),
    // so a search costs the same however many conversations the site has (bench:inbox-search).
    const found = await Promise.all(ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => loadConversation(id)));
    return found.filter((c): c is Conversation => c !== null && c.siteId.equals(siteId) && (!status || c.status === status)).map(toSummary);
  }

  async take(user: StoredUser, conversationId: string): Promise<ConversationSummary> {
    const conversation = await requireConversation(conversationId, user.siteId);
    if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
    return this.deps.claim(user, conversationId);
  }

  async agentRead(user: StoredUser, conversationId: string, seq: number): Promise<void> {
    const conversation = await requireConversation(conversationId, user.siteId);
    const upTo = readUpTo(conversation, seq);
    const read = await recordAgentRead(conversation._id, upTo);
    if (!read) return; // read that far already
    this.deps.ns.agents.to(rooms.siteAgents(read.siteId.toHexString())).emit('conversation:upsert', toSummary(read));
    this.deps.ns.visitors.to(rooms.visitor(read.visitorId.toHexString())).emit('conversation:read', { conversationId, seq: upTo });
  }

  async visitorRead(conversation: Conversation, seq: number): Promise<void> {
    const upTo = readUpTo(conversation, seq);
    if (upTo <= (conversation.visitorReadSeq ?? -1)) return;
    await updateConversation(conversation._id, { visitorReadSeq: upTo });
    const conversationId = conversation._id.toHexString();
    this.deps.ns.agents.to(rooms.conversation(conversationId)).emit('conversation:read', { conversationId, seq: upTo });
  }

  async notes(user: StoredUser, conversationId: string): Promise<Note[]> {
    const conversation = await requireConversation(conversationId, user.siteId);
    return (await notes.ofConversation(conversation._id, 500)).map(toNote);
  }

  async addNote(user: StoredUser, conversationId: string, clientId: string, text: string, kind: Note['kind'] = 'note'): Promise<Note> {
    const conversation = await requireConversation(conversationId, user.siteId);
    const { note, created } = await notes.add({
      siteId: conversation.siteId,
      conversationId: conversation._id,
      clientId,
      kind,
      authorId: user._id,
      authorName: user.name,
      text,
    });
    if (!created) return toNote(note); // a re-send: already delivered
    // Agents only: the conversation's room holds agent sockets, never a visitor's.
    this.deps.ns.agents.to(rooms.conversation(conversationId)).emit('note:new', toNote(note));
    if (kind === 'note') await this.index(conversation, text);
    return toNote(note);
  }

  async transfer(user: StoredUser, conversationId: string, toUserId: string, note: string): Promise<ConversationSummary> {
    const conversation = await requireConversation(conversationId, user.siteId);
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
    const conversation = await requireConversation(conversationId, user.siteId);
    if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is already closed.');
    await this.system(conversation, `${user.name} closed the conversation.`);
    await endWaiting(conversation._id);
    const updated = await this.update(conversation._id, {
      status: 'closed',
      closedAt: new Date(),
      closeReason: reason,
      closeComment: comment || null,
      closedBy: user._id,
    });
    await releaseOpenConversation(updated);
    await this.deps.analytics?.closed(updated, updated.closedAt ?? new Date());
    this.deps.ns.visitors.to(rooms.visitor(updated.visitorId.toHexString())).emit('conversation:closed', { conversationId });
    return toSummary(updated);
  }

  /** The visitor's rating of their closed conversation, stored once; 1–2 marks them at risk. */
  async submitCsat(visitorId: string, conversationId: string, rating: number, comment: string): Promise<void> {
    const conversation = await loadConversation(conversationId);
    if (!conversation || !conversation.visitorId.equals(visitorId)) throw new AppError('not_found', 'No such conversation.');
    if (conversation.status !== 'closed') throw new AppError('conflict', 'Conversations are rated once they are closed.');
    if (!(await csatRatings.recordOnce(conversation, conversation.closedBy ?? conversation.assigneeId ?? null, rating, comment))) {
      throw new AppError('conflict', 'This conversation has already been rated.');
    }
    await this.update(conversation._id, { csat: { rating, comment, at: new Date() } });
    await this.deps.analytics?.rated(conversation, rating, new Date());
    if (rating <= NEGATIVE_CSAT) {
      await this.deps.lifecycle.update(visitorId, (v) => ({ ...v, atRiskReason: 'negative_csat' }));
    }
  }

  /** Posts a system line (visible to the visitor too) and delivers it. */
  private async system(conversation: Conversation, text: string): Promise<void> {
    const posted = await postMessage({ conversation, clientId: systemId('system'), author: 'system', text });
    if (posted.created) broadcastMessage(this.deps.ns, posted.conversation, posted.message);
  }

  /** Applies an update and refreshes every inbox of the site. */
  private async update(id: Types.ObjectId, patch: ConversationPatch): Promise<Conversation> {
    const updated = await updateConversation(id, patch);
    if (!updated) throw new AppError('not_found', 'This conversation no longer exists.');
    this.deps.ns.agents.to(rooms.siteAgents(updated.siteId.toHexString())).emit('conversation:upsert', toSummary(updated));
    return updated;
  }

  /** A visitor told us who they are: their open conversation becomes findable by name and email. */
  async indexIdentity(visitorId: string, name: string | undefined, email: string | undefined): Promise<void> {
    const conversation = await findOpenConversation(new Types.ObjectId(visitorId));
    if (conversation) await this.index(conversation, null, name, email);
  }

  /** Indexes the conversation's words; its first message also indexes the visitor's name and email as stored. */
  private async index(conversation: Conversation, text: string | null, ...identity: Array<string | null | undefined>): Promise<void> {
    const visitor = identity.length === 0 && conversation.lastMessage?.seq === 0 ? await visitors.byId(conversation.visitorId) : null;
    const { search } = this.deps;
    await search.add(
      conversation.siteId.toHexString(),
      conversation._id.toHexString(),
      Date.now(),
      conversation.visitorName,
      visitor?.name,
      visitor?.email,
      ...identity,
      text,
    );
  }
}

function systemId(kind: string): string {
  return `${kind}-${randomBytes(12).toString('hex')}`;
}
