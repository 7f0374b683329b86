import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, type RetentionSettings, SiteSettings } from '../../shared/contract';
import { addDayToMonth, type AnalyticsDay } from '../../server/data/analytics';
import { spanOf, topCounts, withMonths } from '../../server/analytics/reports';
import { conversationDue, cutoffDay, nextDay, retentionOf, visitorDue, visitorExpired } from '../../server/retention/retention-rules';

const NOW = new Date('2025-03-10T15:30:00Z');
const settings = (patch: Partial<RetentionSettings>): RetentionSettings => ({ ...DEFAULT_RETENTION, ...patch });

describe('retention days', () => {
  it('keeps whole UTC days: the cutoff is the first day kept, at least `days` days back from now', () => {
    expect(cutoffDay(NOW, 30)).toBe('2025-02-08');
    expect(cutoffDay(new Date('2025-03-10T00:00:00Z'), 1)).toBe('2025-03-09');
    expect(cutoffDay(new Date('2024-03-01T12:00:00Z'), 1)).toBe('2024-02-29');
    expect(cutoffDay(new Date('2025-01-01T00:30:00Z'), 365)).toBe('2024-01-02');
  });

  it('walks days across months, leap days and years', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2025-02-28')).toBe('2025-03-01');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });

  it('deletes a conversation closed before the cutoff, never an open one, nothing when conversations are kept', () => {
    const keep30 = settings({ conversationDays: 30 });
    expect(conversationDue({ status: 'closed', closedDay: '2025-02-07' }, keep30, NOW)).toBe(true);
    expect(conversationDue({ status: 'closed', closedDay: '2025-02-08' }, keep30, NOW)).toBe(false);
    expect(conversationDue({ status: 'open', closedDay: null }, keep30, NOW)).toBe(false);
    expect(conversationDue({ status: 'closed', closedDay: '2020-01-01' }, DEFAULT_RETENTION, NOW)).toBe(false);
  });

  it('deletes a visitor last seen before the cutoff unless an open or kept conversation keeps them', () => {
    const old = { lastSeenDay: '2025-01-01' };
    const both = settings({ conversationDays: 30, visitorDays: 30 });
    const noConversations = { openClaim: false, conversations: [] };
    expect(visitorExpired(old, both, NOW)).toBe(true);
    expect(visitorExpired({ lastSeenDay: '2025-02-08' }, both, NOW)).toBe(false);
    expect(visitorExpired({ lastSeenDay: null }, both, NOW)).toBe(false);
    expect(visitorDue(old, noConversations, both, NOW)).toBe(true);
    expect(visitorDue(old, { openClaim: true, conversations: [] }, both, NOW)).toBe(false);
    expect(visitorDue(old, { openClaim: false, conversations: [{ status: 'closed', closedDay: '2025-01-01' }] }, both, NOW)).toBe(true);
    expect(visitorDue(old, { openClaim: false, conversations: [{ status: 'closed', closedDay: '2025-03-01' }] }, both, NOW)).toBe(false);
    expect(visitorDue(old, { openClaim: false, conversations: [{ status: 'open', closedDay: null }] }, both, NOW)).toBe(false);
    // Conversations kept for ever keep their visitors for ever.
    expect(
      visitorDue(
        old,
        { openClaim: false, conversations: [{ status: 'closed', closedDay: '2020-01-01' }] },
        settings({ visitorDays: 30 }),
        NOW,
      ),
    ).toBe(false);
    expect(visitorDue(old, noConversations, DEFAULT_RETENTION, NOW)).toBe(false);
  });

  it('takes the defaults for a site that never set retention, and refuses settings that make no sense', () => {
    expect(retentionOf({})).toEqual({ conversationDays: null, visitorDays: null, analyticsDailyDays: 400 });
    expect(retentionOf({ retention: settings({ visitorDays: 7 }) }).visitorDays).toBe(7);
    const retention = SiteSettings.shape.retention;
    expect(retention.safeParse({ conversationDays: 0, visitorDays: null, analyticsDailyDays: 400 }).success).toBe(false);
    expect(retention.safeParse({ conversationDays: 1.5, visitorDays: null, analyticsDailyDays: 400 }).success).toBe(false);
    expect(retention.safeParse({ conversationDays: 30, visitorDays: 3651, analyticsDailyDays: 400 }).success).toBe(false);
    const tooShort = retention.safeParse({ conversationDays: null, visitorDays: null, analyticsDailyDays: 30 });
    expect(tooShort.error?.issues[0]?.message).toBe('at least 62 days, so daily charts stay daily');
  });
});

describe('monthly rollup of analytics days', () => {
  const day = (date: string, rows: AnalyticsDay['rows'], lastBatch = `b-${date}`): AnalyticsDay => ({
    _id: `s1:${date}`,
    siteId: 's1',
    day: date,
    lastBatch,
    rows,
  });

  it('sums the days of a month by key, once per day document', () => {
    const first = addDayToMonth(
      'kb',
      null,
      day('2024-01-03', [
        { key: 'views', n: 2 },
        { key: 'searches', n: 1 },
      ]),
    )!;
    expect(first).toMatchObject({
      _id: 'kb:s1:2024-01',
      family: 'kb',
      siteId: 's1',
      month: '2024-01',
      merged: ['2024-01-03|b-2024-01-03'],
    });
    const second = addDayToMonth(
      'kb',
      first,
      day('2024-01-31', [
        { key: 'views', n: 5 },
        { key: 'zeroResults', n: 1 },
      ]),
    )!;
    expect(new Map(second.rows.map((r) => [r.key, r.n]))).toEqual(
      new Map([
        ['views', 7],
        ['searches', 1],
        ['zeroResults', 1],
      ]),
    );
    // A retried step adds nothing; a later count of the same day (another batch) adds once.
    expect(addDayToMonth('kb', second, day('2024-01-31', [{ key: 'views', n: 5 }]))).toBeNull();
    const late = addDayToMonth('kb', second, day('2024-01-31', [{ key: 'views', n: 1 }], 'b-late'))!;
    expect(late.rows.find((r) => r.key === 'views')?.n).toBe(8);
  });

  it('remembers a bounded number of merged days', () => {
    let month = null as ReturnType<typeof addDayToMonth>;
    for (let i = 0; i < 600; i++) month = addDayToMonth('kb', month, day('2024-02-01', [{ key: 'k', n: 1 }], `b${i}`)) ?? month;
    expect(month!.rows).toEqual([{ key: 'k', n: 600 }]);
    expect(month!.merged.length).toBe(500);
  });

  it('reports count rolled-up months whole and say which range they counted', () => {
    const range = { siteId: 's1', from: '2024-01-15', to: '2024-03-10' };
    expect(spanOf(range, null)).toEqual({ ...range, months: null });
    expect(spanOf(range, '2024-01-15')).toEqual({ ...range, months: null });
    expect(spanOf(range, '2024-02-20')).toEqual({
      siteId: 's1',
      from: '2024-01-01',
      to: '2024-03-10',
      months: { from: '2024-01', to: '2024-03' },
    });
    expect(spanOf(range, '2024-06-01')).toEqual({
      siteId: 's1',
      from: '2024-01-01',
      to: '2024-03-31',
      months: { from: '2024-01', to: '2024-03' },
    });
    expect(spanOf({ siteId: 's1', from: '2024-02-01', to: '2024-02-10' }, '2025-01-01').to).toBe('2024-02-29');
  });

  it('adds months to day totals and keeps the largest first', () => {
    const month = (rows: AnalyticsDay['rows']) => ({ _id: 'x', family: 'kb' as const, siteId: 's1', month: '2024-01', rows, merged: [] });
    const counts = withMonths(
      [
        { _id: 'a', n: 3 },
        { _id: 'b', n: 1 },
      ],
      [
        month([
          { key: 'b', n: 4 },
          { key: 'c', n: 2 },
        ]),
        month([{ key: 'c', n: 1 }]),
      ],
    );
    expect(counts).toEqual(
      new Map([
        ['a', 3],
        ['b', 5],
        ['c', 3],
      ]),
    );
    expect([...topCounts(counts, 2)]).toEqual([
      ['b', 5],
      ['a', 3],
    ]);
  });
});
