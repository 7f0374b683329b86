import { Schema, model } from 'mongoose';
import { FAMILIES, type Family, type Row } from './analytics-day.model';

/**
 * One site's UTC month of one family of counts: the sum of the day documents rolled into it once
 * they passed the site's daily window (retention). Reports read it for the months a range reaches.
 */
export interface AnalyticsMonth {
  /** `<family>:<site id>:<YYYY-MM>`. */
  _id: string;
  family: Family;
  siteId: string;
  month: string;
  rows: Row[];
  /** `<day>|<its lastBatch>` of the day documents added: adding one again (a retried step) adds nothing. */
  merged: string[];
}

const rowSchema = new Schema({ key: { type: String, required: true }, n: { type: Number, required: true } }, { _id: false });

const monthSchema = new Schema<AnalyticsMonth>(
  {
    _id: { type: String, required: true },
    family: { type: String, enum: FAMILIES, required: true },
    siteId: { type: String, required: true },
    month: { type: String, required: true },
    rows: { type: [rowSchema], default: [] },
    merged: { type: [String], default: [] },
  },
  { versionKey: false },
);
monthSchema.index({ siteId: 1, family: 1, month: 1 });

export const AnalyticsMonthModel = model<AnalyticsMonth>('AnalyticsMonth', monthSchema, 'analytics_months');

export const monthDocId = (family: Family, siteId: string, month: string): string => `${family}:${siteId}:${month}`;
