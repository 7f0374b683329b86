import { Schema, type Types, model, type InferSchemaType } from 'mongoose';

/** Orders reported by the shop's webhook; the unique (site, order id) makes a re-sent order count once. */
const orderSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    orderId: { type: String, required: true },
    visitorId: { type: Schema.Types.ObjectId, required: true, index: true },
    total: { type: Number, required: true },
    currency: { type: String, required: true },
    refunded: { type: Number, default: 0 },
  },
  { timestamps: true },
);
orderSchema.index({ siteId: 1, orderId: 1 }, { unique: true });
orderSchema.index({ siteId: 1, createdAt: 1 });

export type Order = InferSchemaType<typeof orderSchema> & { _id: Types.ObjectId; createdAt: Date };
export const OrderModel = model('Order', orderSchema);
