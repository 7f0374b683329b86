import MiniSearch from 'minisearch';
import type { KbSearchHit } from '../../../shared/contract/kb';
import type { KbLocaleCode } from '../../../shared/kb/locales';
import { splitWords, termOf, termsOf } from './text';

/** What the index holds of a published article (its Markdown already reduced to plain text). */
export interface IndexedArticle {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  excerpt: string;
}

/** A change to apply: the article as now published, or null when it is no longer published. */
export interface IndexChange {
  id: string;
  /** Increases with every change of the article, so a late, older change never overwrites a newer one. */
  version: number;
  article: IndexedArticle | null;
}

const FIELDS = ['title', 'tags', 'category', 'body'] as const;

/**
 * Ranking, the same for every caller (widget, console, eval): BM25+ per field, summed with these
 * boosts; the title weighs most because it is the question an article answers. Query words of 4
 * letters or more also match as prefixes (the word being typed; inflected endings in the languages
 * without a stemmer), and a word the index does not know, from 5 letters on, matches within edit
 * distance 1 (2 from ten letters): typos. MiniSearch weighs those partial matches below exact ones.
 */
const BOOST = { title: 3, tags: 1.5, category: 1, body: 1 };
const prefix = (term: string) => term.length >= 4;

/**
 * A word in more than this share of a large index's articles hardly changes the ranking (its IDF is
 * near zero), but scoring its long posting list dominates search time; see `plan`.
 */
const COMMON_TERM_SHARE = 0.2;
const PRUNE_FROM_ARTICLES = 2000;

/** The in-memory full-text index of one site's published articles in one locale. */
export class ArticleIndex {
  private readonly engine: MiniSearch<IndexedArticle>;
  private readonly versions = new Map<string, number>();
  /** Per article its distinct terms (space-joined: one string, not thousands), and per term the number of articles holding it. */
  private readonly articleTerms = new Map<string, string>();
  private readonly documentFrequency = new Map<string, number>();

  constructor(readonly locale: KbLocaleCode) {
    this.engine = new MiniSearch<IndexedArticle>({
      fields: [...FIELDS],
      storeFields: ['title', 'excerpt', 'category'],
      extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : doc[field as keyof IndexedArticle]),
      tokenize: splitWords,
      processTerm: (word) => termOf(word, locale),
      searchOptions: {
        boost: BOOST,
        prefix,
        fuzzy: (term) => (term.length >= 5 && !this.documentFrequency.has(term) ? 0.2 : false),
        maxFuzzy: 2,
        combineWith: 'OR',
      },
    });
  }

  get size(): number {
    return this.engine.documentCount;
  }

  /** Adds, replaces or removes one article; returns false for a change older than what the index has. */
  apply({ id, version, article }: IndexChange): boolean {
    const known = this.versions.get(id);
    if (known !== undefined && known > version) return false;
    this.versions.set(id, version);
    if (this.engine.has(id)) this.engine.discard(id);
    this.countTerms(this.articleTerms.get(id)?.split(' ') ?? [], -1);
    this.articleTerms.delete(id);
    if (article) {
      this.engine.add(article);
      const terms = [
        ...new Set(FIELDS.flatMap((field) => termsOf(field === 'tags' ? article.tags.join(' ') : article[field], this.locale))),
      ];
      this.articleTerms.set(id, terms.join(' '));
      this.countTerms(terms, 1);
    }
    return true;
  }

  search(query: string, limit: number): KbSearchHit[] {
    const plan = this.plan(query);
    return this.engine
      .search(plan.query, { combineWith: plan.combineWith })
      .slice(0, limit)
      .map((hit) => ({
        id: String(hit.id),
        title: String(hit.title),
        excerpt: String(hit.excerpt),
        category: String(hit.category),
        score: Math.round(hit.score * 1000) / 1000,
      }));
  }

  /**
   * In a large index, words in more than COMMON_TERM_SHARE of the articles are left out when the
   * query has rarer ones; a query of common words only searches its two rarest, both required (the
   * common-terms idea of Lucene). Small indexes search every word.
   */
  private plan(query: string): { query: string; combineWith: 'OR' | 'AND' } {
    const articles = this.engine.documentCount;
    if (articles < PRUNE_FROM_ARTICLES) return { query, combineWith: 'OR' };
    const words = splitWords(query).flatMap((word) => {
      const term = termOf(word, this.locale);
      return term === null ? [] : [{ word, frequency: this.documentFrequency.get(term) ?? 0 }];
    });
    const rare = words.filter((w) => w.frequency <= articles * COMMON_TERM_SHARE);
    if (rare.length > 0) return { query: rare.map((w) => w.word).join(' '), combineWith: 'OR' };
    const rarest = words.sort((a, b) => a.frequency - b.frequency).slice(0, 2);
    return { query: rarest.map((w) => w.word).join(' ') || query, combineWith: rarest.length > 1 ? 'AND' : 'OR' };
  }

  private countTerms(terms: readonly string[], delta: 1 | -1): void {
    for (const term of terms) {
      const count = (this.documentFrequency.get(term) ?? 0) + delta;
      if (count > 0) this.documentFrequency.set(term, count);
      else this.documentFrequency.delete(term);
    }
  }
}
