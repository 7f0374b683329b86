import { describe, expect, it } from 'vitest';
import {
  type ArticlePhrasings,
  indexedPhrasings,
  learnFromHandoff,
  learnFromHelped,
  learnFromInsert,
  MAX_PHRASINGS,
  phrasingsForEditors,
  removePhrasing,
} from '../../server/kb/learning/phrasings';
import { ArticleIndex } from '../../server/kb/search/article-index';
import { publishedFrom } from '../../server/kb/article-store';
import { indexedArticleOf } from '../../server/kb/search/indexed-article';

const at = 1_700_000_000_000;
const en = (question: string, offset = 0) => ({ locale: 'en' as const, question, at: at + offset });

describe('learned phrasings', () => {
  it('an insert and a "That helped" each learn the scrubbed question, with source and counts', () => {
    let p: ArticlePhrasings = [];
    p = learnFromInsert(p, en('Where is my order #55123? It is late'));
    p = learnFromHelped(p, en('how long does shipping take'));
    expect(phrasingsForEditors(p, 'en')).toMatchObject([
      { text: 'Where is my order {order}? It is late', source: 'insert', counts: { insert: 1, helped: 0, handoff: 0 } },
      { text: 'how long does shipping take', source: 'helped', counts: { insert: 0, helped: 1, handoff: 0 } },
    ]);
    expect(indexedPhrasings(p, 'en')).toEqual(['Where is my order ? It is late', 'how long does shipping take']);
  });

  it('the same question again (case, punctuation, spacing aside) counts up instead of duplicating', () => {
    let p: ArticlePhrasings = learnFromHelped([], en('How long does shipping take?'));
    p = learnFromInsert(p, en('how long  does SHIPPING take', 5));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ source: 'helped', counts: { insert: 1, helped: 1 }, firstAt: at, lastAt: at + 5 });
  });

  it('a hand-off right after the bot answered lowers the pairing, down to not indexed', () => {
    let p: ArticlePhrasings = learnFromHelped([], en('can I pay later'));
    p = learnFromHandoff(p, en('Can I pay later?'));
    expect(indexedPhrasings(p, 'en')).toEqual([]);
    expect(phrasingsForEditors(p, 'en')[0]!.counts).toEqual({ insert: 0, helped: 1, handoff: 1 });
    // An agent's insert outweighs one hand-off.
    p = learnFromInsert(p, en('can i pay later'));
    expect(indexedPhrasings(p, 'en')).toEqual(['can I pay later']);
  });

  it('a hand-off for a pairing never learned stores nothing', () => {
    expect(learnFromHandoff([], en('refund please'))).toEqual([]);
  });

  it('learns nothing from a question that is only personal data or stop words', () => {
    expect(learnFromInsert([], en('john@example.com'))).toEqual([]);
    expect(learnFromInsert([], en('Is it?'))).toEqual([]);
  });

  it('keeps locales apart', () => {
    let p: ArticlePhrasings = learnFromInsert([], en('shipping time'));
    p = learnFromInsert(p, { locale: 'cs', question: 'doba doručení', at });
    expect(indexedPhrasings(p, 'cs')).toEqual(['doba doručení']);
    expect(indexedPhrasings(p, 'en')).toEqual(['shipping time']);
  });

  it(`keeps at most ${MAX_PHRASINGS} per article and locale: the strongest, then the most recent`, () => {
    let p: ArticlePhrasings = learnFromInsert([], en('question strong one'));
    p = learnFromInsert(p, en('question strong one'));
    for (let i = 0; i < MAX_PHRASINGS + 10; i++) p = learnFromHelped(p, en(`question number w${i}x`, i + 1));
    const kept = phrasingsForEditors(p, 'en');
    expect(kept).toHaveLength(MAX_PHRASINGS);
    expect(kept[0]!.text).toBe('question strong one');
    expect(kept.some((k) => k.text === 'question number w0x')).toBe(false);
    expect(kept.some((k) => k.text === `question number w${MAX_PHRASINGS + 9}x`)).toBe(true);
  });

  it('an editor removes a phrasing', () => {
    const p = learnFromInsert([], en('Where is my parcel?'));
    expect(removePhrasing(p, 'en', p[0]!.key)).toEqual([]);
  });

  it('a learned phrasing makes its article rank first, matched through its phrasings', () => {
    const article = (id: string, title: string, body: string, phrasings: string[] = []) =>
      indexedArticleOf(id, publishedFrom({ title, body, category: 'Help', tags: [] }, 1, new Date()), phrasings);
    const build = (phrasings: string[]) => {
      const index = new ArticleIndex('en');
      const docs = [
        article('shipping', 'Delivery times', 'Parcels arrive in 2–4 working days.', phrasings),
        article('returns', 'Returning an item', 'Send it back within 30 days; my package of returns.'),
      ];
      for (const a of docs) index.apply({ id: a.id, version: 1, article: a });
      return index;
    };
    const query = 'where is my package';
    const before = build([]).rank(query, 5);
    expect(before.hits[0]?.id).toBe('returns');
    const learned = indexedPhrasings(learnFromInsert([], en('Where is my package? order 77812')), 'en');
    const after = build(learned).rank(query, 5);
    expect(after.hits[0]?.id).toBe('shipping');
    expect(after.hits[0]!.viaPhrasings).toBe(1);
  });
});
