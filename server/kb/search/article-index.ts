import type { KbSearchHit } from '../../../shared/contract/kb';
import type { KbLocaleCode } from '../../../shared/kb/locales';
import { InvertedIndex, type TermGroup, type TermQuery } from './inverted-index';
import { indexWords, splitWords, termOf, termsOf } from './text';

/** What the index holds of a published article (its Markdown already reduced to plain text). */
export interface IndexedArticle {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  excerpt: string;
  /**
   * Learned phrasings in the index's locale: visitor questions the article answered (an agent
   * inserted it, or the visitor clicked "That helped"), scrubbed of personal data. See server/kb/learning.
   */
  phrasings?: readonly string[];
}

/** A change to apply: the article as now published, or null when it is no longer published. */
export interface IndexChange {
  id: string;
  /** Increases with every change of the article, so a late, older change never overwrites a newer one. */
  version: number;
  article: IndexedArticle | null;
}

const FIELDS = ['title', 'tags', 'category', 'body', 'phrasings'] as const;
type Field = (typeof FIELDS)[number];

/**
 * How an index ranks; the same for every caller (widget, console, prompt, bot, eval). `DEFAULT_RANKING`
 * is the product's; the eval passes others only to tune them (on a split it does not report).
 */
export interface Ranking {
  /** BM25+ per field, summed with these boosts. */
  boost: Record<Field, number>;
  /** MiniSearch's BM25+ parameters: term saturation k, length normalisation b, floor d. */
  bm25: { k: number; b: number; d: number };
  /**
   * Pseudo-relevance feedback (query expansion from the articles themselves): the rarest title and
   * body terms of the `docs` best articles, up to `terms` of them, are searched again at `weight`.
   * Only in an index of `minArticles` or more: in a small one the best few articles are a large part
   * of everything, and their words no longer tell the topic (on Bitext's 27 articles it costs 2
   * points of acc@1). Not in an index of PRUNE_FROM_ARTICLES or more either: there the second
   * search would cost more than the latency budget (see bench/kb.ts). null: off.
   */
  expansion: { docs: number; terms: number; weight: number; minArticles: number; titleWeight?: number; idfPower?: number } | null;
}

/**
 * The title weighs most because it is the question an article answers; learned phrasings are
 * questions too, each a visitor's own words for it. Query words of 4 letters or more also match as
 * prefixes (the word being typed; inflected endings in the languages without a stemmer), and a word
 * the index does not know, from 5 letters on, matches within edit distance 1 (2 from ten letters):
 * typos. MiniSearch weighs those partial matches below exact ones.
 *
 * Tuned with `npm run eval:kb -- --tune` (and a few hand-picked settings beside the grid) on StackFAQ's odd threads (the even
 * ones are reported) for title, BM25 and expansion, and on Bitext's train split (learned phrasings
 * of 20 requests per intent, the other train requests searched) for the phrasings' boost:
 * BM25 k 2.4, b 1, d 0 (plain BM25, no BM25+ floor) and a title boost of 5 lifted StackFAQ's tuning
 * half from 0.742 to 0.800 MAP with the expansion; phrasings 5 lifted Bitext's train acc@1 at k = 20
 * from 0.903 (boost 2) to 0.915.
 */
export const DEFAULT_RANKING: Ranking = {
  boost: { title: 5, tags: 1.5, category: 1, body: 1, phrasings: 5 },
  bm25: { k: 2.4, b: 1, d: 0 },
  expansion: { docs: 3, terms: 10, weight: 0.3, minArticles: 100 },
};
const prefix = (term: string) => term.length >= 4;
const isNumber = (term: string) => /^[0-9]+$/.test(term);
/** MiniSearch's fuzziness 0.2 (a fifth of the term's letters) with at most 2 edits. */
const maxDistance = (term: string) => Math.min(2, Math.round(term.length * 0.2));

/** A hit with what the confidence of an answer is computed from (see ./confidence). */
export interface RankedHit extends KbSearchHit {
  /** The unrounded score. */
  rawScore: number;
  /** Share of the query's terms this article matched (exactly, by prefix or typo). */
  coverage: number;
  /**
   * Whether it matched a query term other than a number. A number alone tells no topic ("hello
   * load-12-345" is not about the "$12.90" of a price table), so the bot never answers with such a
   * hit; the search still lists it ("error 404" finds the article that has the code).
   */
  matchedWord: boolean;
  /** Share of the matched terms found in the article's learned phrasings. */
  viaPhrasings: number;
}

export interface Ranked {
  /** The query's index terms (stop words dropped). */
  queryTerms: string[];
  hits: RankedHit[];
}

/**
 * A word in more than this share of a large index's articles hardly changes the ranking (its IDF is
 * near zero), but scoring its long posting list dominates search time; see `plan`.
 */
const COMMON_TERM_SHARE = 0.2;
const PRUNE_FROM_ARTICLES = 2000;

const textOf = (article: IndexedArticle, field: Field): string =>
  field === 'tags' ? article.tags.join(' ') : field === 'phrasings' ? (article.phrasings ?? []).join('\n') : article[field];

/** The in-memory full-text index of one site's published articles in one locale. */
export class ArticleIndex {
  private readonly engine: InvertedIndex<Pick<IndexedArticle, 'title' | 'excerpt' | 'category'>>;
  private readonly versions = new Map<string, number>();
  /** Per article its distinct terms (space-joined: one string, not thousands), and per term the number of articles holding it. */
  private readonly articleTerms = new Map<string, string>();
  private readonly documentFrequency = new Map<string, number>();

  /** Per article the distinct terms of its title and body, for query expansion (space-joined). */
  private readonly feedbackTerms = new Map<string, string>();

  constructor(
    readonly locale: KbLocaleCode,
    private readonly ranking: Ranking = DEFAULT_RANKING,
  ) {
    this.engine = new InvertedIndex(
      FIELDS.map((field) => ranking.boost[field]),
      ranking.bm25,
      FIELDS.indexOf('phrasings'),
    );
  }

  get size(): number {
    return this.engine.size;
  }

  /** Adds, replaces or removes one article; returns false for a change older than what the index has. */
  apply({ id, version, article }: IndexChange): boolean {
    const known = this.versions.get(id);
    if (known !== undefined && known > version) return false;
    this.versions.set(id, version);
    const previous = this.articleTerms.get(id)?.split(' ') ?? [];
    this.engine.remove(id, previous);
    this.countTerms(previous, -1);
    this.articleTerms.delete(id);
    this.feedbackTerms.delete(id);
    if (article) {
      const fields = FIELDS.map((field) => {
        const words = indexWords(textOf(article, field));
        return { words, terms: words.flatMap((word) => termOf(word, this.locale) || []) };
      });
      this.engine.add(id, fields, { title: article.title, excerpt: article.excerpt, category: article.category });
      const terms = [...new Set(fields.flatMap((field) => field.terms))];
      this.articleTerms.set(id, terms.join(' '));
      this.countTerms(terms, 1);
      if (this.ranking.expansion) {
        const title = new Set(fields[FIELDS.indexOf('title')]!.terms);
        const body = [...new Set(fields[FIELDS.indexOf('body')]!.terms)].filter((term) => !title.has(term));
        this.feedbackTerms.set(id, `${[...title].join(' ')}|${body.join(' ')}`);
      }
    }
    return true;
  }

  search(query: string, limit: number): KbSearchHit[] {
    return this.rank(query, limit).hits.map(({ id, title, excerpt, category, score }) => ({ id, title, excerpt, category, score }));
  }

  /** The best `limit` articles for a query, with what their confidence is computed from. */
  rank(query: string, limit: number): Ranked {
    const queryTerms = [...new Set(termsOf(query, this.locale))];
    const planned = this.plan(this.withJoinedWords(query));
    const asked: TermGroup = {
      combineWith: planned.combineWith,
      terms: termsOf(planned.query, this.locale).map((term) => this.termQuery(term)),
    };
    const expansion = this.ranking.expansion;
    const articles = this.engine.size;
    const expands = expansion !== null && articles >= expansion.minArticles && articles < PRUNE_FROM_ARTICLES;
    let results = this.engine.search([asked], expands ? Math.max(limit, expansion.docs) : limit);
    if (expands && results.length > 0) {
      const extra = this.feedback(results.slice(0, expansion.docs), new Set(queryTerms), expansion.terms);
      if (extra.length > 0) {
        // The expansion terms are index terms already: no second stemming, exact matches only.
        const terms = extra
          .flatMap((term) => indexWords(term))
          .map((term) => ({ term, boost: expansion.weight, prefix: false, maxDistance: 0 }));
        results = this.engine.search([asked, { combineWith: 'OR', terms }], limit);
      }
    }
    const wanted = new Set(queryTerms);
    const hits = results.slice(0, limit).map((hit): RankedHit => {
      const matched = hit.matchedTerms.filter((term) => wanted.has(term));
      return {
        id: hit.id,
        title: hit.stored.title,
        excerpt: hit.stored.excerpt,
        category: hit.stored.category,
        score: Math.round(hit.score * 1000) / 1000,
        rawScore: hit.score,
        coverage: queryTerms.length === 0 ? 0 : matched.length / queryTerms.length,
        matchedWord: matched.some((term) => !isNumber(term)),
        viaPhrasings: hit.derivedMatches === 0 ? 0 : hit.derivedMatchesInField / hit.derivedMatches,
      };
    });
    return { queryTerms, hits };
  }

  /**
   * Query words of 4 letters or more also match as prefixes; a word the index does not know, from 5
   * letters on, also matches within a fifth of its letters of edits (at most 2): typos. Numbers
   * match only themselves: order 12345 is not order 12346, nor the price 123.
   */
  private termQuery(term: string): TermQuery {
    if (isNumber(term)) return { term, boost: 1, prefix: false, maxDistance: 0 };
    const typo = term.length >= 5 && !this.documentFrequency.has(term);
    return { term, boost: 1, prefix: prefix(term), maxDistance: typo ? maxDistance(term) : 0 };
  }

  /**
   * Two adjacent query words the articles write as one ("git hub", "back up", "e mail") are also
   * searched as that one word, when the index knows it.
   */
  private withJoinedWords(query: string): string {
    const words = splitWords(query);
    const joined: string[] = [];
    for (let i = 0; i + 1 < words.length; i++) {
      const word = words[i]! + words[i + 1]!;
      const term = termOf(word, this.locale);
      if (term !== null && this.documentFrequency.has(term)) joined.push(word);
    }
    return joined.length === 0 ? query : `${query} ${joined.join(' ')}`;
  }

  /**
   * Expansion terms from the best articles: each article's terms weighted by their rarity (IDF) and
   * by the article's score relative to the best; terms the query has, and common terms, left out.
   */
  private feedback(top: readonly { id: string; score: number }[], asked: ReadonlySet<string>, count: number): string[] {
    const { titleWeight = 1, idfPower = 1 } = this.ranking.expansion!;
    const articles = this.engine.size;
    const best = top[0]!.score;
    const weights = new Map<string, number>();
    const common = Math.max(3, articles * COMMON_TERM_SHARE);
    for (const hit of top) {
      const [title = '', body = ''] = this.feedbackTerms.get(hit.id)?.split('|') ?? [];
      const titleTerms = title.split(' ').filter(Boolean);
      const bodyTerms = body.split(' ').filter(Boolean);
      const size = titleTerms.length + bodyTerms.length;
      const add = (term: string, emphasis: number) => {
        const frequency = this.documentFrequency.get(term) ?? 1;
        if (asked.has(term) || term.length < 2 || frequency > common) return;
        const gain = (Math.log(articles / frequency) ** idfPower * emphasis * hit.score) / best / size;
        weights.set(term, (weights.get(term) ?? 0) + gain);
      };
      for (const term of titleTerms) add(term, titleWeight);
      for (const term of bodyTerms) add(term, 1);
    }
    return [...weights]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([term]) => term);
  }

  /**
   * In a large index, words in more than COMMON_TERM_SHARE of the articles are left out when the
   * query has rarer ones; a query of common words only searches its two rarest, both required (the
   * common-terms idea of Lucene). Small indexes search every word.
   */
  private plan(query: string): { query: string; combineWith: 'OR' | 'AND' } {
    const articles = this.engine.size;
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
