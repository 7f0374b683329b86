import type { VisitorContext } from '../../shared/contract';
import type { Visitor } from '../data';
import { toProductCard } from './product-card';

const iso = (date: Date | null | undefined) => (date ?? new Date(0)).toISOString();

export function toVisitorContext(visitor: Visitor): VisitorContext {
  const { cart, hesitation } = visitor;
  return {
    visitorId: visitor._id.toHexString(),
    stage: visitor.stage,
    timeline: visitor.stageHistory.map((change) => ({ stage: change.stage, rule: change.rule ?? '', at: iso(change.at) })),
    intent: {
      score: visitor.intent.score ?? 0,
      reasons: visitor.intent.reasons.map((r) => ({ signal: r.signal ?? '', contribution: r.contribution ?? 0, detail: r.detail ?? '' })),
    },
    hesitation: hesitation?.kind
      ? {
          kind: hesitation.kind,
          concern: hesitation.concern,
          reason: hesitation.reason ?? '',
          at: iso(hesitation.at),
        }
      : null,
    cart: {
      items: cart.items ?? 0,
      value: cart.value ?? 0,
      currency: cart.currency ?? 'EUR',
      ...(cart.lines?.length && { lines: cart.lines.map(toProductCard) }),
    },
    pages: visitor.session.pages.map((p) => ({ url: p.url ?? '', title: p.title ?? '', pageType: p.pageType ?? 'other', at: iso(p.at) })),
    ...(visitor.viewedProducts?.length && { viewedProducts: visitor.viewedProducts.map(toProductCard) }),
    orders: visitor.orders.map((o) => ({ orderId: o.orderId ?? '', total: o.total ?? 0, currency: o.currency ?? 'EUR', at: iso(o.at) })),
    identified: visitor.identified,
  };
}
