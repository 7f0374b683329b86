// The offline evaluation's own arithmetic: metrics on hand-checked cases, the fit on synthetic data.
import { describe, expect, it } from 'vitest';
import { fitBinnedLogistic, edgesFor, type Example } from '../../eval/lib/binned-logistic';
import { atThreshold, bestF1Threshold, prAuc, rocAuc } from '../../eval/lib/metrics';
import { scoreIntent, type IntentSignals } from '../../shared/lifecycle';

const items = (pairs: [number, boolean][]) => pairs.map(([score, positive]) => ({ score, positive }));

describe('metrics', () => {
  it('ROC-AUC: perfect, inverted, ties count half', () => {
    expect(
      rocAuc(
        items([
          [0.9, true],
          [0.8, true],
          [0.2, false],
        ]),
      ),
    ).toBe(1);
    expect(
      rocAuc(
        items([
          [0.1, true],
          [0.8, false],
        ]),
      ),
    ).toBe(0);
    expect(
      rocAuc(
        items([
          [0.5, true],
          [0.5, false],
        ]),
      ),
    ).toBe(0.5);
    // pairs (pos, neg): (0.8,0.6)=1 (0.8,0.3)=1 (0.4,0.6)=0 (0.4,0.3)=1 → 3/4
    expect(
      rocAuc(
        items([
          [0.8, true],
          [0.6, false],
          [0.4, true],
          [0.3, false],
        ]),
      ),
    ).toBe(0.75);
  });

  it('PR-AUC is average precision', () => {
    // ranks: + (P=1/1), - , + (P=2/3) → (1 + 2/3) / 2
    expect(
      prAuc(
        items([
          [0.9, true],
          [0.7, false],
          [0.5, true],
          [0.1, false],
        ]),
      ),
    ).toBeCloseTo(5 / 6, 12);
  });

  it('precision, recall, F1 and escalated share at a threshold', () => {
    const scored = items([
      [0.9, true],
      [0.7, false],
      [0.5, true],
      [0.1, false],
      [0.05, true],
    ]);
    expect(atThreshold(scored, 0.5)).toEqual({ threshold: 0.5, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, escalatedShare: 3 / 5 });
    // flagging everyone gives F1 0.75 here, more than any stricter threshold
    expect(bestF1Threshold(scored)).toBe(0.01);
    const separable = items([
      [0.9, true],
      [0.8, true],
      [0.6, false],
      [0.3, false],
      [0.1, false],
    ]);
    expect(bestF1Threshold(separable)).toBe(0.61);
  });
});

describe('fitBinnedLogistic', () => {
  const base: IntentSignals = {
    productPages: 0,
    productSeconds: 0,
    infoPages: 0,
    infoSeconds: 0,
    accountPages: 0,
    accountSeconds: 0,
    bounceRate: 0,
    exitRate: 0,
    pageValue: 0,
    returning: false,
    month: 1,
    weekend: false,
    cartItems: 0,
    checkoutStarted: false,
  };

  it('puts a zero bin of its own below quantiles of the positive values', () => {
    expect(edgesFor({ kind: 'zeroAndQuantile', bins: 3 }, [0, 0, 0, 0, 1, 2, 3, 4, 5, 6])).toEqual([0, 3]);
    expect(edgesFor({ kind: 'quantile', bins: 4 }, [1, 1, 1, 1, 1, 1, 2, 3])).toEqual([1]);
  });

  it('recovers the log-odds of a synthetic two-bin signal', () => {
    // returning visitors buy 1 in 2 (log-odds 0), new ones 1 in 5 (log-odds ln 1/4)
    const examples: Example[] = [];
    for (let i = 0; i < 2000; i++) examples.push({ signals: { ...base, returning: true }, positive: i % 2 === 0 });
    for (let i = 0; i < 1000; i++) examples.push({ signals: { ...base, returning: false }, positive: i % 5 === 0 });
    const model = fitBinnedLogistic({ shared: { returning: { kind: 'fixed', edges: [0] } } }, examples, { lambda: 1e-6 });
    expect(model.bins.returning!.weights[1]).toBe(0); // the most common bin is the reference
    expect(model.bias).toBeCloseTo(0, 3);
    expect(model.bins.returning!.weights[0]).toBeCloseTo(Math.log(1 / 4), 3);
    expect(scoreIntent({ ...base, returning: false }, model).score).toBeCloseTo(0.2, 3);
  });

  it('gives each segment its own table', () => {
    const examples: Example[] = [];
    for (let i = 0; i < 4000; i++) {
      const pageValue = i % 2 === 0 ? 0 : 10;
      const weekend = i % 4 < 2;
      // weekend helps only when pages carry value
      const rate = pageValue > 0 ? (weekend ? 0.8 : 0.4) : 0.1;
      examples.push({ signals: { ...base, pageValue, weekend }, positive: (i * 7919) % 1000 < rate * 1000 });
    }
    const model = fitBinnedLogistic(
      {
        shared: { pageValue: { kind: 'zeroAndQuantile', bins: 2 } },
        segments: { by: 'pageValue', edges: [0], features: { weekend: { kind: 'fixed', edges: [0] } } },
      },
      examples,
      { lambda: 1e-6 },
    );
    const [zero, valued] = model.segments!.tables;
    expect(Math.abs(zero!.weekend!.weights[1]! - zero!.weekend!.weights[0]!)).toBeLessThan(0.2);
    expect(valued!.weekend!.weights[1]! - valued!.weekend!.weights[0]!).toBeGreaterThan(1.2);
  });
});
