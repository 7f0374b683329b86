import { insertOnce } from './insert-once';
import { AnalyticsReachedModel, DAY_MODELS, FAMILIES, dayDocId, type AnalyticsDay, type Family, type Row } from './models/analytics-day.model';
import { dailyPipeline, totalsPipeline, type DayRange } from './analytics-pipelines';

export { FAMILIES, dayDocId };
export type { AnalyticsDay, DayRange, Family, Row };

/** Analytics counts per site and UTC day, one collection per family (see the model). */
export const analyticsDays = {
  async byId(family: Family, id: string): Promise<AnalyticsDay | null> {
    return DAY_MODELS[family].findById(id).lean<AnalyticsDay>();
  },

  /** Writes a day document whole (its only writer holds the flush lock). */
  async replace(family: Family, doc: AnalyticsDay): Promise<void> {
    await DAY_MODELS[family].replaceOne({ _id: doc._id }, doc, { upsert: true });
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
