import type { Types } from 'mongoose';
import { recordLock } from './connection';
import { KbPhrasingsModel } from './models/kb-phrasings.model';

/** An article's learned phrasings as stored; `seq` increases with every change. */
export interface ArticlePhrasingsRecord<P> {
  seq: number;
  phrasings: P[];
}

/** The learned phrasings of knowledge-base articles, one document per article; their shape and rules are server/kb/learning's. */
export const kbPhrasings = {
  /** The phrasings of these articles, by article id (articles without any are absent). */
  async ofArticles<P>(ids: readonly Types.ObjectId[]): Promise<Map<string, ArticlePhrasingsRecord<P>>> {
    if (ids.length === 0) return new Map();
    const found = await KbPhrasingsModel.find({ _id: { $in: ids } }).lean();
    return new Map(found.map((doc) => [doc._id.toHexString(), { seq: doc.seq, phrasings: doc.phrasings as P[] }]));
  },

  /**
   * The one write path: holds the article's lock, re-reads, applies `change` and writes the result
   * with the next `seq`; answers what is stored.
   */
  async update<P>(articleId: Types.ObjectId, siteId: Types.ObjectId, change: (current: P[]) => P[]): Promise<ArticlePhrasingsRecord<P>> {
    return recordLock().run(`kb-phrasings:${articleId.toHexString()}`, async () => {
      const stored = await KbPhrasingsModel.findById(articleId).lean();
      const next = { seq: (stored?.seq ?? 0) + 1, phrasings: change((stored?.phrasings ?? []) as P[]) };
      await KbPhrasingsModel.updateOne({ _id: articleId }, { $set: { siteId, ...next } }, { upsert: true });
      return next;
    });
  },
};
