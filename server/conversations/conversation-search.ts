import { Types } from 'mongoose';
import type { ConversationStatus, ConversationSummary } from '../../shared/contract';
import { visitors, type Conversation, type StoredMessage } from '../data';
import type { Clock } from '../infra/clock';
import type { ConversationStore } from './conversation-store';
import type { ConversationSearchIndex } from './search-index';
import { toSummary } from './serialize';

/** Search shows the most recently active matches. */
const SEARCH_LIMIT = 30;

interface Deps {
  store: ConversationStore;
  index: ConversationSearchIndex;
  clock: Clock;
}

/** The inbox search: what gets indexed (messages, notes, the visitor's identity) and finding conversations by it. */
export class ConversationSearch {
  constructor(private readonly deps: Deps) {}

  async search(siteId: Types.ObjectId, query: string, status: ConversationStatus | undefined): Promise<ConversationSummary[]> {
    const ids = await this.deps.index.find(siteId.toHexString(), query, SEARCH_LIMIT);
    // From the conversation cache, else one `_id` lookup each (on the embedded database the one lookup that reads no other document),
    // so a search costs the same however many conversations the site has (bench:inbox-search).
    const found = await Promise.all(ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => this.deps.store.loadConversation(id)));
    return found.filter((c): c is Conversation => c?.siteId.equals(siteId) === true && (!status || c.status === status)).map(toSummary);
  }

  /** A stored message: its words (a system line's are not searched). */
  indexMessage(conversation: Conversation, message: StoredMessage): Promise<void> {
    return this.index(conversation, message.author === 'system' ? null : message.text);
  }

  /** A visitor told us who they are: their open conversation becomes findable by name and email. */
  async indexIdentity(visitorId: string, name: string | undefined, email: string | undefined): Promise<void> {
    const conversation = await this.deps.store.findOpenConversation(new Types.ObjectId(visitorId));
    if (conversation) await this.index(conversation, null, name, email);
  }

  /** Indexes the conversation's words; its first message also indexes the visitor's name and email as stored. */
  async index(conversation: Conversation, text: string | null, ...identity: Array<string | null | undefined>): Promise<void> {
    const visitor = identity.length === 0 && conversation.lastMessage?.seq === 0 ? await visitors.byId(conversation.visitorId) : null;
    await this.deps.index.add(
      conversation.siteId.toHexString(),
      conversation._id.toHexString(),
      this.deps.clock.now(),
      conversation.visitorName,
      visitor?.name,
      visitor?.email,
      ...identity,
      text,
    );
  }
}
