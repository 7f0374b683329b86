import {
  FUNNEL_STAGES,
  HesitationOutcome,
  type AnalyticsReportName,
  type AnalyticsReports,
  type BotReport,
  type CsatReport,
  type EscalationsReport,
  type FunnelReport,
  type Histogram,
  type KbReport,
  type ResponseTimesReport,
} from '../../shared/contract/analytics';
import { HesitationKind } from '../../shared/lifecycle';
import { analyticsDays, analyticsMonths, monthOf, retentionCursors, type AnalyticsMonth, type DayRange } from '../data';
import {
  BOT_OUTCOMES,
  FIRST_RESPONSE_BOUNDS,
  OPEN_BUCKET,
  RESOLUTION_BOUNDS,
  dayOf,
  hesitationKey,
  splitGapKey,
  weekOf,
  type BotOutcome,
  type Family,
} from './facts';

const TOP_GAPS = 10;
/** Longer ranges are charted per week. */
const DAILY_UP_TO_DAYS = 62;

type Totals = Map<string, number>;

/** What a report counts: day documents from `from` to `to`, and the rolled-up months from `months.from` to `months.to`. */
export interface Span extends DayRange {
  months: { from: string; to: string } | null;
}

const lastDayOfMonth = (day: string): string =>
  new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * Days before `rolledBefore` are kept as monthly sums only (retention), so a range reaching them
 * counts those months whole: it is widened to whole months at each end that lies before it. The
 * report says which range it counted.
 */
export function spanOf(range: DayRange, rolledBefore: string | null): Span {
  if (rolledBefore === null || range.from >= rolledBefore) return { ...range, months: null };
  const from = `${monthOf(range.from)}-01`;
  const to = range.to < rolledBefore ? lastDayOfMonth(range.to) : range.to;
  return { siteId: range.siteId, from, to, months: { from: monthOf(from), to: monthOf(to) } };
}

const spanFor = async (range: DayRange): Promise<Span> => spanOf(range, await retentionCursors.stored(range.siteId, 'analytics'));

/** Counts by key, largest first (then by key), the first `limit`. */
export function topCounts(counts: Totals, limit: number): Totals {
  return new Map([...counts].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0)).slice(0, limit));
}

/** Day totals with the months' rows added. */
export function withMonths(days: Array<{ _id: string; n: number }>, months: AnalyticsMonth[]): Totals {
  const counts: Totals = new Map(days.map((r) => [r._id, r.n]));
  for (const month of months) for (const { key, n } of month.rows) counts.set(key, (counts.get(key) ?? 0) + n);
  return counts;
}

const monthsOf = (span: Span, family: Family): Promise<AnalyticsMonth[]> =>
  span.months ? analyticsMonths.ofRange(family, span.siteId, span.months.from, span.months.to) : Promise.resolve([]);

async function totals(span: Span, family: Family, limit?: number): Promise<Totals> {
  if (!span.months) return withMonths(await analyticsDays.totals(family, span, limit), []);
  const [days, months] = await Promise.all([analyticsDays.totals(family, span), monthsOf(span, family)]);
  const counts = withMonths(days, months);
  return limit === undefined ? counts : topCounts(counts, limit);
}

/** A share; capped at 1 for the rare count recorded on a neighbouring day (or before analytics existed). */
const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.min(1, part / whole) : null);
const mean = (total: number, count: number): number | null => (count > 0 ? total / count : null);
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

export async function funnelReport(asked: DayRange): Promise<FunnelReport> {
  const range = await spanFor(asked);
  const reached = await totals(range, 'funnel');
  const stages = FUNNEL_STAGES.map((stage, i) => {
    const visitors = reached.get(stage) ?? 0;
    const previous = i === 0 ? null : (reached.get(FUNNEL_STAGES[i - 1]!) ?? 0);
    return { stage, visitors, fromPrevious: previous === null ? null : ratio(visitors, previous) };
  });
  return { from: range.from, to: range.to, stages, atRisk: reached.get('at_risk') ?? 0 };
}

export async function escalationsReport(asked: DayRange): Promise<EscalationsReport> {
  const range = await spanFor(asked);
  const [hesitations, purchases] = await Promise.all([totals(range, 'hesitations'), totals(range, 'purchases')]);
  const conversion = (kinds: readonly HesitationKind[], outcomes: readonly HesitationOutcome[]) => {
    const keys = kinds.flatMap((kind) => outcomes.map((outcome) => hesitationKey(kind, outcome)));
    const count = sum(keys.map((k) => hesitations.get(k) ?? 0));
    const purchased = sum(keys.map((k) => purchases.get(k) ?? 0));
    return { hesitations: count, purchased, purchaseRate: ratio(purchased, count) };
  };
  const kinds = HesitationKind.options;
  const notPrompted = HesitationOutcome.options.filter((o) => o !== 'prompted');
  return {
    from: range.from,
    to: range.to,
    prompted: conversion(kinds, ['prompted']),
    notPrompted: conversion(kinds, notPrompted),
    byOutcome: HesitationOutcome.options.map((outcome) => ({ outcome, ...conversion(kinds, [outcome]) })),
    byKind: kinds.map((kind) => ({ kind, prompted: conversion([kind], ['prompted']), notPrompted: conversion([kind], notPrompted) })),
  };
}

/** Bucket counts in bound order, and the buckets holding the median and the 90th percentile. */
export function histogram(counts: Totals, bounds: readonly number[]): Histogram {
  const buckets = [
    ...bounds.map((upTo) => ({ upTo, count: counts.get(String(upTo)) ?? 0 })),
    { upTo: null, count: counts.get(OPEN_BUCKET) ?? 0 },
  ];
  const count = sum(buckets.map((b) => b.count));
  const quantileUpTo = (q: number): number | null => {
    if (count === 0) return null;
    let seen = 0;
    for (const bucket of buckets) {
      seen += bucket.count;
      if (seen >= q * count) return bucket.upTo;
    }
    return null;
  };
  return { buckets, count, medianUpTo: quantileUpTo(0.5), p90UpTo: quantileUpTo(0.9) };
}

export async function responseTimesReport(asked: DayRange): Promise<ResponseTimesReport> {
  const range = await spanFor(asked);
  const [first, resolution] = await Promise.all([totals(range, 'firstResponse'), totals(range, 'resolution')]);
  return {
    from: range.from,
    to: range.to,
    firstResponse: histogram(first, FIRST_RESPONSE_BOUNDS),
    resolution: histogram(resolution, RESOLUTION_BOUNDS),
  };
}

export async function csatReport(asked: DayRange): Promise<CsatReport> {
  const range = await spanFor(asked);
  const dayCount = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  const interval = dayCount <= DAILY_UP_TO_DAYS ? 'day' : 'week';
  const periodOf = (day: string) => (interval === 'day' ? day : weekOf(day));
  const [days, months] = await Promise.all([analyticsDays.daily('csat', range), monthsOf(range, 'csat')]);
  // A rolled-up month is one period, dated by its first day.
  const rows = [
    ...days.map(({ _id, n }) => ({ key: _id.key, n, period: periodOf(_id.day.slice(_id.day.indexOf(':') + 1)) })),
    ...months.flatMap((month) => month.rows.map(({ key, n }) => ({ key, n, period: `${month.month}-01` }))),
  ];
  const byPeriod = new Map<string, number[]>();
  const ratings = [0, 0, 0, 0, 0];
  for (const { key, n, period } of rows) {
    const rating = Number(key);
    if (!(rating >= 1 && rating <= 5)) continue;
    const counts = byPeriod.get(period) ?? [0, 0, 0, 0, 0];
    counts[rating - 1]! += n;
    ratings[rating - 1]! += n;
    byPeriod.set(period, counts);
  }
  const summary = (counts: number[]) => {
    const responses = sum(counts);
    return {
      responses,
      average: mean(sum(counts.map((c, i) => c * (i + 1))), responses),
      satisfied: ratio(counts[3]! + counts[4]!, responses),
    };
  };
  return {
    from: range.from,
    to: range.to,
    interval,
    series: [...byPeriod].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, counts]) => ({ period, ...summary(counts) })),
    ratings: ratings.map((count, i) => ({ rating: i + 1, count })),
    average: summary(ratings).average,
  };
}

export async function kbReport(asked: DayRange): Promise<KbReport> {
  const range = await spanFor(asked);
  const [kb, gaps] = await Promise.all([totals(range, 'kb'), totals(range, 'gaps', TOP_GAPS)]);
  const views = kb.get('views') ?? 0;
  const deflections = kb.get('deflections') ?? 0;
  return {
    from: range.from,
    to: range.to,
    views,
    deflections,
    deflectionRate: ratio(deflections, views),
    searches: kb.get('searches') ?? 0,
    zeroResultSearches: kb.get('zeroResults') ?? 0,
    gaps: [...gaps].map(([key, searches]) => ({ ...splitGapKey(key), searches })),
  };
}

/** The periods from `from` to `to`: each day, or each week's Monday. */
export function periodsOf(from: string, to: string, interval: 'day' | 'week'): string[] {
  const step = interval === 'day' ? 86_400_000 : 7 * 86_400_000;
  const first = interval === 'day' ? from : weekOf(from);
  const periods: string[] = [];
  for (let t = Date.parse(first); t <= Date.parse(to); t += step) periods.push(dayOf(new Date(t)));
  return periods;
}

type BotCounts = BotReport['totals'];
const BOT_FIELDS: Record<BotOutcome, keyof BotCounts> = {
  answered: 'answered',
  confirmed: 'confirmed',
  assumed: 'assumed',
  handed_off: 'handedOff',
};
const noBotCounts = (): BotCounts => ({ answered: 0, confirmed: 0, assumed: 0, handedOff: 0 });

export async function botReport(asked: DayRange): Promise<BotReport> {
  const range = await spanFor(asked);
  const dayCount = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  const interval = dayCount <= DAILY_UP_TO_DAYS ? 'day' : 'week';
  const periodOf = (day: string) => (interval === 'day' ? day : weekOf(day));
  const [days, months] = await Promise.all([analyticsDays.daily('bot', range), monthsOf(range, 'bot')]);
  // Every period of the range shows, quiet ones as zeros; with rolled-up months (one period each), only those with counts.
  const byPeriod = new Map<string, BotCounts>(range.months ? [] : periodsOf(range.from, range.to, interval).map((p) => [p, noBotCounts()]));
  const rows = [
    ...days.map(({ _id, n }) => ({ key: _id.key, n, period: periodOf(_id.day.slice(_id.day.indexOf(':') + 1)) })),
    ...months.flatMap((month) => month.rows.map(({ key, n }) => ({ key, n, period: `${month.month}-01` }))),
  ];
  const totals = noBotCounts();
  for (const { key, n, period } of rows) {
    if (!(BOT_OUTCOMES as readonly string[]).includes(key)) continue;
    const field = BOT_FIELDS[key as BotOutcome];
    const counts = byPeriod.get(period) ?? noBotCounts();
    counts[field] += n;
    totals[field] += n;
    byPeriod.set(period, counts);
  }
  return {
    from: range.from,
    to: range.to,
    interval,
    series: [...byPeriod].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, counts]) => ({ period, ...counts })),
    totals,
    confirmedRate: ratio(totals.confirmed, totals.answered),
    assumedRate: ratio(totals.assumed, totals.answered),
    handedOffRate: ratio(totals.handedOff, totals.answered),
  };
}

export const REPORTS: { [K in AnalyticsReportName]: (range: DayRange) => Promise<AnalyticsReports[K]> } = {
  funnel: funnelReport,
  escalations: escalationsReport,
  'response-times': responseTimesReport,
  csat: csatReport,
  kb: kbReport,
  bot: botReport,
};
