import type { Model, Types } from 'mongoose';
import { withDerivedFields } from './conversations';
import { DAY_MODELS, type AnalyticsDay, type Family } from './models/analytics-day.model';
import { ConversationModel, type Conversation } from './models/conversation.model';
import { MessageModel, type StoredMessage } from './models/message.model';
import { OpenConversationModel, type OpenConversation } from './models/open-conversation.model';
import { OrderModel, type Order } from './models/order.model';
import { VisitorModel, type Visitor } from './models/visitor.model';
import { retentionCursors, type RetentionWalk } from './retention';

type New<T> = Partial<T> & Pick<T, Extract<keyof T, '_id'>>;

/** Inserts one batch unordered, each document checked by its schema (a seed or an import; not the chat's path). */
const inBatch =
  <T>(model: Model<never>) =>
  async (docs: New<T>[]): Promise<void> => {
    await model.insertMany(docs as never[], { ordered: false });
  };

/** Makes retention walk back to the oldest day of each site among imported records (history older than its cursor). */
async function lowerCursors(
  walk: RetentionWalk,
  days: Array<{ siteId: Types.ObjectId | string | undefined; day: string | null | undefined }>,
): Promise<void> {
  const oldest = new Map<string, string>();
  for (const { siteId, day } of days) {
    if (!siteId || !day) continue;
    const site = String(siteId);
    if (!oldest.has(site) || day < oldest.get(site)!) oldest.set(site, day);
  }
  for (const [siteId, day] of oldest) await retentionCursors.lowerTo(siteId, walk, day);
}

const dayOf = (at: Date | null | undefined): string => (at ?? new Date()).toISOString().slice(0, 10);

/** Loads records in bulk: benchmark seeds and imports of history. Live traffic uses the aggregates' own writes. */
export const bulkImport = {
  async visitors(docs: New<Visitor>[]): Promise<void> {
    await inBatch<Visitor>(VisitorModel as never)(docs);
    await lowerCursors(
      'visitors',
      docs.map((doc) => ({ siteId: doc.siteId, day: dayOf(doc.lastSeenAt) })),
    );
  },
  async conversations(docs: New<Conversation>[]): Promise<void> {
    const derived = docs.map((doc) => withDerivedFields(doc, new Date()));
    await inBatch<Conversation>(ConversationModel as never)(derived);
    await lowerCursors(
      'conversations',
      derived.map((doc) => ({ siteId: doc.siteId, day: doc.closedDay })),
    );
  },
  openConversations: inBatch<OpenConversation>(OpenConversationModel as never),
  messages: inBatch<StoredMessage>(MessageModel as never),
  orders: inBatch<Order>(OrderModel as never),
  async analyticsDays(family: Family, docs: AnalyticsDay[]): Promise<void> {
    await inBatch<AnalyticsDay>(DAY_MODELS[family] as never)(docs);
    await lowerCursors('analytics', docs);
  },
};
