import { Types } from 'mongoose';
import type { MessageAuthor, VisitorConversation, VisitorConversationItem } from '../../shared/contract';
import { accounts, conversations, type Conversation } from '../data';
import type { ConversationStore } from './conversation-store';

const LIMIT = 20;
const PREVIEW_CHARS = 140;

/** The text shown for a last message: a preview, not the whole message. */
function previewText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= PREVIEW_CHARS ? flat : `${flat.slice(0, PREVIEW_CHARS - 1).trimEnd()}…`;
}

/** The visitor's latest conversations on the site, newest first, each with its live summary (one read by `visitorId`). */
async function latestOf(store: ConversationStore, siteId: Types.ObjectId, visitorId: string): Promise<Conversation[]> {
  const stored = await conversations.ofVisitor(new Types.ObjectId(visitorId), LIMIT);
  return Promise.all(stored.filter((doc) => doc.siteId.equals(siteId)).map((doc) => store.withLiveSummary(doc)));
}

/** What the visitor sees of one of their conversations in the widget's list. */
function toItem(doc: Conversation): VisitorConversationItem {
  return {
    id: doc._id.toHexString(),
    status: doc.status,
    startedAt: doc.createdAt.toISOString(),
    lastMessage: doc.lastMessage
      ? {
          text: previewText(doc.lastMessage.text ?? ''),
          author: (doc.lastMessage.author ?? 'system') as MessageAuthor,
          createdAt: (doc.lastMessage.createdAt ?? doc.createdAt).toISOString(),
        }
      : null,
  };
}

/** The widget's list of the visitor's own conversations, newest first. */
export async function visitorConversationItems(
  store: ConversationStore,
  siteId: Types.ObjectId,
  visitorId: string,
): Promise<VisitorConversationItem[]> {
  return (await latestOf(store, siteId, visitorId)).map(toItem);
}

/** The visitor's latest conversations on the site, newest first, with the name of the agent who had each (the agents' panel). */
export async function visitorConversations(
  store: ConversationStore,
  siteId: Types.ObjectId,
  visitorId: string,
): Promise<VisitorConversation[]> {
  const docs = await latestOf(store, siteId, visitorId);
  const agentIdOf = (doc: Conversation) => (doc.assigneeId ?? doc.closedBy)?.toHexString() ?? null;
  const names = await agentNames(siteId, new Set(docs.map(agentIdOf).filter((id) => id !== null)));
  return docs.map((doc) => {
    const agentId = agentIdOf(doc);
    return {
      ...toItem(doc),
      closeReason: doc.status === 'closed' ? (doc.closeReason ?? null) : null,
      csatRating: doc.csat?.rating ?? null,
      agentName: agentId ? (names.get(agentId) ?? null) : null,
    };
  });
}

/** Names of the site's users by id. */
async function agentNames(siteId: Types.ObjectId, ids: Set<string>): Promise<Map<string, string>> {
  const users = await Promise.all([...ids].map((id) => accounts.byId(id)));
  const names = new Map<string, string>();
  for (const user of users) if (user?.siteId.equals(siteId)) names.set(user._id.toHexString(), user.name);
  return names;
}
