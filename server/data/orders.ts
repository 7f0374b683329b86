import type { Types } from 'mongoose';
import { insertOnce } from './insert-once';
import { OrderModel, type Order } from './models/order.model';

export type { Order };

/** Orders the shop reported, once per (site, order id). */
export const orders = {
  /** Answers whether this call stored it (false: the shop re-sent a recorded order). */
  async recordOnce(order: {
    siteId: Types.ObjectId;
    orderId: string;
    visitorId: Types.ObjectId;
    total: number;
    currency: string;
  }): Promise<boolean> {
    return (await insertOnce(OrderModel, order)) !== null;
  },

  async setRefunded(siteId: Types.ObjectId, orderId: string, amount: number): Promise<void> {
    await OrderModel.updateOne({ siteId, orderId: String(orderId) }, { $set: { refunded: amount } });
  },
};
