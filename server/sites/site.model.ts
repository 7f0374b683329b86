import { Schema, model, type InferSchemaType } from 'mongoose';

const siteSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Public: goes into the widget's script tag. */
    publicKey: { type: String, required: true, unique: true },
    /** Private: signs webhooks and identity verification; never sent to browsers. */
    secret: { type: String, required: true },
    /** Origins allowed to embed the widget; empty allows any. */
    allowedOrigins: { type: [String], default: [] },
    greeting: { type: String, default: 'Hi! Ask us anything — we usually answer within a minute.' },
    /** Widget language pinned by the site; null follows the page and the browser. */
    locale: { type: String, default: null },
    /** The site's own lifecycle thresholds (a partial `LifecycleSettings`); missing ones take the defaults. */
    lifecycle: { type: Schema.Types.Mixed, default: () => ({}) },
  },
  { timestamps: true },
);

export type Site = InferSchemaType<typeof siteSchema> & { _id: import('mongoose').Types.ObjectId };
export const SiteModel = model('Site', siteSchema);
