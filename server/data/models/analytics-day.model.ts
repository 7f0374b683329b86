import { Schema, model, type Model } from 'mongoose';

/** Families of counts, each kept per site and day in its own collection. */
export const FAMILIES = ['funnel', 'hesitations', 'purchases', 'firstResponse', 'resolution', 'csat', 'kb', 'gaps', 'bot'] as const;
export type Family = (typeof FAMILIES)[number];

export interface Row {
  key: string;
  n: number;
}

/**
 * One site's UTC day of one family of counts, in that family's own collection (`analytics_<family>`).
 * Reports scan only these — on the embedded FerretDB every query reads its whole collection, so a
 * report's cost grows with the days kept and the size of its family's documents, never with events.
 * Counts are `{key, n}` rows (keys can be visitors' search text: never used as field names).
 */
export interface AnalyticsDay {
  /** `<site id>:<day>`: the flush reads and writes it by primary key. */
  _id: string;
  siteId: string;
  day: string;
  /** The last flushed batch: a flush retried after a crash does not add it twice. */
  lastBatch: string | null;
  rows: Row[];
}

const rowSchema = new Schema({ key: { type: String, required: true }, n: { type: Number, required: true } }, { _id: false });

const daySchema = new Schema<AnalyticsDay>(
  {
    _id: { type: String, required: true },
    siteId: { type: String, required: true },
    day: { type: String, required: true },
    lastBatch: { type: String, default: null },
    rows: { type: [rowSchema], default: [] },
  },
  { versionKey: false },
);
daySchema.index({ siteId: 1, day: 1 });

const collectionOf = (family: Family) => `analytics_${family.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;

export const DAY_MODELS = Object.fromEntries(
  FAMILIES.map((family) => [family, model<AnalyticsDay>(`AnalyticsDay_${family}`, daySchema, collectionOf(family))]),
) as Record<Family, Model<AnalyticsDay>>;

export const dayDocId = (siteId: string, day: string): string => `${siteId}:${day}`;

/**
 * First time a visitor reached a stage: `_id` `<visitor id>:<stage>`. The insert is the gate that
 * makes a funnel count once per visitor and stage, with any number of server processes.
 */
export const AnalyticsReachedModel = model(
  'AnalyticsReached',
  new Schema({ _id: { type: String, required: true } }, { collection: 'analytics_reached', versionKey: false }),
);
