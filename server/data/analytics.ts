import { insertOnce } from './insert-once';
import {
  AnalyticsReachedModel,
  DAY_MODELS,
  FAMILIES,
  dayDocId,
  type AnalyticsDay,
  type Family,
  type Row,
} from './models/analytics-day.model';
import { AnalyticsMonthModel, monthDocId, type AnalyticsMonth } from './models/analytics-month.model';
import { dailyPipeline, totalsPipeline, type DayRange } from './analytics-pipelines';
import { retentionCursors } from './retention';

export { FAMILIES, dayDocId };
export type { AnalyticsDay, AnalyticsMonth, DayRange, Family, Row };

/** Tokens a month remembers: enough for any retried step or flush, bounded however many late counts arrive. */
const MERGED_KEPT = 500;

/** `YYYY-MM` of a `YYYY-MM-DD` day. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** A day document's counts added to its month document (pure); null when the month has them already. */
export function addDayToMonth(family: Family, month: AnalyticsMonth | null, day: AnalyticsDay): AnalyticsMonth | null {
  const token = `${day.day}|${day.lastBatch ?? ''}`;
  if (month?.merged.includes(token)) return null;
  const totals = new Map<string, number>(month?.rows.map((r) => [r.key, r.n]));
  for (const { key, n } of day.rows) totals.set(key, (totals.get(key) ?? 0) + n);
  return {
    _id: monthDocId(family, day.siteId, monthOf(day.day)),
    family,
    siteId: day.siteId,
    month: monthOf(day.day),
    rows: [...totals].map(([key, n]): Row => ({ key, n })),
    merged: [...(month?.merged ?? []), token].slice(-MERGED_KEPT),
  };
}

/** Analytics days past a site's daily window, summed per site and UTC month (see the model). */
export const analyticsMonths = {
  /** The site's months of a family from `from` to `to` (`YYYY-MM`), read by site and family: a dozen a year. */
  async ofRange(family: Family, siteId: string, from: string, to: string): Promise<AnalyticsMonth[]> {
    return AnalyticsMonthModel.find({ siteId, family, month: { $gte: from, $lte: to } }).lean<AnalyticsMonth[]>();
  },

  /** Adds a day document's counts to its month once; its one writer holds the analytics flush lock. */
  async add(family: Family, day: AnalyticsDay): Promise<void> {
    const month = await AnalyticsMonthModel.findById(monthDocId(family, day.siteId, monthOf(day.day))).lean<AnalyticsMonth>();
    const next = addDayToMonth(family, month, day);
    if (next) await AnalyticsMonthModel.replaceOne({ _id: next._id }, next, { upsert: true });
  },
};

/** Analytics counts per site and UTC day, one collection per family (see the model). */
export const analyticsDays = {
  async byId(family: Family, id: string): Promise<AnalyticsDay | null> {
    return DAY_MODELS[family].findById(id).lean<AnalyticsDay>();
  },

  /**
   * Writes a day document whole (its only writer holds the flush lock). A day already rolled into
   * its month (a late count, e.g. an old cohort reaching a stage) goes to the month instead.
   */
  async replace(family: Family, doc: AnalyticsDay): Promise<void> {
    const rolledBefore = await retentionCursors.stored(doc.siteId, 'analytics');
    if (rolledBefore !== null && doc.day < rolledBefore) await analyticsMonths.add(family, doc);
    else await DAY_MODELS[family].replaceOne({ _id: doc._id }, doc, { upsert: true });
  },

  /** Moves the site's day into its month; the caller holds the flush lock. False when there was no such day. */
  async rollUp(family: Family, siteId: string, day: string): Promise<boolean> {
    const doc = await analyticsDays.byId(family, dayDocId(siteId, day));
    if (!doc) return false;
    await analyticsMonths.add(family, doc);
    await DAY_MODELS[family].deleteOne({ _id: doc._id });
    return true;
  },

  /** A family's counts over the range, by key, largest first. */
  async totals(family: Family, range: DayRange, limit?: number): Promise<Array<{ _id: string; n: number }>> {
    return DAY_MODELS[family].aggregate<{ _id: string; n: number }>(totalsPipeline(range, limit));
  },

  /** A family's counts per day and key, in time order (`_id.day` is `<site>:<day>`). */
  async daily(family: Family, range: DayRange): Promise<Array<{ _id: { day: string; key: string }; n: number }>> {
    return DAY_MODELS[family].aggregate<{ _id: { day: string; key: string }; n: number }>(dailyPipeline(range));
  },

  async countOfSite(family: Family, siteId: string): Promise<number> {
    return DAY_MODELS[family].countDocuments({ siteId });
  },
};

/** First times a visitor reached a stage: the insert is the gate that counts a funnel stage once per visitor. */
export const stagesReached = {
  /** True for the one caller that records it first. */
  async firstTime(visitorId: string, stage: string): Promise<boolean> {
    return (await insertOnce(AnalyticsReachedModel, { _id: `${visitorId}:${stage}` })) !== null;
  },
};
