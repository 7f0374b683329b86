import { Types } from 'mongoose';
import type { KbSearchResult } from '../../shared/contract/kb';
import { articleIdsIn } from '../../shared/kb/links';
import { kbLocaleOf, type KbLocaleCode } from '../../shared/kb/locales';
import type { AnalyticsRecorder } from '../analytics/recorder';
import { articles, kbPhrasings, messages, sites, type ArticlePhrasingsRecord, type PublishedContent, type StoredArticle } from '../data';
import { AppError } from '../errors/app-error';
import type { DomainEvents } from '../events/domain-events';
import type { Logger } from '../infra/logger';
import type { QueueRegistry } from '../infra/queue-registry';
import { IndexSync, type SyncEvent } from './index-sync';
import {
  indexedPhrasings,
  learnFromHandoff,
  learnFromHelped,
  learnFromInsert,
  phrasingsForEditors,
  removePhrasing,
  type LearnedPhrasing,
} from './learning/phrasings';
import type { IndexChange } from './search/article-index';
import { confidenceOf } from './search/confidence';
import { indexedArticleOf } from './search/indexed-article';
import { SiteIndexes } from './search/site-indexes';
import { DeflectionQueue } from './signals/deflection-queue';
import { KbSignals } from './signals/signals';
import { systemClock, type Clock } from '../infra/clock';

export type PublishedArticle = StoredArticle & { published: PublishedContent };

export interface BestAnswer {
  locale: KbLocaleCode;
  articleId: string;
  title: string;
  confidence: number;
}

export interface KnowledgeBaseOptions {
  redisUrl: string;
  /** Namespaces the sync channel and the bull queue in a shared Redis. */
  prefix: string;
  /** The server's bull queues (the deflection queue joins them). */
  queues: QueueRegistry;
  log: Logger;
  /** Searches, views, deflections and escalations as analytics counts. */
  analytics?: Pick<AnalyticsRecorder, 'record'>;
  /** The site-locale cache's time; the system clock by default. */
  clock?: Clock;
}

const DEFAULT_LOCALE: KbLocaleCode = 'en';
const SITE_LOCALE_TTL_MS = 30_000;

/** Index versions: an article's revision first, then the changes of its learned phrasings within that revision. */
const PHRASING_CHANGES_PER_REVISION = 1e9;

/** The indexed form of an article as visitors see it, with its learned phrasings, or null when it is not published. */
export function indexChangeOf(article: StoredArticle, learned: ArticlePhrasingsRecord<LearnedPhrasing> | undefined): IndexChange {
  const { published } = article;
  return {
    id: article._id.toHexString(),
    version: article.revision * PHRASING_CHANGES_PER_REVISION + (learned?.seq ?? 0),
    article:
      published && indexedArticleOf(article._id.toHexString(), published, indexedPhrasings(learned?.phrasings ?? [], article.locale)),
  };
}

/**
 * The knowledge base's running part in one server process: its search indexes (kept in step with
 * every other process through `IndexSync`), the locale rules, and the signals. The widget, the
 * console and the eval all search through `ArticleIndex`, so they rank identically.
 */
export class KnowledgeBase {
  readonly signals: KbSignals;
  private readonly indexes = new SiteIndexes(loadPublished);
  private readonly sync: IndexSync;
  private readonly deflections: DeflectionQueue;
  private readonly siteLocales = new Map<string, { locale: KbLocaleCode; at: number }>();
  private readonly clock: Clock;

  private constructor(options: KnowledgeBaseOptions) {
    this.clock = options.clock ?? systemClock;
    this.sync = new IndexSync(
      options.redisUrl,
      `${options.prefix}:kb:index`,
      (event, lagMs) => this.onSync(event, lagMs, options.log),
      options.log,
    );
    const { analytics } = options;
    this.deflections = new DeflectionQueue(
      options.redisUrl,
      `${options.prefix}:bull`,
      options.queues,
      options.log,
      analytics &&
        (async (job) => {
          await analytics.record({ type: 'kb_deflection', siteId: job.siteId, at: new Date(job.viewedAt) });
        }),
    );
    this.signals = new KbSignals(this.deflections, options.log, analytics);
  }

  static async start(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase(options);
    await kb.sync.start();
    kb.deflections.start();
    return kb;
  }

  /** The site's default locale: its pinned widget language when the KB has it, else English. */
  async defaultLocale(siteId: Types.ObjectId): Promise<KbLocaleCode> {
    const key = siteId.toHexString();
    const cached = this.siteLocales.get(key);
    if (cached && this.clock.now() - cached.at < SITE_LOCALE_TTL_MS) return cached.locale;
    const site = await sites.byId(siteId);
    const locale = kbLocaleOf(site?.locale) ?? DEFAULT_LOCALE;
    this.siteLocales.set(key, { locale, at: this.clock.now() });
    return locale;
  }

  /**
   * Searches the site's published articles in the asked locale; when that finds nothing, in the
   * site's default locale. One code path for widget and console.
   */
  async search(siteId: Types.ObjectId, query: string, localeTag: string | undefined, limit: number): Promise<KbSearchResult> {
    const fallback = await this.defaultLocale(siteId);
    const asked = kbLocaleOf(localeTag) ?? fallback;
    const results = (await this.indexes.get(siteId.toHexString(), asked)).search(query, limit);
    if (results.length > 0 || asked === fallback) return { locale: asked, results };
    return { locale: fallback, results: (await this.indexes.get(siteId.toHexString(), fallback)).search(query, limit) };
  }

  /**
   * The article the answer bot would answer a question with, in the asked locale (an answer in
   * another language would not help), and the calibrated probability that it is the right one.
   */
  async bestAnswer(siteId: Types.ObjectId, question: string, localeTag: string | undefined): Promise<BestAnswer | null> {
    const locale = kbLocaleOf(localeTag) ?? (await this.defaultLocale(siteId));
    const ranked = (await this.indexes.get(siteId.toHexString(), locale)).rank(question, 2);
    const top = ranked.hits[0];
    return top ? { locale, articleId: top.id, title: top.title, confidence: confidenceOf(ranked) } : null;
  }

  /**
   * A published article of the site. With a locale: its published translation in that locale, else
   * in the site's default locale, else the article as asked for.
   */
  async publishedArticle(siteId: Types.ObjectId, id: string, localeTag?: string): Promise<PublishedArticle> {
    const found = await articles.byId(id);
    const article = found?.siteId.equals(siteId) && isPublished(found) ? found : null;
    if (!article) throw new AppError('not_found', 'This article does not exist or is no longer published.');
    const asked = kbLocaleOf(localeTag);
    if (!asked || asked === article.locale) return article;
    const preferred = [asked, await this.defaultLocale(siteId)].filter((locale) => locale !== article.locale);
    const translations = (await articles.translations(siteId, article.key)).filter(isPublished);
    return preferred.map((locale) => translations.find((t) => t.locale === locale)).find((t) => t !== undefined) ?? article;
  }

  /** After a publish or unpublish: updates this process's index, then every other process's. */
  async published(article: StoredArticle): Promise<void> {
    const learned = await kbPhrasings.ofArticles<LearnedPhrasing>([article._id]);
    await this.reindex(article, learned.get(article._id.toHexString()));
  }

  /**
   * Learns from a question the article answered (an agent's insert, a visitor's "That helped") or
   * did not (a hand-off right after the bot's answer with it), through server/kb/learning's rules,
   * and re-indexes the article in every process. Nothing for an article no longer published.
   */
  async learn(signal: LearningSignal, siteId: Types.ObjectId, articleId: string, question: string, at: Date): Promise<void> {
    const article = await articles.byId(articleId);
    if (!article?.siteId.equals(siteId) || !isPublished(article)) return;
    const event = { locale: article.locale, question, at: at.getTime() };
    const learned = await kbPhrasings.update<LearnedPhrasing>(article._id, article.siteId, (current) => [...LEARN[signal](current, event)]);
    await this.reindex(article, learned);
  }

  /** An agent's reply carrying help articles (inserted from the suggestions or the search) teaches each the question it answered. */
  async onAgentReply({ conversation, message }: DomainEvents['agent.replied']): Promise<void> {
    const ids = articleIdsIn(message.text);
    if (ids.length === 0) return;
    const question = await messages.latestBy(conversation._id, 'visitor');
    if (!question) return;
    for (const id of ids) await this.learn('insert', conversation.siteId, id, question.text, message.createdAt);
  }

  /** The article's learned phrasings in its locale, for editors: source and counts, strongest first. */
  async phrasingsOf(siteId: Types.ObjectId, articleId: string): Promise<LearnedPhrasing[]> {
    const article = await articles.byId(articleId);
    if (!article?.siteId.equals(siteId)) throw new AppError('not_found', 'This article does not exist.');
    const learned = (await kbPhrasings.ofArticles<LearnedPhrasing>([article._id])).get(articleId);
    return phrasingsForEditors(learned?.phrasings ?? [], article.locale);
  }

  /** An editor removes a learned phrasing (by its key) from the article and from every index. */
  async removePhrasing(siteId: Types.ObjectId, articleId: string, key: string): Promise<void> {
    const article = await articles.byId(articleId);
    if (!article?.siteId.equals(siteId)) throw new AppError('not_found', 'This article does not exist.');
    const learned = await kbPhrasings.update<LearnedPhrasing>(article._id, article.siteId, (current) => [
      ...removePhrasing(current, article.locale, key),
    ]);
    await this.reindex(article, learned);
  }

  /** Updates this process's index, then every other process's. */
  private async reindex(article: StoredArticle, learned: ArticlePhrasingsRecord<LearnedPhrasing> | undefined): Promise<void> {
    const event: SyncEvent = {
      type: 'change',
      siteId: article.siteId.toHexString(),
      locale: article.locale,
      change: indexChangeOf(article, learned),
    };
    await this.indexes.apply(event.siteId, event.locale, event.change);
    await this.sync.announce(event);
  }

  /** After a bulk import: every process rebuilds the site's indexes from the database on next use. */
  async reloadSite(siteId: Types.ObjectId): Promise<void> {
    this.indexes.forgetSite(siteId.toHexString());
    await this.sync.announce({ type: 'reset', siteId: siteId.toHexString() });
  }

  async close(): Promise<void> {
    await Promise.all([this.sync.close(), this.deflections.close()]);
  }

  private onSync(event: SyncEvent, lagMs: number, log: Logger): void {
    if (event.type === 'reset') {
      this.indexes.forgetSite(event.siteId);
      return;
    }
    this.indexes
      .apply(event.siteId, event.locale, event.change)
      .then(() => log.debug({ articleId: event.change.id, lagMs }, 'kb index synced'))
      .catch((err: unknown) => log.error({ err }, 'kb index sync failed'));
  }
}

const isPublished = (article: StoredArticle): article is PublishedArticle => article.published !== null && article.published !== undefined;

async function loadPublished(siteId: string, locale: KbLocaleCode): Promise<IndexChange[]> {
  const published = await articles.publishedIn(new Types.ObjectId(siteId), locale);
  const learned = await kbPhrasings.ofArticles<LearnedPhrasing>(published.map((article) => article._id));
  return published.map((article) => indexChangeOf(article, learned.get(article._id.toHexString())));
}

export type LearningSignal = 'insert' | 'helped' | 'handoff';
const LEARN = { insert: learnFromInsert, helped: learnFromHelped, handoff: learnFromHandoff } as const;
