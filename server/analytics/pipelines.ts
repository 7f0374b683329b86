import type { PipelineStage } from 'mongoose';
import type { Family } from './facts';

/**
 * The aggregation pipelines behind every report, over the day documents. Only what the embedded
 * FerretDB v1 runs (tests run each one on it): `$match`, `$project` (inclusion only: it takes `'$field'`
 * as a literal), `$unwind`, `$group` with `$sum`, `$sort`, `$limit`. Its `$unwind` keeps only `_id` and
 * the unwound field — and stops the whole database process on a document without `_id` — so `_id`
 * is never projected away, and each row carries its own `day` and `week`.
 */
export interface DayRange {
  siteId: string;
  from: string;
  to: string;
}

const matchRange = ({ siteId, from, to }: DayRange): PipelineStage => ({ $match: { siteId, day: { $gte: from, $lte: to } } });

/** One family's counts summed over the range, by key, largest first. */
export function totalsPipeline(range: DayRange, family: Family, limit?: number): PipelineStage[] {
  return [
    matchRange(range),
    { $project: { [family]: 1 } },
    { $unwind: `$${family}` },
    { $group: { _id: `$${family}.key`, n: { $sum: `$${family}.n` } } },
    { $sort: { n: -1, _id: 1 } },
    ...(limit === undefined ? [] : [{ $limit: limit }]),
  ];
}

/** One family's counts per day or week (its Monday) and key, in time order. */
export function seriesPipeline(range: DayRange, family: Family, period: 'day' | 'week'): PipelineStage[] {
  return [
    matchRange(range),
    { $project: { [family]: 1 } },
    { $unwind: `$${family}` },
    { $group: { _id: { period: `$${family}.${period}`, key: `$${family}.key` }, n: { $sum: `$${family}.n` } } },
    { $sort: { '_id.period': 1, '_id.key': 1 } },
  ];
}
