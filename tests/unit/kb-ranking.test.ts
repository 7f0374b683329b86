import { describe, expect, it } from 'vitest';
import { publishedFrom } from '../../server/kb/article-store';
import { ArticleIndex, DEFAULT_RANKING, type IndexedArticle, type Ranking } from '../../server/kb/search/article-index';
import { indexedArticleOf } from '../../server/kb/search/indexed-article';
import { indexWords } from '../../server/kb/search/text';

const doc = (id: string, title: string, body: string, phrasings: string[] = []): IndexedArticle =>
  indexedArticleOf(id, publishedFrom({ title, body, category: 'Help', tags: [] }, 1, new Date()), phrasings);

function indexOf(ranking: Ranking, ...docs: IndexedArticle[]): ArticleIndex {
  const index = new ArticleIndex('en', ranking);
  for (const article of docs) index.apply({ id: article.id, version: 1, article });
  return index;
}

describe('ranking', () => {
  it('keeps compounds and code-like names whole beside their parts', () => {
    expect(indexWords('Send an e-mail from node.js or C# (not c++)')).toEqual([
      'Send',
      'an',
      'e',
      'mail',
      'from',
      'node',
      'js',
      'or',
      'C',
      'not',
      'c',
      'email',
      'nodejs',
      'C#',
      'c++',
    ]);
    expect(indexWords('version 1.5, 10:30')).toEqual(['version', '1', '5', '10', '30']);
  });

  it('"email" finds "e-mail", and two words the articles write as one are searched as one', () => {
    const index = indexOf(
      DEFAULT_RANKING,
      doc('mail', 'Changing your e-mail', 'Open your profile.'),
      doc('gh', 'Linking GitHub', 'Authorise the app.'),
      doc('other', 'Hub opening hours', 'Our git repository hub.'),
    );
    expect(index.search('email', 5)[0]?.id).toBe('mail');
    expect(index.search('git hub link', 5)[0]?.id).toBe('gh');
  });

  it('matches learned phrasings with their own boost, and a phrasing never shows as the excerpt', () => {
    const index = indexOf(
      DEFAULT_RANKING,
      doc('ship', 'Delivery times', 'Parcels arrive in 2–4 working days.', ['when will my stuff get here']),
      doc('other', 'Gift wrapping', 'We wrap your stuff for free.'),
    );
    const [top] = index.rank('when will my stuff get here', 5).hits;
    expect(top).toMatchObject({ id: 'ship', excerpt: 'Parcels arrive in 2–4 working days.', coverage: 1, viaPhrasings: 1 });
  });

  it('a number matches only itself: no prefix, no typo tolerance', () => {
    const index = indexOf(
      DEFAULT_RANKING,
      doc('code', 'Error 12346 at checkout', 'Reload the page.'),
      doc('other', 'Returns', 'Within 30 days.'),
    );
    expect(index.search('12345', 5)).toEqual([]);
    expect(index.search('1234', 5)).toEqual([]);
    expect(index.search('12346', 5).map((h) => h.id)).toEqual(['code']);
  });

  it('query expansion from the best articles brings in an article that shares their vocabulary', () => {
    const docs = [
      doc('a', 'Strikethrough text', 'Wrap words in tildes: ~~like this~~ for strikethrough formatting.'),
      doc('b', 'Strikethrough formatting in comments', 'Tildes make strikethrough; markdown formatting applies.'),
      doc('c', 'Crossing out words', 'Use tildes for that formatting.'),
      doc('d', 'Bold letters', 'Use two asterisks.'),
    ];
    const plain = indexOf(DEFAULT_RANKING, ...docs)
      .search('strikethrough', 5)
      .map((h) => h.id);
    const expanded = indexOf({ ...DEFAULT_RANKING, expansion: { docs: 2, terms: 10, weight: 0.5, minArticles: 0 } }, ...docs)
      .search('strikethrough', 5)
      .map((h) => h.id);
    expect(plain).not.toContain('c');
    expect(expanded.slice(0, 3).sort()).toEqual(['a', 'b', 'c']);
  });
});
