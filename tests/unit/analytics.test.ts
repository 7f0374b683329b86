import { describe, expect, it } from 'vitest';
import { CSV_TABLES, toCsv } from '../../server/analytics/csv';
import { demoFacts } from '../../server/analytics/demo/demo-facts';
import { FIRST_RESPONSE_BOUNDS, bucketOf, countsOf, newlyReachedStages, splitGapKey, weekOf } from '../../server/analytics/facts';
import { histogram } from '../../server/analytics/reports';
import { mergeDay, splitBatch } from '../../server/analytics/rollup';

describe('analytics facts', () => {
  it('counts every funnel stage up to the one reached, once, and at_risk apart', () => {
    expect(newlyReachedStages([], 'awareness')).toEqual(['awareness']);
    expect(newlyReachedStages(['awareness'], 'purchase')).toEqual(['engagement', 'evaluation', 'purchase']);
    expect(newlyReachedStages(['awareness', 'purchase'], 'evaluation')).toEqual([]);
    expect(newlyReachedStages(['awareness', 'purchase', 'at_risk'], 'support')).toEqual(['support']);
    expect(newlyReachedStages(['awareness', 'loyalty'], 'at_risk')).toEqual(['at_risk']);
    expect(newlyReachedStages(['awareness', 'at_risk'], 'at_risk')).toEqual([]);
  });

  it('buckets seconds by inclusive upper bounds, with an open last bucket', () => {
    expect([0, 15, 15.5, 60, 3600, 3601].map((s) => bucketOf(s, FIRST_RESPONSE_BOUNDS))).toEqual(['15', '15', '30', '60', '3600', 'more']);
  });

  it('weeks start on Monday (UTC)', () => {
    expect(['2025-03-02', '2025-03-03', '2025-03-09', '2025-01-01'].map(weekOf)).toEqual([
      '2025-02-24',
      '2025-03-03',
      '2025-03-03',
      '2024-12-30',
    ]);
  });

  it('turns facts into counts on their UTC day: a search without results is also a content gap', () => {
    const at = new Date('2025-03-07T23:59:59Z');
    expect(countsOf({ type: 'kb_search', siteId: 's', at, locale: 'en', query: 'a|b', results: 0 })).toEqual([
      { day: '2025-03-07', family: 'kb', key: 'searches', n: 1 },
      { day: '2025-03-07', family: 'kb', key: 'zeroResults', n: 1 },
      { day: '2025-03-07', family: 'gaps', key: 'en|a|b', n: 1 },
    ]);
    expect(splitGapKey('en|a|b')).toEqual({ locale: 'en', query: 'a|b' });
    expect(countsOf({ type: 'stages_reached', siteId: 's', cohortAt: at, stages: ['engagement', 'evaluation'] }).map((c) => c.key)).toEqual(
      ['engagement', 'evaluation'],
    );
  });
});

describe('day documents', () => {
  it('adds a batch to a day once per family, keyed by row', () => {
    const batch = splitBatch({ 'funnel|awareness': '3', 'funnel|purchase': '1', 'csat|5': '2', 'unknown|x': '9' });
    expect([...batch.keys()]).toEqual(['funnel', 'csat']);
    const first = mergeDay(null, 's', '2025-03-03', batch.get('funnel')!, 'b1');
    expect(first).toEqual({
      _id: 's:2025-03-03',
      siteId: 's',
      day: '2025-03-03',
      lastBatch: 'b1',
      rows: [
        { key: 'awareness', n: 3 },
        { key: 'purchase', n: 1 },
      ],
    });
    const second = mergeDay(
      first,
      's',
      '2025-03-03',
      new Map([
        ['awareness', 2],
        ['support', 1],
      ]),
      'b2',
    );
    expect(second.rows).toEqual([
      { key: 'awareness', n: 5 },
      { key: 'purchase', n: 1 },
      { key: 'support', n: 1 },
    ]);
    expect(second.lastBatch).toBe('b2');
  });
});

describe('reports', () => {
  it('finds the buckets of the median and the 90th percentile', () => {
    const h = histogram(
      new Map([
        ['15', 5],
        ['60', 4],
        ['more', 1],
      ]),
      [15, 60],
    );
    expect(h).toEqual({
      buckets: [
        { upTo: 15, count: 5 },
        { upTo: 60, count: 4 },
        { upTo: null, count: 1 },
      ],
      count: 10,
      medianUpTo: 15,
      p90UpTo: 60,
    });
    expect(histogram(new Map(), [15])).toMatchObject({ count: 0, medianUpTo: null, p90UpTo: null });
  });

  it('writes CSV with quoting, and defuses text a spreadsheet would run', () => {
    expect(
      toCsv([
        ['a,b', 'say "hi"', null, 0.123456],
        ['=HYPERLINK("x")', '+1', '-2', '@cmd'],
      ]),
    ).toBe('"a,b","say ""hi""",,0.1235\r\n"\'=HYPERLINK(""x"")",\'+1,\'-2,\'@cmd\r\n');
    const kb = CSV_TABLES.kb({
      from: 'a',
      to: 'b',
      views: 2,
      deflections: 1,
      deflectionRate: 0.5,
      searches: 1,
      zeroResultSearches: 1,
      gaps: [{ query: 'x', locale: 'en', searches: 1 }],
    });
    expect(kb.at(-1)).toEqual(['content_gap', 'x', 'en', 1]);
  });
});

describe('demo data', () => {
  it('is exactly the number of events asked for, inside the range, and the same on every run', () => {
    const end = new Date('2025-06-30T12:00:00Z');
    const facts = demoFacts({ siteId: 's', events: 5_000, days: 30, end });
    expect(facts).toHaveLength(5_000);
    expect(demoFacts({ siteId: 's', events: 5_000, days: 30, end })).toEqual(facts);
    const days = new Set(facts.flatMap(countsOf).map((c) => c.day));
    expect([...days].every((d) => d >= '2025-06-01' && d <= '2025-06-30')).toBe(true);
    const prompted = facts.filter((f) => f.type === 'hesitation' && f.outcome === 'prompted').length;
    const bought = facts.filter((f) => f.type === 'hesitation_purchase' && f.outcome === 'prompted').length;
    expect(bought / prompted).toBeGreaterThan(0.25);
    const bot = (outcome: string) => facts.filter((f) => f.type === 'bot' && f.outcome === outcome).length;
    const answered = bot('answered');
    expect(answered).toBeGreaterThan(0);
    expect(bot('confirmed') + bot('assumed') + bot('handed_off')).toBeLessThanOrEqual(answered);
    for (const ending of ['confirmed', 'assumed', 'handed_off']) expect(bot(ending)).toBeGreaterThan(0);
  });
});
