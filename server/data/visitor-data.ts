import mongoose, { Types } from 'mongoose';
import { Stage } from '../../shared/lifecycle/stages';
import { recordLock } from './connection';
import type { StoredFile } from './files';
import { AnalyticsReachedModel } from './models/analytics-day.model';
import { ConversationModel } from './models/conversation.model';
import { CsatModel } from './models/csat.model';
import { KbPhrasingsModel } from './models/kb-phrasings.model';
import { MessageModel } from './models/message.model';
import { NoteModel } from './models/note.model';
import { OpenConversationModel } from './models/open-conversation.model';
import { OrderModel } from './models/order.model';
import { SignalModel, VoteModel } from './models/signal.model';
import { VisitorModel } from './models/visitor.model';
import { retention } from './retention';

/** Everything stored about one visitor, as plain documents (what an export writes out). */
export interface VisitorRecords {
  visitor: Record<string, unknown> | null;
  conversations: Record<string, unknown>[];
  messages: Record<string, unknown>[];
  notes: Record<string, unknown>[];
  orders: Record<string, unknown>[];
  ratings: Record<string, unknown>[];
  files: StoredFile[];
  /** Self-service signals and article votes: with the visitor's stage history, their lifecycle timeline. */
  signals: Record<string, unknown>[];
  votes: Record<string, unknown>[];
}

/** The metadata of the files sent in these conversations (GridFS's `files.files`; the bytes stay out of an export). */
async function filesOf(conversationIds: string[]): Promise<StoredFile[]> {
  const found = await mongoose.connection.db
    ?.collection('files.files')
    .find({ 'metadata.conversationId': { $in: conversationIds } })
    .toArray();
  return (found ?? []).map((doc) => ({ id: String(doc._id), name: doc.filename, size: doc.length, ...doc.metadata }));
}

/** The most visitors a search by email address answers. */
const MAX_WITH_EMAIL = 20;
const withAddress = (siteId: Types.ObjectId, email: string) => ({ siteId, email: { $in: [...new Set([email, email.toLowerCase()])] } });

const asId = (id: string): Types.ObjectId | null => (Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null);

/**
 * A visitor's data across collections, for the export and the erasure of issue 18. Every read is
 * scoped to the site; every delete is idempotent (it deletes what remains), so an erasure that
 * stopped midway is finished by running it again.
 */
export const visitorData = {
  /** The visitor of this site, or null (also for another site's visitor: nothing tells them apart). */
  async ofSite(siteId: Types.ObjectId, visitorId: string): Promise<{ _id: Types.ObjectId } | null> {
    const _id = asId(visitorId);
    if (!_id) return null;
    return VisitorModel.findOne({ _id, siteId }).select({ _id: 1 }).lean();
  },

  /**
   * The site's visitors stored with this email address, as typed or in lower case (addresses are
   * kept as the visitor or the shop gave them), most recently seen first.
   */
  async withEmail(siteId: Types.ObjectId, email: string) {
    const visitors = await VisitorModel.find(withAddress(siteId, email))
      .select({ name: 1, email: 1, lastSeenAt: 1 })
      .sort({ lastSeenAt: -1 })
      .limit(MAX_WITH_EMAIL)
      .lean();
    return Promise.all(
      visitors.map(async (v) => ({
        id: v._id.toHexString(),
        name: v.name ?? null,
        email: v.email ?? email,
        lastSeenAt: v.lastSeenAt?.toISOString() ?? null,
        conversations: await ConversationModel.countDocuments({ siteId, visitorId: v._id }),
      })),
    );
  },

  /** The ids of the site's visitors stored with this email address (as `withEmail` finds them), most recently seen first. */
  async idsWithEmail(siteId: Types.ObjectId, email: string): Promise<string[]> {
    const found = await VisitorModel.find(withAddress(siteId, email))
      .select({ _id: 1 })
      .sort({ lastSeenAt: -1 })
      .limit(MAX_WITH_EMAIL)
      .lean();
    return found.map((v) => v._id.toHexString());
  },

  /** Ids of the visitor's conversations (of this site). */
  async conversationIds(siteId: Types.ObjectId, visitorId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const found = await ConversationModel.find({ siteId, visitorId }).select({ _id: 1 }).lean();
    return found.map((c) => c._id);
  },

  async gather(siteId: Types.ObjectId, visitorId: Types.ObjectId): Promise<VisitorRecords> {
    const conversationIds = await visitorData.conversationIds(siteId, visitorId);
    const inConversations = { conversationId: { $in: conversationIds } };
    const [visitor, conversations, messages, notes, orders, ratings, signals, votes, fileList] = await Promise.all([
      VisitorModel.findOne({ _id: visitorId, siteId }).lean(),
      ConversationModel.find({ _id: { $in: conversationIds } })
        .sort({ _id: 1 })
        .lean(),
      MessageModel.find(inConversations).sort({ conversationId: 1, seq: 1 }).lean(),
      NoteModel.find(inConversations).sort({ createdAt: 1 }).lean(),
      OrderModel.find({ siteId, visitorId }).sort({ createdAt: 1 }).lean(),
      CsatModel.find({ _id: { $in: conversationIds } }).lean(),
      SignalModel.find({ visitorId }).sort({ at: 1 }).lean(),
      VoteModel.find({ visitorId }).lean(),
      filesOf(conversationIds.map((id) => id.toHexString())),
    ]);
    return { visitor, conversations, messages, notes, orders, ratings, signals, votes, files: fileList };
  },

  /**
   * Marks the visitor as being erased (a field outside the schema, written as is): the first step
   * of an erasure, which the last step deletes with the record.
   */
  async markErasing(visitorId: Types.ObjectId, at: Date): Promise<void> {
    await VisitorModel.collection.updateOne({ _id: visitorId }, { $set: { erasingAt: at } });
  },

  /** Whether the visitor is being erased (their widgets are refused until the record is gone). */
  async isErasing(visitorId: string): Promise<boolean> {
    const _id = asId(visitorId);
    const found = _id && (await VisitorModel.collection.findOne({ _id }, { projection: { erasingAt: 1 } }));
    return Boolean(found?.erasingAt);
  },

  /** Deletes one conversation with everything that hangs off it (messages, files, notes, gaps, rating, claim). */
  removeConversation: (conversationId: Types.ObjectId, visitorId: Types.ObjectId) =>
    retention.removeConversation({ _id: conversationId, visitorId }),

  /** Deletes what names the visitor outside their conversations; the visitor record stays (deleted last). */
  async removeAroundVisitor(visitorId: Types.ObjectId): Promise<void> {
    await Promise.all([
      OrderModel.deleteMany({ visitorId }),
      CsatModel.deleteMany({ visitorId }),
      SignalModel.deleteMany({ visitorId }),
      VoteModel.deleteMany({ visitorId }),
      OpenConversationModel.deleteMany({ _id: visitorId.toHexString() }),
      ...Stage.options.map((stage) => AnalyticsReachedModel.deleteOne({ _id: `${visitorId.toHexString()}:${stage}` })),
    ]);
  },

  /** Deletes the visitor record, inside the lock `visitors.update` takes. */
  async removeVisitor(visitorId: Types.ObjectId): Promise<void> {
    await recordLock().run(`visitor:${visitorId.toHexString()}`, () => VisitorModel.deleteOne({ _id: visitorId }));
  },

  /** Every article's learned phrasings on the site (to find those taken from an erased visitor's words). */
  async phrasingsOfSite(siteId: Types.ObjectId): Promise<Array<{ articleId: string; phrasings: unknown[] }>> {
    const found = await KbPhrasingsModel.find({ siteId }).select({ phrasings: 1 }).lean();
    return found.map((doc) => ({ articleId: doc._id.toHexString(), phrasings: doc.phrasings }));
  },

  /** The text of the visitor's own messages (to scrub learned phrasings taken from them). */
  async visitorTexts(conversationIds: Types.ObjectId[]): Promise<string[]> {
    const found = await MessageModel.find({ conversationId: { $in: conversationIds }, author: 'visitor' })
      .select({ text: 1 })
      .lean();
    return found.map((m) => String(m.text ?? '')).filter(Boolean);
  },
};
