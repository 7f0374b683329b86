import { describe, expect, it } from 'vitest';
import { averagePrecision, hitAt, mean, precisionAt, reciprocalRank } from '../../eval/kb/metrics';

describe('retrieval metrics of eval:kb', () => {
  const relevant = new Set(['a', 'b']);
  it('average precision averages precision at each relevant hit over all relevant documents', () => {
    expect(averagePrecision(['a', 'x', 'b'], relevant)).toBeCloseTo((1 + 2 / 3) / 2);
    expect(averagePrecision(['x', 'a'], relevant)).toBeCloseTo(0.5 / 2);
    expect(averagePrecision([], relevant)).toBe(0);
  });
  it('precision@k, reciprocal rank and hit@k', () => {
    expect(precisionAt(5, ['a', 'x', 'b'], relevant)).toBeCloseTo(0.4);
    expect(reciprocalRank(['x', 'y', 'b'], relevant)).toBeCloseTo(1 / 3);
    expect(reciprocalRank(['x'], relevant)).toBe(0);
    expect(hitAt(1, ['x', 'a'], relevant)).toBe(0);
    expect(hitAt(3, ['x', 'a'], relevant)).toBe(1);
    expect(mean([1, 0, 0.5])).toBeCloseTo(0.5);
  });
});
