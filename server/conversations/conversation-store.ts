import { Types } from 'mongoose';
import type { MessageAuthor } from '../../shared/contract';
import { AppError } from '../edge/errors';
import { visitorDisplayName, type Visitor } from '../visitors/visitor.model';
import { ConversationModel, type Conversation } from './conversation.model';
import { MessageModel, messageKey, type StoredMessage } from './message.model';
import { OpenConversationModel, type OpenConversation } from './open-conversation.model';

const DUPLICATE_KEY = 11000;
const HISTORY_LIMIT = 500;
const MAX_SEQ_ATTEMPTS = 50;

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number }).code === DUPLICATE_KEY;
}

/** A claim younger than this may belong to a conversation still being created. */
const CLAIM_SETTLE_MS = 2_000;

export async function findOpenConversation(visitorId: Types.ObjectId): Promise<Conversation | null> {
  const claim = await OpenConversationModel.findById(visitorId.toHexString()).lean<OpenConversation>();
  if (!claim) return null;
  const conversation = await ConversationModel.findById(claim.conversationId).lean<Conversation>();
  if (conversation?.status === 'open') return conversation;
  if (!conversation && Date.now() - claim.createdAt.getTime() < CLAIM_SETTLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return findOpenConversation(visitorId);
  }
  // Closed, or a start that never finished: the claim is stale, release it.
  await OpenConversationModel.deleteOne({ _id: claim._id, conversationId: claim.conversationId });
  return null;
}

/** Starts the visitor's conversation; when tabs race to start one, all of them get the winner's. */
export async function startConversation(visitor: Visitor): Promise<Conversation> {
  const conversationId = new Types.ObjectId();
  try {
    await OpenConversationModel.create({ _id: visitor._id.toHexString(), conversationId });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await findOpenConversation(visitor._id);
    return winner ?? startConversation(visitor);
  }
  const created = await ConversationModel.create({
    _id: conversationId,
    siteId: visitor.siteId,
    visitorId: visitor._id,
    visitorName: visitorDisplayName(visitor),
  });
  return created.toObject<Conversation>();
}

/** After a conversation closes: the visitor's next message starts a new one. */
export async function releaseOpenConversation(conversation: Pick<Conversation, '_id' | 'visitorId'>): Promise<void> {
  await OpenConversationModel.deleteOne({ _id: conversation.visitorId.toHexString(), conversationId: conversation._id });
}

export interface NewMessage {
  conversation: Conversation;
  clientId: string;
  author: MessageAuthor;
  authorId?: Types.ObjectId;
  authorName?: string;
  text: string;
}

type StoredListener = (conversation: Conversation, message: StoredMessage) => void;
const storedListeners = new Set<StoredListener>();

/** Follows every newly stored message, whichever path stored it (the inbox search index does); returns the unsubscribe. */
export function onMessageStored(listener: StoredListener): () => void {
  storedListeners.add(listener);
  return () => storedListeners.delete(listener);
}

export interface PostedMessage {
  message: StoredMessage;
  conversation: Conversation;
  /** False when this client id was already stored: the caller re-acks (and re-broadcasts) without its other follow-ups. */
  created: boolean;
}

/**
 * Stores a message exactly once per (conversation, client id), at the next free position, then
 * refreshes the conversation's preview and waiting state. Both guarantees rest on unique keys: the
 * message's `_id` is (conversation, client id), and (conversation, seq) is a unique index. The next
 * position comes from the conversation's preview (already in hand); only after a collision is the
 * highest stored position looked up, which also heals a preview left behind by a concurrent writer.
 */
export async function postMessage(input: NewMessage): Promise<PostedMessage> {
  const { conversation } = input;
  if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
  const _id = messageKey(conversation._id, input.clientId);
  let lastSeq = conversation.lastMessage?.seq ?? -1;

  for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt++) {
    try {
      const created = await MessageModel.create({
        _id,
        siteId: conversation.siteId,
        conversationId: conversation._id,
        clientId: input.clientId,
        seq: lastSeq + 1,
        author: input.author,
        authorId: input.authorId ?? null,
        authorName: input.authorName ?? null,
        text: input.text,
      });
      const message = created.toObject<StoredMessage>();
      const refreshed = await refreshSummary(conversation, message);
      for (const listener of storedListeners) listener(refreshed, message);
      return { message, conversation: refreshed, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const stored = await MessageModel.findById(_id).lean<StoredMessage>();
      if (stored) return { message: stored, conversation, created: false };
      // The position was taken by a concurrent writer: back off a little, at random, then ask.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt + 1, 10)));
      lastSeq = await highestSeq(conversation._id);
    }
  }
  throw new AppError('unavailable', 'The conversation is too busy right now; your message will be retried.');
}

async function highestSeq(conversationId: Types.ObjectId): Promise<number> {
  const last = await MessageModel.findOne({ conversationId }).sort({ seq: -1 }).select({ seq: 1 }).lean<{ seq: number }>();
  return last?.seq ?? -1;
}

async function refreshSummary(conversation: Conversation, message: StoredMessage): Promise<Conversation> {
  const lastMessage = { seq: message.seq, text: message.text, author: message.author, createdAt: message.createdAt };
  // A visitor message waits and counts as unread; an agent's reply answers and reads everything before it.
  const waiting =
    message.author === 'visitor'
      ? { $min: { waitingSince: message.createdAt }, $inc: { unread: 1 } }
      : message.author === 'agent'
        ? { $unset: { waitingSince: 1 } }
        : {};
  const read = message.author === 'agent' ? { unread: 0, agentReadSeq: message.seq } : {};
  // Filtered by `_id` alone: the embedded database scans the whole collection for any other filter
  // (a "only if newer" condition cost a scan per message). Two writers finishing out of order may
  // leave the older preview; the messages themselves are complete and ordered by `seq`.
  const updated = await ConversationModel.findByIdAndUpdate(
    conversation._id,
    { $set: { lastMessage, ...read }, ...waiting },
    { returnDocument: 'after' },
  ).lean<Conversation>();
  return updated ?? (await requireConversation(conversation._id));
}

export async function requireConversation(id: Types.ObjectId | string, siteId?: Types.ObjectId): Promise<Conversation> {
  // Looked up by `_id` alone (the only lookup the embedded database answers from an index), then scoped.
  const conversation = Types.ObjectId.isValid(id) ? await ConversationModel.findById(id).lean<Conversation>() : null;
  if (!conversation || (siteId && !conversation.siteId.equals(siteId))) throw new AppError('not_found', 'No such conversation.');
  return conversation;
}

export function messagesAfter(conversationId: Types.ObjectId, afterSeq: number): Promise<StoredMessage[]> {
  return MessageModel.find({ conversationId, seq: { $gt: afterSeq } })
    .sort({ seq: 1 })
    .limit(HISTORY_LIMIT)
    .lean<StoredMessage[]>()
    .exec();
}

export function listConversations(siteId: Types.ObjectId, status: 'open' | 'closed'): Promise<Conversation[]> {
  return ConversationModel.find({ siteId, status }).sort({ updatedAt: -1 }).limit(200).lean<Conversation[]>().exec();
}
