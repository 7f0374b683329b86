import { describe, expect, it } from 'vitest';
import {
  binIndex,
  DEFAULT_INTENT_MODEL,
  IntentModel,
  type IntentSignals,
  LifecycleSettings,
  PRODUCT_PRIORS,
  scoreIntent,
} from '../../shared/lifecycle';
import learned from '../../shared/lifecycle/intent-model.json';

const browsing: IntentSignals = {
  productPages: 14,
  productSeconds: 620,
  infoPages: 1,
  infoSeconds: 40,
  accountPages: 0,
  accountSeconds: 0,
  bounceRate: 0.01,
  exitRate: 0.03,
  pageValue: 0,
  returning: true,
  month: 11,
  weekend: false,
  cartItems: 0,
  checkoutStarted: false,
};
const signals = (over: Partial<IntentSignals>): IntentSignals => ({ ...browsing, ...over });
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('binIndex (upper edge inclusive)', () => {
  it.each([
    [-1, 0],
    [0, 0],
    [0.5, 1],
    [10, 1],
    [10.01, 2],
    [1e9, 2],
  ])('%d → bin %d of edges [0, 10]', (value, bin) => {
    expect(binIndex([0, 10], value)).toBe(bin);
  });
  it('puts everything in bin 0 without edges', () => expect(binIndex([], 42)).toBe(0));
});

describe('scoreIntent', () => {
  const tiny: IntentModel = {
    bias: -1,
    bins: {
      productPages: { edges: [3, 10], weights: [0, 0.5, 1.5] },
      returning: { edges: [0], weights: [0, -0.25] },
      weekend: { edges: [0], weights: [0, 0] },
    },
  };

  it('adds the bias and each signal bin and explains each non-zero contribution', () => {
    const result = scoreIntent(signals({ productPages: 14, returning: true, weekend: true }), tiny);
    expect(result.logit).toBeCloseTo(-1 + 1.5 - 0.25, 12);
    expect(result.score).toBeCloseTo(sigmoid(0.25), 12);
    expect(result.reasons).toEqual([
      { signal: 'productPages', contribution: 1.5, detail: 'looked at 14 product pages' },
      { signal: 'returning', contribution: -0.25, detail: 'came back for another visit' },
    ]);
  });

  it('uses the segment table picked by the segment signal', () => {
    const segmented: IntentModel = {
      bias: 0,
      bins: { pageValue: { edges: [0], weights: [0, 3] } },
      segments: {
        by: 'pageValue',
        edges: [0],
        tables: [{ productPages: { edges: [5], weights: [0, -1] } }, { productPages: { edges: [5], weights: [0, 2] } }],
      },
    };
    expect(scoreIntent(signals({ pageValue: 0, productPages: 9 }), segmented).logit).toBe(-1);
    expect(scoreIntent(signals({ pageValue: 12, productPages: 9 }), segmented).logit).toBe(5);
    expect(scoreIntent(signals({ pageValue: 12, productPages: 1 }), segmented).reasons).toEqual([
      { signal: 'pageValue', contribution: 3, detail: 'viewed pages that often come before an order (12.00 in later sales per view)' },
    ]);
  });

  const extremes: [string, IntentSignals][] = [
    ['a typical browsing session', browsing],
    [
      'all zero',
      signals({ productPages: 0, productSeconds: 0, infoPages: 0, infoSeconds: 0, bounceRate: 0, exitRate: 0, returning: false, month: 1 }),
    ],
    [
      'everything huge',
      signals({
        productPages: 1e6,
        productSeconds: 1e9,
        infoPages: 1e6,
        infoSeconds: 1e9,
        accountPages: 1e6,
        accountSeconds: 1e9,
        bounceRate: 1,
        exitRate: 1,
        pageValue: 1e9,
        cartItems: 1e4,
        checkoutStarted: true,
      }),
    ],
    ['a bounce', signals({ productPages: 1, productSeconds: 0, infoPages: 0, infoSeconds: 0, bounceRate: 0.2, exitRate: 0.2 })],
    ['a buyer', signals({ pageValue: 35, cartItems: 2, checkoutStarted: true, exitRate: 0.01 })],
  ];

  it.each(extremes)('default model on %s: score in [0,1], reasons sorted, bias + contributions = logit', (_name, input) => {
    const result = scoreIntent(input);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.score).toBeCloseTo(sigmoid(result.logit), 12);
    const sum = result.reasons.reduce((total, r) => total + r.contribution, DEFAULT_INTENT_MODEL.bias);
    expect(sum).toBeCloseTo(result.logit, 10);
    const sizes = result.reasons.map((r) => Math.abs(r.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes.every((size) => size > 0)).toBe(true);
    expect(new Set(result.reasons.map((r) => r.signal)).size).toBe(result.reasons.length);
    for (const reason of result.reasons) expect(reason.detail).not.toMatch(/undefined|NaN/);
  });

  it('loads the learned weights: pages that precede orders raise the score a lot', () => {
    expect(IntentModel.parse(learned)).toBeTruthy();
    expect(Object.keys(DEFAULT_INTENT_MODEL.bins)).toContain('pageValue');
    const without = scoreIntent(signals({ pageValue: 0 }));
    const withValue = scoreIntent(signals({ pageValue: 25 }));
    expect(withValue.logit - without.logit).toBeGreaterThan(2);
    expect(withValue.reasons[0]!.signal).toBe('pageValue');
  });

  it('adds the product-only cart and checkout priors exactly', () => {
    const base = scoreIntent(browsing).logit;
    expect(scoreIntent(signals({ cartItems: 3 })).logit - base).toBeCloseTo(PRODUCT_PRIORS.cartItems!.weights[1]!, 12);
    expect(scoreIntent(signals({ cartItems: 3, checkoutStarted: true })).logit - base).toBeCloseTo(
      PRODUCT_PRIORS.cartItems!.weights[1]! + PRODUCT_PRIORS.checkoutStarted!.weights[1]!,
      12,
    );
    expect(scoreIntent(signals({ cartItems: 3 })).reasons.find((r) => r.signal === 'cartItems')?.detail).toBe('has 3 items in the cart');
  });

  it('uses the threshold chosen by the evaluation as the site default', () => {
    expect(LifecycleSettings.parse({}).intentThreshold).toBe(learned.threshold);
    expect(learned.threshold).toBeGreaterThan(0);
    expect(learned.threshold).toBeLessThan(1);
  });

  it('rejects malformed models', () => {
    expect(IntentModel.safeParse({ bias: 0, bins: { x: { edges: [1, 2], weights: [0, 1] } } }).success).toBe(false);
    expect(IntentModel.safeParse({ bias: 0, bins: { x: { edges: [2, 1], weights: [0, 1, 2] } } }).success).toBe(false);
  });
});
