import { describe, expect, it } from 'vitest';
import { describeSignal, type IntentSignal } from '../../shared/lifecycle';

const RAISES = 0.8;
const LOWERS = -0.8;

describe('intent reasons in plain words', () => {
  const cases: [IntentSignal, number, number, string][] = [
    ['productPages', 1, RAISES, 'looked at 1 product page'],
    ['productPages', 14, RAISES, 'looked at 14 product pages'],
    ['productSeconds', 620, RAISES, 'spent 10 min on product pages'],
    ['infoPages', 2, RAISES, 'read 2 pages about shipping, returns, prices or the shop'],
    ['infoSeconds', 2, LOWERS, 'spent 2 s reading about shipping, returns, prices or the shop'],
    ['accountPages', 1, RAISES, 'opened 1 account page (sign-in, orders, profile)'],
    ['accountSeconds', 45, RAISES, 'spent 45 s on account pages'],
    ['bounceRate', 0.3, LOWERS, 'came in on pages that visitors often leave straight away (30.0 % do)'],
    ['exitRate', 0, RAISES, 'browsed pages that visitors rarely leave the shop from (0.0 % of views end there)'],
    ['exitRate', 0.12, LOWERS, 'browsed pages that visitors sometimes leave the shop from (12.0 % of views end there)'],
    ['pageValue', 12, RAISES, 'viewed pages that often come before an order (12.00 in later sales per view)'],
    ['pageValue', 0, LOWERS, 'viewed only pages that have not come before an order yet'],
    ['returning', 1, RAISES, 'came back for another visit'],
    ['returning', 0, LOWERS, 'first visit to the shop'],
    ['month', 12, RAISES, 'visiting in December (a month when visitors buy more)'],
    ['month', 2, LOWERS, 'visiting in February (a quieter month for sales)'],
    ['weekend', 1, LOWERS, 'visiting on a weekend (visitors buy less then)'],
    ['weekend', 0, RAISES, 'visiting on a weekday (visitors buy more then)'],
    ['cartItems', 3, RAISES, 'has 3 items in the cart'],
    ['cartItems', 0, LOWERS, 'has nothing in the cart'],
    ['checkoutStarted', 1, RAISES, 'started checking out'],
    ['checkoutStarted', 0, LOWERS, 'has not started checking out'],
  ];

  it.each(cases)('%s = %s', (signal, value, contribution, text) => {
    expect(describeSignal(signal, value, contribution)).toBe(text);
  });

  it('uses no model terms', () => {
    for (const [signal, value, contribution] of cases) {
      expect(describeSignal(signal, value, contribution)).not.toMatch(/mean|rate|value of|log-odds|visit in /i);
    }
  });
});
