import { Types } from 'mongoose';
import type { Attachment, BotAnswer, MessageAuthor, ProductCard } from '../../shared/contract';
import { conversations, messages, openConversations, type Conversation, type StoredMessage, type Visitor } from '../data';
import { maskSecrets } from '../../shared/privacy/mask-secrets';
import { AppError } from '../errors/app-error';
import type { DomainEventPublisher } from '../events/domain-events';
import type { Clock } from '../infra/clock';
import { visitorDisplayName } from '../visitors/display-name';
import { liveSummary, type ConversationCache } from './conversation-cache';
import { SummaryWriter } from './summary-writer';

const HISTORY_LIMIT = 500;
const INBOX_LIMIT = 200;
/** The closed view shows the latest few; older ones are found by search. */
const CLOSED_LIMIT = 50;
const MAX_SEQ_ATTEMPTS = 5;

/** A claim younger than this may belong to a conversation still being created. */
const CLAIM_SETTLE_MS = 2_000;
/** A conversation's live summary reaches its document this long after its last message… */
const SUMMARY_QUIET_MS = 5_000;
/** …or this long after the first unwritten change, in a conversation that never pauses. */
const SUMMARY_MAX_DELAY_MS = 120_000;

export interface NewMessage {
  conversation: Conversation;
  clientId: string;
  author: MessageAuthor;
  authorId?: Types.ObjectId;
  authorName?: string;
  text: string;
  answer?: BotAnswer;
  attachment?: Attachment;
  card?: ProductCard;
  quickReplies?: string[];
}

export interface PostedMessage {
  message: StoredMessage;
  conversation: Conversation;
  /** False when this client id was already stored: the caller re-acks (and publishes `message.resent`) without its other follow-ups. */
  created: boolean;
}

/** Whether a stored message is a re-send of `input`: the same author wrote it (an agent is one author, the visitor another). */
function sameAuthor(stored: StoredMessage, input: NewMessage): boolean {
  return stored.author === input.author && String(stored.authorId ?? '') === String(input.authorId ?? '');
}

/** How a conversation starts: continuing a closed one, and whether any agent was online. */
export interface ConversationStart {
  previous?: Types.ObjectId | null;
  offline?: boolean;
}

/** What an update changes, given the stored conversation. */
export type ConversationPatch = Partial<Conversation> | ((current: Conversation) => Partial<Conversation>);

interface Deps {
  cache: ConversationCache;
  events: DomainEventPublisher;
  clock: Clock;
}

/**
 * A server's conversations and messages: reads go through the Redis cache, updates through the data
 * layer's one write path; every newly stored message is published as `message.created`.
 */
export class ConversationStore {
  private readonly cache: ConversationCache;
  private readonly events: DomainEventPublisher;
  private readonly clock: Clock;
  private readonly summaries: SummaryWriter;

  constructor({ cache, events, clock }: Deps) {
    this.cache = cache;
    this.events = events;
    this.clock = clock;
    this.summaries = new SummaryWriter(
      (id) => this.updateConversation(new Types.ObjectId(id)),
      SUMMARY_QUIET_MS,
      SUMMARY_MAX_DELAY_MS,
      clock,
    );
  }

  /** A conversation by id, from the cache, else from the database (and then cached). */
  async loadConversation(id: Types.ObjectId | string): Promise<Conversation | null> {
    const key = typeof id === 'string' ? id : id.toHexString();
    const cached = await this.cache.get(key);
    if (cached) return cached;
    const stored = await conversations.byId(key);
    return stored && this.cache.store(stored);
  }

  /**
   * Applies a change to the stored document, together with the live summary the cache holds (so every
   * update also writes it), and caches the result; one update of a conversation at a time, in any
   * process (the data layer's lock). Without a patch it writes the live summary alone.
   */
  async updateConversation(id: Types.ObjectId, patch?: ConversationPatch): Promise<Conversation | null> {
    const key = id.toHexString();
    this.summaries.written(key);
    const updated = await conversations.update(id, async (stored) => {
      const live = await this.cache.get(key);
      if (!live && !patch) return null; // a summary write with no summary to write
      const changed = typeof patch === 'function' ? patch(stored) : patch;
      return { ...stored, ...(live && liveSummary(live)), ...changed };
    });
    return updated && this.cache.store(updated);
  }

  /** An agent read up to `seq`; null when they had read that far already. */
  async recordAgentRead(id: Types.ObjectId, seq: number): Promise<Conversation | null> {
    const read = await this.cache.agentRead(id.toHexString(), seq);
    if (read) this.summaries.touched(id.toHexString());
    return read;
  }

  /** The visitor waits for an answer from `at` on (unless already waiting), as after their first message. */
  async startWaiting(id: Types.ObjectId, at: Date): Promise<Conversation> {
    const key = id.toHexString();
    const waiting = (await this.cache.startWait(key, at)) ?? (await this.reload(id, () => this.cache.startWait(key, at)));
    this.summaries.touched(key);
    return waiting;
  }

  /** Nobody waits for an answer any more (the conversation is closing); the next update stores it. */
  async endWaiting(id: Types.ObjectId): Promise<void> {
    await this.cache.endWait(id.toHexString());
  }

  /** Writes every pending live summary now (a graceful shutdown). */
  flush(): Promise<void> {
    return this.summaries.flush();
  }

  /** Runs `work` alone for this conversation across processes (see `conversations.exclusive`). */
  exclusive<T>(id: Types.ObjectId, scope: string, work: () => Promise<T>): Promise<T> {
    return conversations.exclusive(id, scope, work);
  }

  async findOpenConversation(visitorId: Types.ObjectId): Promise<Conversation | null> {
    const visitor = visitorId.toHexString();
    const pointer = await this.cache.openConversationId(visitor);
    const claim = pointer ? { conversationId: new Types.ObjectId(pointer), createdAt: new Date(0) } : await openConversations.of(visitorId);
    if (!claim) return null;
    const conversation = await this.loadConversation(claim.conversationId);
    if (conversation?.status === 'open') {
      if (!pointer) await this.cache.setOpenConversation(visitor, claim.conversationId.toHexString());
      return conversation;
    }
    if (!conversation && this.clock.now() - claim.createdAt.getTime() < CLAIM_SETTLE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return this.findOpenConversation(visitorId);
    }
    // Closed, or a start that never finished: the claim is stale, release it.
    await this.releaseOpenConversation({ _id: claim.conversationId, visitorId });
    return null;
  }

  /**
   * Starts the visitor's conversation (continuing `previous`, a closed one the visitor wrote into;
   * `offline` when no agent was online to see it start); when tabs race to start one, all of them get
   * the winner's.
   */
  async startConversation(visitor: Visitor, start: ConversationStart = {}): Promise<Conversation> {
    const conversationId = new Types.ObjectId();
    if (!(await openConversations.claim(visitor._id, conversationId))) {
      const winner = await this.findOpenConversation(visitor._id);
      return winner ?? this.startConversation(visitor, start);
    }
    const created = await conversations.create({
      _id: conversationId,
      siteId: visitor.siteId,
      visitorId: visitor._id,
      visitorName: visitorDisplayName(visitor),
      previousConversationId: start.previous ?? null,
      offline: start.offline ?? false,
    });
    const conversation = await this.cache.store(created);
    await this.cache.setOpenConversation(visitor._id.toHexString(), conversationId.toHexString());
    return conversation;
  }

  /** After a conversation closes: the visitor's next message starts a new one. */
  async releaseOpenConversation(conversation: Pick<Conversation, '_id' | 'visitorId'>): Promise<void> {
    await this.cache.releaseOpenConversation(conversation.visitorId.toHexString(), conversation._id.toHexString());
    await openConversations.release(conversation.visitorId, conversation._id);
  }

  /**
   * Stores a message exactly once per (conversation, client id), at the next free position, then
   * applies it to the conversation's live summary. Both guarantees rest on unique keys: the message's
   * `_id` is (conversation, client id), and (conversation, seq) is a unique index. Positions come from
   * a counter in Redis; a collision (the counter restarted behind the stored messages) moves it past
   * the highest stored position. A client id another author used in the conversation is refused.
   */
  async postMessage(input: NewMessage): Promise<PostedMessage> {
    const { conversation } = input;
    if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
    const id = conversation._id.toHexString();
    // Card numbers, IBANs and security codes never reach the database: everything after (the ack,
    // the broadcasts, search, content gaps, learning, mail, analytics) reads the stored message.
    const { text, kinds } = maskSecrets(input.text);

    for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt++) {
      const seq = (await this.cache.nextSeq(id)) ?? (await this.reload(conversation._id, () => this.cache.nextSeq(id)));
      const message = await messages.insert({
        siteId: conversation.siteId,
        conversationId: conversation._id,
        clientId: input.clientId,
        seq,
        author: input.author,
        authorId: input.authorId ?? null,
        authorName: input.authorName ?? null,
        text,
        ...(kinds.length > 0 && { masked: kinds }),
        ...(input.answer && { answer: input.answer }),
        ...(input.attachment && { attachment: input.attachment }),
        ...(input.card && { card: input.card }),
        ...(input.quickReplies && { quickReplies: input.quickReplies }),
      });
      if (message) {
        const summarized = (await this.cache.record(message)) ?? (await this.reload(conversation._id, () => this.cache.record(message)));
        this.summaries.touched(id);
        void this.events.publish('message.created', { conversation: summarized, message });
        return { message, conversation: summarized, created: true };
      }
      const stored = await messages.byClientId(conversation._id, input.clientId);
      if (stored && !sameAuthor(stored, input)) {
        throw new AppError('conflict', 'This message id is already used in this conversation; send the message with a new id.');
      }
      if (stored) return { message: stored, conversation, created: false };
      await this.cache.seqAtLeast(id, await messages.highestSeq(conversation._id));
    }
    throw new AppError('unavailable', 'The conversation is too busy right now; your message will be retried.');
  }

  /** Runs `work` again after caching the conversation from the database (Redis lost it or it expired). */
  private async reload<T>(id: Types.ObjectId, work: () => Promise<T | null>): Promise<T> {
    if (!(await this.loadConversation(id))) throw new AppError('not_found', 'This conversation no longer exists.');
    const result = await work();
    if (result === null) throw new AppError('unavailable', 'The conversation could not be loaded; your message will be retried.');
    return result;
  }

  async requireConversation(id: Types.ObjectId | string, siteId?: Types.ObjectId): Promise<Conversation> {
    const conversation = Types.ObjectId.isValid(id) ? await this.loadConversation(id) : null;
    if (!conversation || (siteId && !conversation.siteId.equals(siteId))) throw new AppError('not_found', 'No such conversation.');
    return conversation;
  }

  messagesAfter(conversationId: Types.ObjectId, afterSeq: number): Promise<StoredMessage[]> {
    return messages.page(conversationId, afterSeq, HISTORY_LIMIT);
  }

  /** A site's latest open or closed conversations, each with its live summary. */
  async listConversations(siteId: Types.ObjectId, status: 'open' | 'closed', now: Date): Promise<Conversation[]> {
    if (status === 'closed') return conversations.closedOfSite(siteId, CLOSED_LIMIT, now, (id) => this.loadConversation(id));
    return Promise.all((await conversations.openOfSite(siteId, INBOX_LIMIT)).map((doc) => this.withLiveSummary(doc)));
  }

  /** A conversation read from the database, with the live summary Redis holds for it (and cached). */
  withLiveSummary(doc: Conversation): Promise<Conversation> {
    return this.cache.store(doc);
  }
}
