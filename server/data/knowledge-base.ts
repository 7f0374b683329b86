import { Types } from 'mongoose';
import type { KbLocaleCode } from '../../shared/kb/locales';
import { insertOnce } from './insert-once';
import { ArticleModel, type ArticleContent, type PublishedContent, type StoredArticle } from './models/article.model';
import { KbDemoSeedModel } from './models/kb-demo-seed.model';
import { RevisionModel, type StoredRevision } from './models/revision.model';
import { SignalModel, VoteModel, type SignalType, type StoredSignal } from './models/signal.model';

export type { ArticleContent, PublishedContent, SignalType, StoredArticle, StoredRevision, StoredSignal };

/** The fields a change of the working copy writes. */
export type WorkingCopy = ArticleContent & {
  revision: number;
  updatedById: Types.ObjectId | null;
  updatedByName: string;
  published?: PublishedContent | null;
};

/** Knowledge-base articles: a working copy and, once published, a frozen published copy. */
export const articles = {
  async byId(id: string | Types.ObjectId): Promise<StoredArticle | null> {
    return Types.ObjectId.isValid(id) ? ArticleModel.findById(id).lean<StoredArticle>() : null;
  },

  /** The site's articles (in one locale, when given), most recently updated first. */
  async ofSite(siteId: Types.ObjectId, locale: KbLocaleCode | undefined, limit: number): Promise<StoredArticle[]> {
    return ArticleModel.find({ siteId, ...(locale && { locale }) })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .lean<StoredArticle[]>();
  },

  /** Every translation of one article (the same key). */
  async translations(siteId: Types.ObjectId, key: string): Promise<StoredArticle[]> {
    return ArticleModel.find({ siteId, key: String(key) }).lean<StoredArticle[]>();
  },

  /** The site's published articles in a locale, as the search index takes them. */
  async publishedIn(siteId: Types.ObjectId, locale: KbLocaleCode): Promise<StoredArticle[]> {
    const found = await ArticleModel.find({ siteId, locale }).select('siteId locale revision published').lean<StoredArticle[]>();
    return found.filter((article) => article.published);
  },

  async countOfSite(siteId: Types.ObjectId): Promise<number> {
    return ArticleModel.countDocuments({ siteId });
  },

  /** False when the site has this article in this locale already (the unique key, locale). */
  async create(article: Omit<StoredArticle, 'createdAt' | 'updatedAt'>): Promise<boolean> {
    return (await insertOnce(ArticleModel, article)) !== null;
  },

  async createMany(list: Array<Omit<StoredArticle, 'createdAt' | 'updatedAt'>>): Promise<void> {
    await ArticleModel.insertMany(list);
  },

  /** Writes the working copy of history entry `revision`, unless a later entry was written already. */
  async writeWorkingCopy(id: Types.ObjectId, copy: WorkingCopy): Promise<void> {
    await ArticleModel.updateOne({ _id: id, revision: { $lt: copy.revision } }, { $set: copy });
  },
};

type NewRevision = Omit<StoredRevision, '_id' | 'createdAt' | 'restoredFrom'> & { restoredFrom?: number | null };

/** Articles' histories: entry numbers are taken by inserting against the unique (article, number) key. */
export const revisions = {
  /** False when the number is taken (another save got there first). */
  async add(entry: NewRevision): Promise<boolean> {
    return (await insertOnce(RevisionModel, entry)) !== null;
  },

  async addMany(list: NewRevision[]): Promise<void> {
    await RevisionModel.insertMany(list);
  },

  /** The article's entries, latest first. */
  async ofArticle(articleId: Types.ObjectId, limit: number): Promise<StoredRevision[]> {
    return RevisionModel.find({ articleId }).sort({ number: -1 }).limit(limit).lean<StoredRevision[]>();
  },

  async find(articleId: Types.ObjectId, number: number): Promise<StoredRevision | null> {
    return RevisionModel.findOne({ articleId, number }).lean<StoredRevision>();
  },
};

type Subject = { siteId: Types.ObjectId; visitorId: Types.ObjectId };

/** Self-service facts (searches, views, deflections, escalations) and "was this helpful?" votes. */
export const kbSignals = {
  async add(
    type: SignalType,
    who: Subject,
    fields: Partial<Pick<StoredSignal, 'locale' | 'query' | 'results' | 'articleId' | 'at'>>,
  ): Promise<void> {
    await SignalModel.create({ siteId: who.siteId, visitorId: who.visitorId, type, at: new Date(), ...fields });
  },

  /** When the visitor asked for a person after reading an article, latest first. */
  async escalationTimesOf(visitorId: Types.ObjectId): Promise<Date[]> {
    const found = await SignalModel.find({ visitorId, type: 'escalation' }).select({ at: 1 }).lean<Array<{ at: Date }>>();
    return found.map((s) => s.at);
  },

  /** One vote per visitor and article; a later vote replaces it. */
  async vote(who: Subject, articleId: Types.ObjectId, helpful: boolean, at: Date): Promise<void> {
    const vote = { siteId: who.siteId, articleId, visitorId: who.visitorId, helpful, at };
    if (!(await insertOnce(VoteModel, vote))) {
      await VoteModel.updateOne({ articleId, visitorId: who.visitorId }, { $set: { helpful, at } });
    }
  },

  /** The site's searches since a time (the editors' signals page, not a hot path). */
  async countSearches(siteId: Types.ObjectId, since: Date): Promise<number> {
    return SignalModel.countDocuments({ siteId, type: 'search', at: { $gte: since } });
  },

  /** Zero-result searches since a time, grouped by query and locale, most frequent first. */
  async contentGaps(siteId: Types.ObjectId, since: Date, limit: number) {
    return SignalModel.aggregate<{ _id: { query: string; locale: KbLocaleCode }; count: number }>([
      { $match: { siteId, type: 'search', at: { $gte: since }, results: 0 } },
      { $group: { _id: { query: '$query', locale: '$locale' }, count: { $sum: 1 } } },
      { $sort: { count: -1 } },
      { $limit: limit },
    ]);
  },

  /** Signals of one type since a time, counted per article, most frequent first. */
  async perArticle(siteId: Types.ObjectId, type: SignalType, since: Date, limit: number) {
    return SignalModel.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { siteId, type, at: { $gte: since } } },
      { $group: { _id: '$articleId', count: { $sum: 1 } } },
      { $sort: { count: -1 } },
      { $limit: limit },
    ]);
  },

  /** Votes since a time, counted per article and answer. */
  async votesPerArticle(siteId: Types.ObjectId, since: Date) {
    return VoteModel.aggregate<{ _id: { articleId: Types.ObjectId; helpful: boolean }; count: number }>([
      { $match: { siteId, at: { $gte: since } } },
      { $group: { _id: { articleId: '$articleId', helpful: '$helpful' }, count: { $sum: 1 } } },
    ]);
  },
};

/** Sites that have had their demo articles. */
export const kbDemoSeeds = {
  /** True for the one caller that claims seeding the site. */
  async claim(siteId: Types.ObjectId): Promise<boolean> {
    return (await insertOnce(KbDemoSeedModel, { _id: siteId })) !== null;
  },
};
