import type { Types } from 'mongoose';
import type { RetentionSettings } from '../../shared/contract/settings';
import { Stage } from '../../shared/lifecycle/stages';
import { recordLock } from './connection';
import { AnalyticsReachedModel } from './models/analytics-day.model';
import { ConversationModel, type Conversation } from './models/conversation.model';
import { files } from './files';
import { CsatModel } from './models/csat.model';
import { KbGapModel } from './models/kb-gap.model';
import { MessageModel } from './models/message.model';
import { NoteModel } from './models/note.model';
import { OpenConversationModel } from './models/open-conversation.model';
import { RetentionCursorModel } from './models/retention-cursor.model';
import { SignalModel } from './models/signal.model';
import { SiteModel } from './models/site.model';
import { VisitorModel, type Visitor } from './models/visitor.model';

/** The day buckets retention walks: conversations by `closedDay`, visitors by `lastSeenDay`, analytics days, audit entries by day. */
export type RetentionWalk = 'conversations' | 'visitors' | 'analytics' | 'audit';

export interface RetainingSite {
  _id: Types.ObjectId;
  createdAt: Date;
  retention?: RetentionSettings | null;
}

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
const cursorId = (siteId: Types.ObjectId | string, walk: RetentionWalk) => `${String(siteId)}:${walk}`;

/**
 * Where each site's walk of each kind stands: the oldest day not yet purged. Only `_id` reads; every
 * change holds the cursor's record lock, so a bulk import lowering it and a pass moving it past a
 * day never undo each other.
 */
export const retentionCursors = {
  /** The stored cursor; null before the site's first walk of this kind. */
  async stored(siteId: Types.ObjectId | string, walk: RetentionWalk): Promise<string | null> {
    return (await RetentionCursorModel.findById(cursorId(siteId, walk)).lean())?.nextDay ?? null;
  },

  /** The next day to walk: the stored cursor, else the day the site was created (nothing of it is older). */
  async nextDay(site: Pick<RetainingSite, '_id' | 'createdAt'>, walk: RetentionWalk): Promise<string> {
    return (await retentionCursors.stored(site._id, walk)) ?? dayOf(site.createdAt);
  },

  /** Moves the cursor from `from` to `to`; false when it no longer stands at `from` (an import lowered it). */
  async move(site: Pick<RetainingSite, '_id' | 'createdAt'>, walk: RetentionWalk, from: string, to: string): Promise<boolean> {
    const _id = cursorId(site._id, walk);
    return recordLock().run(`retention:${_id}`, async () => {
      if ((await retentionCursors.nextDay(site, walk)) !== from) return false;
      await RetentionCursorModel.replaceOne({ _id }, { _id, nextDay: to }, { upsert: true });
      return true;
    });
  },

  /** Makes the walk come back for `day` (records imported with an old day). */
  async lowerTo(siteId: Types.ObjectId | string, walk: RetentionWalk, day: string): Promise<void> {
    const _id = cursorId(siteId, walk);
    await recordLock().run(`retention:${_id}`, async () => {
      const site = await SiteModel.findById(String(siteId)).select({ createdAt: 1 }).lean<{ createdAt: Date }>();
      const current = (await retentionCursors.stored(siteId, walk)) ?? (site ? dayOf(site.createdAt) : day);
      if (day < current) await RetentionCursorModel.replaceOne({ _id }, { _id, nextDay: day }, { upsert: true });
    });
  },
};

/** What retention reads and deletes, one equality bucket at a time. */
export const retention = {
  /** Every site with its retention settings (the background job; a deployment's sites are few). */
  async sites(): Promise<RetainingSite[]> {
    return SiteModel.find({}).select({ createdAt: 1, retention: 1 }).lean<RetainingSite[]>();
  },

  /** Up to `limit` of the site's conversations closed on `day`, in id order after `afterId`. */
  async closedOn(siteId: Types.ObjectId, day: string, afterId: Types.ObjectId | null, limit: number): Promise<Conversation[]> {
    return ConversationModel.find({ siteId, closedDay: day, ...(afterId && { _id: { $gt: afterId } }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Conversation[]>();
  },

  /** Up to `limit` of the site's visitors last seen on `day`, in id order after `afterId`. */
  async lastSeenOn(siteId: Types.ObjectId, day: string, afterId: Types.ObjectId | null, limit: number): Promise<Visitor[]> {
    return VisitorModel.find({ siteId, lastSeenDay: day, ...(afterId && { _id: { $gt: afterId } }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Visitor[]>();
  },

  /**
   * Deletes a conversation with what hangs off it — messages, files, notes, its content-gap questions, its rating, a claim still
   * naming it — each by an indexed equality; the conversation goes last, so an interrupted delete is found
   * and finished by the next pass.
   */
  async removeConversation(conversation: Pick<Conversation, '_id' | 'visitorId'>): Promise<void> {
    const conversationId = conversation._id;
    await Promise.all([
      MessageModel.deleteMany({ conversationId }),
      files.removeOfConversation(conversationId.toHexString()),
      NoteModel.deleteMany({ conversationId }),
      KbGapModel.deleteMany({ conversationId }),
      CsatModel.deleteOne({ _id: conversationId }),
      OpenConversationModel.deleteOne({ _id: conversation.visitorId.toHexString(), conversationId }),
    ]);
    await ConversationModel.deleteOne({ _id: conversationId });
  },

  /**
   * Deletes the visitor when `due` holds on its record as it is now, inside the visitor's lock (the
   * one `visitors.update` takes), so a visit arriving meanwhile keeps it. Their self-service signals
   * and funnel gates go with them; orders (the shop's records) and article votes stay, naming only the
   * visitor's id. True when deleted.
   */
  async removeVisitor(id: Types.ObjectId, due: (visitor: Visitor) => Promise<boolean>): Promise<boolean> {
    return recordLock().run(`visitor:${id.toHexString()}`, async () => {
      const visitor = await VisitorModel.findById(id).lean<Visitor>();
      if (!visitor || !(await due(visitor))) return false;
      await Promise.all([
        SignalModel.deleteMany({ visitorId: id }),
        ...Stage.options.map((stage) => AnalyticsReachedModel.deleteOne({ _id: `${id.toHexString()}:${stage}` })),
      ]);
      await VisitorModel.deleteOne({ _id: id });
      return true;
    });
  },
};
