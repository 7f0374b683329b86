import type { Stage } from './stages';

/**
 * Queue rank of the other stages, nearest to revenue first: at-risk customers (cheaper to keep than
 * to win), buyers evaluating, repeat customers, customers with a question about an order, advocates,
 * engaged and new visitors.
 */
const STAGE_RANK: Record<Exclude<Stage, 'purchase'>, number> = {
  at_risk: 700,
  evaluation: 600,
  loyalty: 500,
  support: 400,
  advocacy: 300,
  engagement: 200,
  awareness: 100,
};

/** Above every other stage's rank: purchase-stage chats always jump the queue. */
const PURCHASE_BASE = 1000;

/** Higher = served first. Purchase-stage visitors outrank everyone, and among them the larger cart. */
export function escalationPriority(stage: Stage, cartValue: number): number {
  if (stage !== 'purchase') return STAGE_RANK[stage];
  return PURCHASE_BASE + (Number.isFinite(cartValue) && cartValue > 0 ? cartValue : 0);
}
