import { z } from 'zod';

export const Stage = z.enum(['awareness', 'engagement', 'evaluation', 'purchase', 'support', 'loyalty', 'advocacy', 'at_risk']);
export type Stage = z.infer<typeof Stage>;

const count = z.number().int().min(0);

/** What the server knows about a visitor across sessions, enough to place them in a stage. */
export const StageFacts = z.object({
  sessions: count,
  identified: z.boolean(),
  contentPages: count,
  /** Product, pricing and shipping/returns page views. */
  evaluationPages: count,
  kbSearches: count,
  productQuestions: count,
  cartItems: count,
  checkoutStarted: z.boolean(),
  orders: count,
  /** Reviews, referrals and shares. */
  advocacyActions: count,
  /** Set by the server: re-purchase overdue or negative CSAT; cleared by a new order. */
  atRisk: z.boolean(),
});
export type StageFacts = z.infer<typeof StageFacts>;

export interface StageRule {
  id: string;
  stage: Stage;
  description: string;
  when: (facts: StageFacts) => boolean;
}

/**
 * The stage rules in precedence order: the first rule that holds decides. Purchase comes first so that
 * anyone with a cart — an at-risk customer buying again included — gets the purchase-stage queue
 * priority; at_risk outranks the other post-purchase stages because winning a customer back is the
 * action that matters most for them.
 */
export const STAGE_RULES: readonly StageRule[] = [
  { id: 'cart_non_empty', stage: 'purchase', description: 'the cart has at least one item', when: (f) => f.cartItems > 0 },
  { id: 'checkout_started', stage: 'purchase', description: 'checkout was started in this session', when: (f) => f.checkoutStarted },
  {
    id: 'at_risk',
    stage: 'at_risk',
    description: 're-purchase overdue or negative CSAT (set by the server, cleared by a new order)',
    when: (f) => f.atRisk,
  },
  {
    id: 'customer_advocate',
    stage: 'advocacy',
    description: 'a customer (≥ 1 order) who left a review, referred someone or shared',
    when: (f) => f.orders >= 1 && f.advocacyActions >= 1,
  },
  { id: 'repeat_customer', stage: 'loyalty', description: '2 or more orders', when: (f) => f.orders >= 2 },
  { id: 'customer', stage: 'support', description: '1 order', when: (f) => f.orders >= 1 },
  {
    id: 'evaluation_pages',
    stage: 'evaluation',
    description: '2 or more product, pricing or shipping/returns page views',
    when: (f) => f.evaluationPages >= 2,
  },
  { id: 'kb_search', stage: 'evaluation', description: 'searched the knowledge base', when: (f) => f.kbSearches >= 1 },
  { id: 'product_question', stage: 'evaluation', description: 'asked a question about a product', when: (f) => f.productQuestions >= 1 },
  { id: 'returning', stage: 'engagement', description: 'returning visitor (2 or more sessions)', when: (f) => f.sessions >= 2 },
  { id: 'identified', stage: 'engagement', description: 'signed in or subscribed (identified)', when: (f) => f.identified },
  { id: 'content_pages', stage: 'engagement', description: '3 or more content pages', when: (f) => f.contentPages >= 3 },
  { id: 'first_visit', stage: 'awareness', description: 'none of the above: a first visit with few pages', when: () => true },
];

export function deriveStage(facts: StageFacts): { stage: Stage; rule: string } {
  const rule = STAGE_RULES.find((r) => r.when(facts)) ?? STAGE_RULES[STAGE_RULES.length - 1]!;
  return { stage: rule.stage, rule: rule.id };
}
