import type { Types } from 'mongoose';
import { insertOnce } from './insert-once';
import { MessageModel, type StoredMessage } from './models/message.model';

export type { StoredMessage };

type NewMessage = Omit<StoredMessage, '_id' | 'createdAt'>;

/**
 * `<conversation id>:<client id>`: the exactly-once key is the primary key, so storing a re-sent
 * message collides on it and finding one is an `_id` lookup.
 */
const messageKey = (conversationId: Types.ObjectId, clientId: string) => `${conversationId.toHexString()}:${clientId}`;

/** Chat messages: each stored once per (conversation, client id) and once per (conversation, position). */
export const messages = {
  /** The stored message, or null when its client id or its position is taken in the conversation. */
  async insert(message: NewMessage): Promise<StoredMessage | null> {
    return insertOnce<StoredMessage>(MessageModel, { _id: messageKey(message.conversationId, message.clientId), ...message });
  },

  /** A message by its id (`<conversation id>:<client id>`). */
  async byId(id: string): Promise<StoredMessage | null> {
    return MessageModel.findById(String(id)).lean<StoredMessage>();
  },

  async byClientId(conversationId: Types.ObjectId, clientId: string): Promise<StoredMessage | null> {
    return MessageModel.findById(messageKey(conversationId, clientId)).lean<StoredMessage>();
  },

  /** Up to `limit` messages of the conversation after position `afterSeq`, in order. */
  async page(conversationId: Types.ObjectId, afterSeq: number, limit: number): Promise<StoredMessage[]> {
    return MessageModel.find({ conversationId, seq: { $gt: afterSeq } })
      .sort({ seq: 1 })
      .limit(limit)
      .lean<StoredMessage[]>();
  },

  /** The conversation's latest `limit` messages, latest first. */
  async latest(conversationId: Types.ObjectId, limit: number): Promise<StoredMessage[]> {
    return MessageModel.find({ conversationId }).sort({ seq: -1 }).limit(limit).lean<StoredMessage[]>();
  },

  /** The highest stored position, -1 for none. */
  async highestSeq(conversationId: Types.ObjectId): Promise<number> {
    const last = await MessageModel.findOne({ conversationId }).sort({ seq: -1 }).select({ seq: 1 }).lean<{ seq: number }>();
    return last?.seq ?? -1;
  },

  /** The conversation's latest message by this kind of author. */
  async latestBy(conversationId: Types.ObjectId, author: StoredMessage['author']): Promise<StoredMessage | null> {
    return MessageModel.findOne({ conversationId, author }).sort({ seq: -1 }).lean<StoredMessage>();
  },
};
