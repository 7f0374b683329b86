import {
  FUNNEL_STAGES,
  HesitationOutcome,
  type AnalyticsReportName,
  type AnalyticsReports,
  type CsatReport,
  type EscalationsReport,
  type FunnelReport,
  type Histogram,
  type KbReport,
  type ResponseTimesReport,
} from '../../shared/contract/analytics';
import { HesitationKind } from '../../shared/lifecycle';
import { analyticsDays, type DayRange } from '../data';
import { FIRST_RESPONSE_BOUNDS, OPEN_BUCKET, RESOLUTION_BOUNDS, hesitationKey, splitGapKey, weekOf, type Family } from './facts';

const TOP_GAPS = 10;
/** Longer ranges are charted per week. */
const DAILY_UP_TO_DAYS = 62;

type Totals = Map<string, number>;

async function totals(range: DayRange, family: Family, limit?: number): Promise<Totals> {
  const rows = await analyticsDays.totals(family, range, limit);
  return new Map(rows.map((r) => [r._id, r.n]));
}

/** A share; capped at 1 for the rare count recorded on a neighbouring day (or before analytics existed). */
const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.min(1, part / whole) : null);
const mean = (total: number, count: number): number | null => (count > 0 ? total / count : null);
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

export async function funnelReport(range: DayRange): Promise<FunnelReport> {
  const reached = await totals(range, 'funnel');
  const stages = FUNNEL_STAGES.map((stage, i) => {
    const visitors = reached.get(stage) ?? 0;
    const previous = i === 0 ? null : (reached.get(FUNNEL_STAGES[i - 1]!) ?? 0);
    return { stage, visitors, fromPrevious: previous === null ? null : ratio(visitors, previous) };
  });
  return { from: range.from, to: range.to, stages, atRisk: reached.get('at_risk') ?? 0 };
}

export async function escalationsReport(range: DayRange): Promise<EscalationsReport> {
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
  const buckets = [...bounds.map((upTo) => ({ upTo, count: counts.get(String(upTo)) ?? 0 })), { upTo: null, count: counts.get(OPEN_BUCKET) ?? 0 }];
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

export async function responseTimesReport(range: DayRange): Promise<ResponseTimesReport> {
  const [first, resolution] = await Promise.all([totals(range, 'firstResponse'), totals(range, 'resolution')]);
  return { from: range.from, to: range.to, firstResponse: histogram(first, FIRST_RESPONSE_BOUNDS), resolution: histogram(resolution, RESOLUTION_BOUNDS) };
}

export async function csatReport(range: DayRange): Promise<CsatReport> {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  const interval = days <= DAILY_UP_TO_DAYS ? 'day' : 'week';
  const rows = await analyticsDays.daily('csat', range);
  const byPeriod = new Map<string, number[]>();
  const ratings = [0, 0, 0, 0, 0];
  for (const { _id, n } of rows) {
    const rating = Number(_id.key);
    if (!(rating >= 1 && rating <= 5)) continue;
    const day = _id.day.slice(_id.day.indexOf(':') + 1);
    const period = interval === 'day' ? day : weekOf(day);
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
    series: [...byPeriod].map(([period, counts]) => ({ period, ...summary(counts) })),
    ratings: ratings.map((count, i) => ({ rating: i + 1, count })),
    average: summary(ratings).average,
  };
}

export async function kbReport(range: DayRange): Promise<KbReport> {
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

export const REPORTS: { [K in AnalyticsReportName]: (range: DayRange) => Promise<AnalyticsReports[K]> } = {
  funnel: funnelReport,
  escalations: escalationsReport,
  'response-times': responseTimesReport,
  csat: csatReport,
  kb: kbReport,
};
