import { publishedFrom } from '../../server/kb/article-store';
import { type ArticlePhrasings, indexedPhrasings, learnFromHelped, learnFromInsert } from '../../server/kb/learning/phrasings';
import { ArticleIndex, DEFAULT_RANKING, type Ranking } from '../../server/kb/search/article-index';
import { indexedArticleOf } from '../../server/kb/search/indexed-article';
import type { EvalDataset, EvalDocument, EvalQuery } from './datasets';

/** A seeded generator (mulberry32), so every run splits the same way. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Queries grouped by what they ask for (a Bitext intent, a StackFAQ thread), in dataset order. */
export function groupsOf(queries: readonly EvalQuery[]): EvalQuery[][] {
  const groups = new Map<ReadonlySet<string>, EvalQuery[]>();
  const key = new Map<string, ReadonlySet<string>>();
  for (const q of queries) {
    // Bitext makes a new relevant set per request; StackFAQ shares one per thread: key by content.
    const name = [...q.relevant].sort().join('|');
    const set = key.get(name) ?? q.relevant;
    key.set(name, set);
    groups.set(set, [...(groups.get(set) ?? []), q]);
  }
  return [...groups.values()];
}

/**
 * Teaches each query's articles the query, through the product's own entry points: alternately an
 * agent's insert and a visitor's "That helped" (both learn; the eval has no outcome to tell them apart).
 */
export function learn(learned: Map<string, ArticlePhrasings>, taught: readonly EvalQuery[]): void {
  taught.forEach((query, i) => {
    for (const id of query.relevant) {
      const event = { locale: 'en' as const, question: query.text, at: i };
      const before = learned.get(id) ?? [];
      learned.set(id, i % 2 === 0 ? learnFromInsert(before, event) : learnFromHelped(before, event));
    }
  });
}

/** The product's index of the dataset's articles, each with what it learned (through `indexedPhrasings`). */
export function indexWith(
  documents: readonly EvalDocument[],
  learned: ReadonlyMap<string, ArticlePhrasings> = new Map(),
  ranking: Ranking = DEFAULT_RANKING,
): ArticleIndex {
  const index = new ArticleIndex('en', ranking);
  const now = new Date();
  for (const doc of documents) {
    const phrasings = indexedPhrasings(learned.get(doc.id) ?? [], 'en');
    index.apply({ id: doc.id, version: 1, article: indexedArticleOf(doc.id, publishedFrom({ ...doc, tags: [] }, 1, now), phrasings) });
  }
  return index;
}

export type { EvalDataset };
