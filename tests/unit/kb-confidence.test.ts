import { describe, expect, it } from 'vitest';
import { publishedFrom } from '../../server/kb/article-store';
import { ARTICLES_EN } from '../../server/kb/demo/articles-en';
import { ArticleIndex, type Ranked, type RankedHit } from '../../server/kb/search/article-index';
import {
  confidenceFeatures,
  confidenceOf,
  DEFAULT_ANSWER_THRESHOLD,
  fitConfidence,
  shouldAnswer,
  thresholdFor,
} from '../../server/kb/search/confidence';
import { indexedArticleOf } from '../../server/kb/search/indexed-article';
import { seeded } from '../../eval/kb/learning';

const hit = (id: string, rawScore: number, coverage = 1, viaPhrasings = 0): RankedHit => ({
  id,
  title: id,
  excerpt: '',
  category: 'Help',
  score: rawScore,
  rawScore,
  coverage,
  matchedWord: true,
  viaPhrasings,
});
const ranked = (terms: number, ...hits: RankedHit[]): Ranked => ({ queryTerms: Array.from({ length: terms }, (_, i) => `t${i}`), hits });

describe('answer confidence', () => {
  it('reads strength per query term, margin to the runner-up, coverage, phrasing share and query length', () => {
    const features = confidenceFeatures(ranked(2, hit('a', 20, 1, 0.5), hit('b', 5)))!;
    expect(features[0]).toBeCloseTo(Math.log1p(10));
    expect(features.slice(1, 4)).toEqual([0.75, 1, 0.5]);
    expect(features[4]).toBeCloseTo(Math.log1p(2));
    expect(confidenceFeatures(ranked(2, hit('a', 20)))![1]).toBe(1);
  });

  it('is 0 without a hit or without query terms, and never answers then', () => {
    expect(confidenceOf(ranked(2))).toBe(0);
    expect(confidenceOf(ranked(0, hit('a', 3)))).toBe(0);
    expect(shouldAnswer(0, 0)).toBe(false);
  });

  it('grows with a clear win, a full match and a learned phrasing', () => {
    const clear = confidenceOf(ranked(3, hit('a', 30, 1, 1), hit('b', 3)));
    const close = confidenceOf(ranked(3, hit('a', 30, 1, 1), hit('b', 28)));
    const partial = confidenceOf(ranked(3, hit('a', 6, 0.34, 0), hit('b', 5)));
    expect(clear).toBeGreaterThan(close);
    expect(close).toBeGreaterThan(partial);
    expect(clear).toBeGreaterThan(DEFAULT_ANSWER_THRESHOLD);
    expect(partial).toBeLessThan(DEFAULT_ANSWER_THRESHOLD);
  });

  it('counts no number towards an answer: "hello load-12-345" gets none from the demo help centre, a shipping question does', () => {
    const index = new ArticleIndex('en');
    for (const { key, ...article } of ARTICLES_EN) {
      index.apply({ id: key, version: 1, article: indexedArticleOf(key, publishedFrom(article, 1, new Date())) });
    }
    // The shipping article's price table has "$12.90": still found by the number, but never answered.
    const numbersOnly = index.rank('hello load-12-345', 2);
    expect(numbersOnly.hits[0]?.id).toBe('shipping-times');
    expect(numbersOnly.hits[0]?.matchedWord).toBe(false);
    expect(confidenceOf(numbersOnly)).toBe(0);
    expect(confidenceOf(index.rank('my order #1234 and 12', 2))).toBeLessThan(DEFAULT_ANSWER_THRESHOLD);
    const shipping = index.rank('how long does shipping take?', 2);
    expect(shipping.hits[0]?.id).toBe('shipping-times');
    expect(confidenceOf(shipping)).toBeGreaterThanOrEqual(DEFAULT_ANSWER_THRESHOLD);
  });

  it('answers at or above the site threshold only', () => {
    expect(shouldAnswer(0.8, 0.8)).toBe(true);
    expect(shouldAnswer(0.79, 0.8)).toBe(false);
    expect(shouldAnswer(0.99, 1)).toBe(false);
  });

  it('a fitted model is calibrated on data drawn from a known logistic law', () => {
    const random = seeded(7);
    const truth = { bias: -3, weights: [1, 3, 0, 1, 0] };
    const examples = Array.from({ length: 4000 }, () => {
      const features = [random() * 4, random(), 1, random() < 0.5 ? 1 : 0, 1];
      const z = features.reduce((s, x, i) => s + x * truth.weights[i]!, truth.bias);
      return { features, correct: random() < 1 / (1 + Math.exp(-z)) };
    });
    const model = fitConfidence(examples, 0.01);
    expect(model.weights[0]).toBeCloseTo(1, 0);
    expect(model.weights[1]).toBeCloseTo(3, 0);
    expect(model.weights[3]).toBeCloseTo(1, 0);
    // Predicted and observed rates agree within a few points in each band.
    const predict = (f: readonly number[]) => 1 / (1 + Math.exp(-f.reduce((s, x, i) => s + x * model.weights[i]!, model.bias)));
    for (const [low, high] of [
      [0, 0.3],
      [0.3, 0.7],
      [0.7, 1],
    ] as const) {
      const band = examples.filter((e) => predict(e.features) >= low && predict(e.features) < high);
      const observed = band.filter((e) => e.correct).length / band.length;
      const expected = band.reduce((s, e) => s + predict(e.features), 0) / band.length;
      expect(Math.abs(observed - expected)).toBeLessThan(0.04);
    }
  });

  it('picks the lowest threshold that keeps the wanted precision', () => {
    const scored = [
      { confidence: 0.95, correct: true },
      { confidence: 0.9, correct: true },
      { confidence: 0.8, correct: true },
      { confidence: 0.7, correct: false },
      { confidence: 0.6, correct: true },
      { confidence: 0.5, correct: false },
      { confidence: 0.4, correct: false },
    ];
    expect(thresholdFor(scored, 1)).toBe(0.8);
    expect(thresholdFor(scored, 0.8)).toBe(0.6);
    expect(thresholdFor([{ confidence: 0.9, correct: false }], 0.9)).toBe(1);
  });
});
