import type { Escalation, VisitorContext } from '../../shared/contract';

type Stage = VisitorContext['stage'];
type HesitationKind = Escalation['kind'];
type Concern = Escalation['concern'];

export const STAGE_LABELS: Record<Stage, string> = {
  awareness: 'Awareness',
  engagement: 'Engagement',
  evaluation: 'Evaluation',
  purchase: 'Purchase',
  support: 'Support',
  loyalty: 'Loyalty',
  advocacy: 'Advocacy',
  at_risk: 'At risk',
};

export const HESITATION_LABELS: Record<HesitationKind, string> = {
  checkout_idle: 'Idle at checkout',
  cart_dwell: 'Lingering on the cart',
  shipping_loop: 'Shipping/returns loop',
  exit_intent: 'Leaving with a full cart',
  price_question: 'Asked about price',
};

export const CONCERN_LABELS: Record<Concern, string> = {
  shipping_cost: 'Shipping cost',
  price: 'Price',
  returns: 'Returns',
  payment: 'Payment',
  checkout: 'Checkout',
  general: 'General',
};

/** "Idle at checkout · Shipping cost": what fired and what the visitor likely worries about. */
export function escalationLabel(escalation: Pick<Escalation, 'kind' | 'concern'>): string {
  const concern = escalation.concern === 'general' ? '' : ` · ${CONCERN_LABELS[escalation.concern]}`;
  return `${HESITATION_LABELS[escalation.kind]}${concern}`;
}

/** A machine id such as `cart_non_empty` or `timeOnProduct` as words: "cart non empty", "time on product". */
export function humanizeId(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    // Not an ISO 4217 code: show it as given.
    return `${value.toFixed(2)} ${currency}`;
  }
}
