import type { Model } from 'mongoose';
import { withDerivedFields } from './conversations';
import { ConversationModel, type Conversation } from './models/conversation.model';
import { MessageModel, type StoredMessage } from './models/message.model';
import { OpenConversationModel, type OpenConversation } from './models/open-conversation.model';
import { OrderModel, type Order } from './models/order.model';
import { VisitorModel, type Visitor } from './models/visitor.model';

type New<T> = Partial<T> & Pick<T, Extract<keyof T, '_id'>>;

/** Inserts one batch unordered, each document checked by its schema (a seed or an import; not the chat's path). */
const inBatch =
  <T>(model: Model<never>) =>
  async (docs: New<T>[]): Promise<void> => {
    await model.insertMany(docs as never[], { ordered: false });
  };

/** Loads records in bulk: benchmark seeds and imports of history. Live traffic uses the aggregates' own writes. */
export const bulkImport = {
  visitors: inBatch<Visitor>(VisitorModel as never),
  conversations: (docs: New<Conversation>[]) => inBatch<Conversation>(ConversationModel as never)(docs.map((doc) => withDerivedFields(doc, new Date()))),
  openConversations: inBatch<OpenConversation>(OpenConversationModel as never),
  messages: inBatch<StoredMessage>(MessageModel as never),
  orders: inBatch<Order>(OrderModel as never),
};
