import { Schema, type Types, model, type InferSchemaType } from 'mongoose';
import { Stage } from '../../../shared/lifecycle';
import { hesitationSchema } from './hesitation.schema';
import { productSchema } from './product.schema';

const pageVisitSchema = new Schema({ url: String, path: String, title: String, pageType: String, at: Date }, { _id: false });

/** What the current browsing session did: the inputs of the intent score and the hesitation rules. */
const sessionSchema = new Schema(
  {
    startedAt: { type: Date, default: () => new Date() },
    lastActivityAt: { type: Date, default: () => new Date() },
    currentPageType: { type: String, default: null },
    pageEnteredAt: { type: Date, default: null },
    pages: { type: [pageVisitSchema], default: [] },
    /** Seconds in view per page kind, from `page_time` events. */
    seconds: { type: Schema.Types.Mixed, default: () => ({}) },
    orderedAt: { type: Date, default: null },
  },
  { _id: false, minimize: false },
);

function lastSeenDayOf(this: { lastSeenAt?: Date | null }): string {
  return (this.lastSeenAt ?? new Date()).toISOString().slice(0, 10);
}

const visitorSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, default: null },
    email: { type: String, default: null },
    lastSeenAt: { type: Date, default: () => new Date() },
    /** The UTC day (`YYYY-MM-DD`) of `lastSeenAt`, kept with it on every write: retention walks visitors one day at a time. */
    lastSeenDay: { type: String, default: lastSeenDayOf },
    locale: { type: String, default: null },
    /** The shop's own user id, from `identify()`; trusted for purchase history only when `identified`. */
    customerId: { type: String, default: null },
    identified: { type: Boolean, default: false },
    sessions: { type: Number, default: 1 },
    session: { type: sessionSchema, default: () => ({}) },
    /** Lifetime page counts per page kind (stage facts). */
    pageCounts: { type: Schema.Types.Mixed, default: () => ({}) },
    kbSearches: { type: Number, default: 0 },
    productQuestions: { type: Number, default: 0 },
    cart: {
      type: new Schema({ items: Number, value: Number, currency: String, updatedAt: Date, lines: [productSchema] }, { _id: false }),
      default: () => ({ items: 0, value: 0, currency: 'EUR', updatedAt: null, lines: [] }),
    },
    /** Product pages the shop described (`track('product')`), the latest first, one per URL. */
    viewedProducts: { type: [productSchema], default: [] },
    orders: {
      type: [new Schema({ orderId: String, total: Number, currency: String, at: Date }, { _id: false })],
      default: [],
    },
    advocacyActions: { type: Number, default: 0 },
    /** Set by the at-risk sweep or a negative CSAT; a new order clears it. */
    atRiskReason: { type: String, default: null },
    stage: { type: String, enum: Stage.options, default: 'awareness' },
    stageHistory: {
      type: [new Schema({ stage: { type: String, enum: Stage.options, required: true }, rule: String, at: Date }, { _id: false })],
      default: () => [{ stage: 'awareness', rule: 'first_visit', at: new Date() }],
    },
    intent: {
      type: new Schema(
        { score: Number, reasons: [new Schema({ signal: String, contribution: Number, detail: String }, { _id: false })] },
        { _id: false },
      ),
      default: () => ({ score: 0, reasons: [] }),
    },
    hesitation: {
      type: hesitationSchema,
      default: null,
    },
    lastPromptedAt: { type: Date, default: null },
    /** When the visitor unsubscribed from reply and transcript emails; null: they get them. */
    emailOptOutAt: { type: Date, default: null },
  },
  // Keeps empty count maps, so a stored visitor always has them.
  { timestamps: true, minimize: false },
);
visitorSchema.index({ siteId: 1, customerId: 1 });
// Data requests name a visitor by email address (issue 18).
visitorSchema.index({ siteId: 1, email: 1 });
visitorSchema.index({ siteId: 1, lastSeenDay: 1 });

// Every write of `lastSeenAt` (the write path sets changed fields with `updateOne`) carries its day.
visitorSchema.pre('updateOne', function () {
  const at = (this.getUpdate() as { $set?: { lastSeenAt?: Date | string } } | null)?.$set?.lastSeenAt;
  if (at !== undefined) this.set('lastSeenDay', new Date(at).toISOString().slice(0, 10));
});

type Counts = Partial<Record<string, number>>;
/** Lean documents hold plain arrays where the inferred type names mongoose's DocumentArray. */
type Lean<T> =
  T extends Types.DocumentArray<infer Item>
    ? Lean<Item>[]
    : T extends Date | Types.ObjectId | null | undefined | string | number | boolean
      ? T
      : { [K in keyof T]: Lean<T[K]> };
type Inferred = Lean<InferSchemaType<typeof visitorSchema>>;
type BrowsingSession = Omit<Inferred['session'], 'seconds'> & { seconds: Counts };

export type Visitor = Omit<Inferred, 'pageCounts' | 'session'> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
  pageCounts: Counts;
  session: BrowsingSession;
};
export const VisitorModel = model('Visitor', visitorSchema);
