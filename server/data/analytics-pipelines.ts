import type { PipelineStage } from 'mongoose';

/**
 * The aggregation pipelines behind every report, over one family's day documents. Only what the
 * embedded FerretDB v1 runs correctly (tests run each one on it): `$match`, `$project` (inclusion only:
 * it takes `'$field'` as a literal), `$unwind`, `$group` with ONE `$sum` (a second accumulator in the
 * same `$group` comes out 0), `$sort`, `$limit`. Its `$unwind` keeps only `_id` and the unwound field —
 * and stops the database process on a document without `_id` — so `_id` (`<site>:<day>`) is never
 * projected away, and daily series group by it.
 */
export interface DayRange {
  siteId: string;
  from: string;
  to: string;
}

const unwoundRows = ({ siteId, from, to }: DayRange): PipelineStage[] => [
  { $match: { siteId, day: { $gte: from, $lte: to } } },
  { $project: { rows: 1 } },
  { $unwind: '$rows' },
];

/** A family's counts summed over the range, by key, largest first. */
export function totalsPipeline(range: DayRange, limit?: number): PipelineStage[] {
  return [
    ...unwoundRows(range),
    { $group: { _id: '$rows.key', n: { $sum: '$rows.n' } } },
    { $sort: { n: -1, _id: 1 } },
    ...(limit === undefined ? [] : [{ $limit: limit }]),
  ];
}

/** A family's counts per day and key, in time order; `_id.day` is the document id, `<site>:<day>`. */
export function dailyPipeline(range: DayRange): PipelineStage[] {
  return [
    ...unwoundRows(range),
    { $group: { _id: { day: '$_id', key: '$rows.key' }, n: { $sum: '$rows.n' } } },
    { $sort: { '_id.day': 1, '_id.key': 1 } },
  ];
}
