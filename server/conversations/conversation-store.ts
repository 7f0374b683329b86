import { Types } from 'mongoose';
import type { MessageAuthor } from '../../shared/contract';
import { AppError } from '../edge/errors';
import { visitorDisplayName, type Visitor } from '../visitors/visitor.model';
import { ConversationModel, type Conversation } from './conversation.model';
import { MessageModel, type StoredMessage } from './message.model';

const DUPLICATE_KEY = 11000;
const HISTORY_LIMIT = 500;
const MAX_SEQ_ATTEMPTS = 50;

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number }).code === DUPLICATE_KEY;
}

export function findOpenConversation(visitorId: Types.ObjectId): Promise<Conversation | null> {
  return ConversationModel.findOne({ openKey: visitorId.toHexString() }).lean<Conversation>().exec();
}

/** Starts the visitor's conversation; when tabs race to start one, all of them get the winner's. */
export async function startConversation(visitor: Visitor): Promise<Conversation> {
  try {
    const created = await ConversationModel.create({
      siteId: visitor.siteId,
      visitorId: visitor._id,
      visitorName: visitorDisplayName(visitor),
      openKey: visitor._id.toHexString(),
    });
    return created.toObject<Conversation>();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await findOpenConversation(visitor._id);
    if (!winner) throw err;
    return winner;
  }
}

export interface NewMessage {
  conversation: Conversation;
  clientId: string;
  author: MessageAuthor;
  authorId?: Types.ObjectId;
  authorName?: string;
  text: string;
}

export interface PostedMessage {
  message: StoredMessage;
  conversation: Conversation;
  /** False when this client id was already stored: the caller re-acks without broadcasting again. */
  created: boolean;
}

/**
 * Stores a message exactly once per (conversation, client id), at the next free position, then
 * refreshes the conversation's preview and waiting state. Both guarantees rest on unique indexes.
 */
export async function postMessage(input: NewMessage): Promise<PostedMessage> {
  const { conversation } = input;
  if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
  const byClientId = { conversationId: conversation._id, clientId: input.clientId };

  for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt++) {
    const stored = await MessageModel.findOne(byClientId).lean<StoredMessage>();
    if (stored) return { message: stored, conversation, created: false };
    const last = await MessageModel.findOne({ conversationId: conversation._id })
      .sort({ seq: -1 })
      .select({ seq: 1 })
      .lean<{ seq: number }>();
    try {
      const created = await MessageModel.create({
        siteId: conversation.siteId,
        ...byClientId,
        seq: (last?.seq ?? -1) + 1,
        author: input.author,
        authorId: input.authorId ?? null,
        authorName: input.authorName ?? null,
        text: input.text,
      });
      const message = created.toObject<StoredMessage>();
      return { message, conversation: await refreshSummary(conversation, message), created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Either this client id was stored meanwhile (found on the next pass) or the position was taken:
      // back off a little, at random, so that colliding writers spread out.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt + 1, 10)));
    }
  }
  throw new AppError('unavailable', 'The conversation is too busy right now; your message will be retried.');
}

async function refreshSummary(conversation: Conversation, message: StoredMessage): Promise<Conversation> {
  const lastMessage = { seq: message.seq, text: message.text, author: message.author, createdAt: message.createdAt };
  const waiting =
    message.author === 'visitor'
      ? { $min: { waitingSince: message.createdAt } }
      : message.author === 'agent'
        ? { $unset: { waitingSince: 1 } }
        : {};
  // Only a newer message may replace the preview, whatever order concurrent writers finish in.
  const updated = await ConversationModel.findOneAndUpdate(
    { _id: conversation._id, $or: [{ lastMessage: null }, { 'lastMessage.seq': { $lt: message.seq } }] },
    { $set: { lastMessage }, ...waiting },
    { returnDocument: 'after' },
  ).lean<Conversation>();
  return updated ?? (await requireConversation(conversation._id));
}

export async function requireConversation(id: Types.ObjectId | string, siteId?: Types.ObjectId): Promise<Conversation> {
  const conversation = Types.ObjectId.isValid(id)
    ? await ConversationModel.findOne({ _id: id, ...(siteId ? { siteId } : {}) }).lean<Conversation>()
    : null;
  if (!conversation) throw new AppError('not_found', 'No such conversation.');
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
