import { describe, expect, it } from 'vitest';
import { ArticleIndex, type IndexedArticle } from '../../server/kb/search/article-index';
import { publishedFrom } from '../../server/kb/article-store';
import { indexedArticleOf } from '../../server/kb/search/indexed-article';

const doc = (id: string, title: string, body: string, tags: string[] = []): IndexedArticle =>
  indexedArticleOf(id, publishedFrom({ title, body, category: 'Help', tags }, 1, new Date()));

function indexOf(...docs: IndexedArticle[]): ArticleIndex {
  const index = new ArticleIndex('en');
  for (const article of docs) index.apply({ id: article.id, version: 1, article });
  return index;
}

describe('ArticleIndex', () => {
  const index = indexOf(
    doc('returns', 'Returning an item', 'Send it back within 30 days for a refund.'),
    doc('refunds', 'Refund timing', 'Returning items is free; money is back in 3 days.'),
    doc('shipping', 'Shipping costs', 'Standard delivery is free from $60.', ['delivery']),
  );

  it('ranks a title match above a body match', () => {
    expect(index.search('returning', 5).map((h) => h.id)).toEqual(['returns', 'refunds']);
  });

  it('matches stems, prefixes while typing, and typos', () => {
    expect(index.search('returns', 5)[0]?.id).toBe('returns');
    expect(index.search('shipp', 5)[0]?.id).toBe('shipping');
    expect(index.search('shiping cots', 5)[0]?.id).toBe('shipping');
    expect(index.search('delivery', 5)[0]?.id).toBe('shipping');
  });

  it('returns the stored title, canonical excerpt and category', () => {
    expect(index.search('refund timing', 1)[0]).toMatchObject({
      id: 'refunds',
      title: 'Refund timing',
      category: 'Help',
      excerpt: 'Returning items is free; money is back in 3 days.',
    });
  });

  it('applies newer changes and ignores older ones that arrive late', () => {
    const live = indexOf(doc('a', 'Gift cards', 'Valid for a year.'));
    expect(live.apply({ id: 'a', version: 3, article: doc('a', 'Vouchers', 'Valid for two years.') })).toBe(true);
    expect(live.apply({ id: 'a', version: 2, article: doc('a', 'Gift cards', 'Stale.') })).toBe(false);
    expect(live.search('vouchers', 5).map((h) => h.id)).toEqual(['a']);
    expect(live.search('gift', 5)).toEqual([]);
    live.apply({ id: 'a', version: 4, article: null });
    expect(live.size).toBe(0);
    expect(live.apply({ id: 'a', version: 3, article: doc('a', 'Vouchers', 'x') })).toBe(false);
    expect(live.size).toBe(0);
  });

  it('answers nothing, not an error, for a query of stop words only', () => {
    expect(index.search('how do I', 5)).toEqual([]);
  });
});
