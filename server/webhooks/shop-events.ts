import type { Types } from 'mongoose';
import type { ShopWebhookEvent } from '../../shared/contract';
import { sessionPaths } from '../visitors/browsing';
import type { LifecycleService } from '../visitors/lifecycle-service';
import type { PageMetrics } from '../visitors/page-metrics';
import { orders, visitors, type Visitor } from '../data';
import { dateOf, type Clock } from '../infra/clock';

/** What the shop's backend reports — orders, refunds, reviews, referrals — applied to the visitor's lifecycle. */
export class ShopEvents {
  constructor(
    private readonly lifecycle: LifecycleService,
    private readonly metrics: PageMetrics,
    private readonly clock: Clock,
  ) {}

  /** Returns false when the event was already recorded (a re-sent order). */
  async apply(siteId: Types.ObjectId, event: ShopWebhookEvent): Promise<boolean> {
    const visitor = await this.visitorOf(siteId, event);
    const visitorId = visitor._id.toHexString();
    const now = dateOf(this.clock);
    switch (event.type) {
      case 'order': {
        const order = { siteId, orderId: event.orderId, visitorId: visitor._id, total: event.total, currency: event.currency };
        if (!(await orders.recordOnce(order))) return false;
        await this.metrics.recordRevenue(siteId.toHexString(), sessionPaths(visitor), event.total);
        // The order is progress: the cart is empty, pending hesitation timers go, an at-risk customer is back.
        await this.lifecycle.update(visitorId, (v) => ({
          ...v,
          orders: [...v.orders, { orderId: event.orderId, total: event.total, currency: event.currency, at: now }],
          cart: { items: 0, value: 0, currency: event.currency, updatedAt: now, lines: [] },
          session: { ...v.session, orderedAt: now },
          atRiskReason: null,
        }));
        return true;
      }
      case 'refund':
        await orders.setRefunded(siteId, event.orderId, event.amount);
        return true;
      case 'review':
        await this.lifecycle.update(visitorId, (v) =>
          event.rating >= 4
            ? { ...v, advocacyActions: v.advocacyActions + 1 }
            : event.rating <= 2
              ? { ...v, atRiskReason: 'negative_review' }
              : v,
        );
        return true;
      case 'referral':
        await this.lifecycle.update(visitorId, (v) => ({ ...v, advocacyActions: v.advocacyActions + 1 }));
        return true;
    }
  }

  /** The visitor named by our id, or the shop's customer id; a customer never seen by the widget is created. */
  private async visitorOf(siteId: Types.ObjectId, event: ShopWebhookEvent): Promise<Visitor> {
    const byId = event.visitorId ? await visitors.byId(event.visitorId) : null;
    if (byId?.siteId.equals(siteId)) return byId;
    if (event.customerId) {
      return (
        (await visitors.byCustomer(siteId, event.customerId)) ?? visitors.create({ siteId, customerId: event.customerId, identified: true })
      );
    }
    return visitors.create({ siteId });
  }
}
