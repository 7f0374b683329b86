import { Schema, model } from 'mongoose';
import { FAMILIES, type Family } from './facts';

export interface Row {
  key: string;
  n: number;
  /** The document's day and week again: FerretDB's `$unwind` keeps nothing else of the document. */
  day: string;
  week: string;
}

/**
 * One site's UTC day of analytics: each family is a small array of `{key, n}` counts. Reports read
 * only these (`$match` on site and day, `$unwind` a family, `$group` + `$sum`), so their cost grows
 * with days, never with events — on the embedded FerretDB every query scans its whole collection.
 */
export type AnalyticsDay = {
  /** `<site id>:<day>`: the flush reads and writes it by primary key. */
  _id: string;
  siteId: string;
  day: string;
  /** The Monday of the day's week, for weekly series. */
  week: string;
  /** The last flushed batch: a flush retried after a crash does not add it twice. */
  lastBatch: string | null;
} & Record<Family, Row[]>;

const rowSchema = new Schema(
  { key: { type: String, required: true }, n: { type: Number, required: true }, day: { type: String, required: true }, week: { type: String, required: true } },
  { _id: false },
);

const analyticsDaySchema = new Schema(
  {
    _id: { type: String, required: true },
    siteId: { type: String, required: true },
    day: { type: String, required: true },
    week: { type: String, required: true },
    lastBatch: { type: String, default: null },
    ...Object.fromEntries(FAMILIES.map((family) => [family, { type: [rowSchema], default: [] }])),
  },
  { collection: 'analytics_days', versionKey: false },
);

export const AnalyticsDayModel = model('AnalyticsDay', analyticsDaySchema);

export const dayDocId = (siteId: string, day: string): string => `${siteId}:${day}`;

/**
 * First time a visitor reached a stage: `_id` `<visitor id>:<stage>`. The insert is the gate that
 * makes a funnel count once per visitor and stage, with any number of server processes.
 */
export const AnalyticsReachedModel = model(
  'AnalyticsReached',
  new Schema({ _id: { type: String, required: true } }, { collection: 'analytics_reached', versionKey: false }),
);
