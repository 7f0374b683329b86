import type { Types } from 'mongoose';
import { insertOnce } from './insert-once';
import { KbGapModel, type StoredGap } from './models/kb-gap.model';

export type { StoredGap };

/** Content gaps: visitor questions no article answered confidently; what they are and how they group is server/kb/gaps's. */
export const kbGaps = {
  /** Stores a question unless the conversation already has the same one (false then). */
  async record(gap: Omit<StoredGap, '_id'>): Promise<boolean> {
    return (await insertOnce<StoredGap>(KbGapModel, gap)) !== null;
  },

  /** The site's questions since a time, newest first, at most `limit`. */
  async recent(siteId: Types.ObjectId, since: Date, limit: number): Promise<StoredGap[]> {
    return KbGapModel.find({ siteId, at: { $gte: since } })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean<StoredGap[]>();
  },

  /** These questions of the site; ids of another site are ignored. */
  async byIds(siteId: Types.ObjectId, ids: readonly Types.ObjectId[]): Promise<StoredGap[]> {
    return KbGapModel.find({ siteId, _id: { $in: ids } })
      .sort({ at: -1, _id: -1 })
      .lean<StoredGap[]>();
  },

  /** Removes these questions of the site (handled by an editor); answers how many went. */
  async remove(siteId: Types.ObjectId, ids: readonly Types.ObjectId[]): Promise<number> {
    return (await KbGapModel.deleteMany({ siteId, _id: { $in: ids } })).deletedCount;
  },

  /** Keeps the site's questions bounded: drops those older than `before` and all but the newest `keep`. */
  async prune(siteId: Types.ObjectId, before: Date, keep: number): Promise<void> {
    await KbGapModel.deleteMany({ siteId, at: { $lt: before } });
    const oldestKept = await KbGapModel.findOne({ siteId }).sort({ at: -1, _id: -1 }).skip(keep).select({ at: 1 }).lean<{ at: Date }>();
    if (oldestKept) await KbGapModel.deleteMany({ siteId, at: { $lte: oldestKept.at } });
  },
};
