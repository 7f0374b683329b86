import { describe, expect, it } from 'vitest';
import { deriveStage, STAGE_RULES, StageFacts, type Stage } from '../../shared/lifecycle';

const firstVisit: StageFacts = {
  sessions: 1,
  identified: false,
  contentPages: 1,
  evaluationPages: 1,
  kbSearches: 0,
  productQuestions: 0,
  cartItems: 0,
  checkoutStarted: false,
  orders: 0,
  advocacyActions: 0,
  atRisk: false,
};
const facts = (over: Partial<StageFacts>): StageFacts => ({ ...firstVisit, ...over });

/** One case per rule: facts where that rule is the first to hold. */
const ruleCases: [rule: string, stage: Stage, facts: StageFacts][] = [
  ['cart_non_empty', 'purchase', facts({ cartItems: 2, orders: 3, atRisk: true })],
  ['checkout_started', 'purchase', facts({ checkoutStarted: true })],
  ['at_risk', 'at_risk', facts({ orders: 4, advocacyActions: 2, atRisk: true })],
  ['customer_advocate', 'advocacy', facts({ orders: 1, advocacyActions: 1 })],
  ['repeat_customer', 'loyalty', facts({ orders: 2 })],
  ['customer', 'support', facts({ orders: 1 })],
  ['evaluation_pages', 'evaluation', facts({ evaluationPages: 2, sessions: 3 })],
  ['kb_search', 'evaluation', facts({ kbSearches: 1 })],
  ['product_question', 'evaluation', facts({ productQuestions: 1 })],
  ['returning', 'engagement', facts({ sessions: 2 })],
  ['identified', 'engagement', facts({ identified: true })],
  ['content_pages', 'engagement', facts({ contentPages: 3 })],
  ['first_visit', 'awareness', firstVisit],
];

describe('deriveStage', () => {
  it.each(ruleCases)('%s → %s', (rule, stage, input) => {
    expect(StageFacts.parse(input)).toEqual(input);
    expect(deriveStage(input)).toEqual({ stage, rule });
  });

  it('has a case for every rule, in the table order', () => {
    expect(ruleCases.map(([rule]) => rule)).toEqual(STAGE_RULES.map((r) => r.id));
    expect(new Set(STAGE_RULES.map((r) => r.id)).size).toBe(STAGE_RULES.length);
  });

  it.each([
    ['advocacy needs an order: a sharer without orders is not an advocate', facts({ advocacyActions: 3 }), 'awareness'],
    ['one product page is still awareness', facts({ evaluationPages: 1 }), 'awareness'],
    ['two content pages are not engagement yet', facts({ contentPages: 2 }), 'awareness'],
  ])('%s', (_name, input, stage) => {
    expect(deriveStage(input).stage).toBe(stage);
  });

  it('moves forward and back through a customer journey', () => {
    const journey: [StageFacts, Stage][] = [
      [firstVisit, 'awareness'],
      [facts({ sessions: 2 }), 'engagement'],
      [facts({ sessions: 2, evaluationPages: 5 }), 'evaluation'],
      [facts({ sessions: 2, evaluationPages: 5, cartItems: 1 }), 'purchase'],
      [facts({ sessions: 2, evaluationPages: 5, orders: 1 }), 'support'], // ordered: cart emptied
      [facts({ sessions: 5, evaluationPages: 9, orders: 2 }), 'loyalty'],
      [facts({ sessions: 5, evaluationPages: 9, orders: 2, atRisk: true }), 'at_risk'], // loyalty → at_risk
      [facts({ sessions: 6, evaluationPages: 9, orders: 2, atRisk: true, cartItems: 1 }), 'purchase'],
      [facts({ sessions: 6, evaluationPages: 9, orders: 3, atRisk: false }), 'loyalty'], // new order clears at_risk
      [facts({ sessions: 6, evaluationPages: 9, orders: 3, advocacyActions: 1 }), 'advocacy'],
    ];
    expect(journey.map(([input]) => deriveStage(input).stage)).toEqual(journey.map(([, stage]) => stage));
  });

  it('describes every rule for the README', () => {
    for (const rule of STAGE_RULES) expect(rule.description.length).toBeGreaterThan(5);
  });
});
