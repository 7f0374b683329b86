import { describe, expect, it } from 'vitest';
import {
  BrowsingState,
  checkTimer,
  detectExitIntent,
  detectOnPageView,
  dueHesitationTimers,
  LifecycleSettings,
  mayPrompt,
  shouldEscalate,
  type Hesitation,
  type PageType,
} from '../../shared/lifecycle';

const settings = LifecycleSettings.parse({});
const T = 1_700_000_000_000;
const s = (seconds: number) => T + seconds * 1000;

const idle: BrowsingState = {
  currentPageType: 'product',
  lastActivityAt: T,
  pageEnteredAt: T,
  cartItems: 0,
  cartValue: 0,
  cartCurrency: 'EUR',
  cartUpdatedAt: null,
  recentPages: [{ pageType: 'product', at: T }],
  orderedSince: null,
};
const state = (over: Partial<BrowsingState>): BrowsingState => BrowsingState.parse({ ...idle, ...over });
const onCheckout = state({
  currentPageType: 'checkout',
  cartItems: 2,
  cartValue: 84,
  cartUpdatedAt: s(-300),
  recentPages: [
    { pageType: 'cart', at: s(-60) },
    { pageType: 'checkout', at: T },
  ],
});
const withCart = state({ cartItems: 1, cartValue: 19.9, cartCurrency: 'USD', cartUpdatedAt: T });

describe('checkout_idle', () => {
  it('is scheduled checkoutIdleSeconds after the last activity on checkout', () => {
    expect(dueHesitationTimers(onCheckout, settings)).toEqual([{ kind: 'checkout_idle', at: s(90) }]);
  });

  it.each([
    ['before the threshold', onCheckout, s(89), null],
    ['at the threshold', onCheckout, s(90), 'Idle on checkout for 90 s with 2 items (€84.00)'],
    ['after the threshold', onCheckout, s(95), 'Idle on checkout for 95 s with 2 items (€84.00)'],
    ['after new activity (stale job)', { ...onCheckout, lastActivityAt: s(30) }, s(95), null],
    ['once the visitor left checkout', { ...onCheckout, currentPageType: 'product' as PageType }, s(95), null],
    ['after an order of this cart', { ...onCheckout, orderedSince: s(10) }, s(95), null],
    ['with an empty cart (shop does not report it)', { ...onCheckout, cartItems: 0 }, s(120), 'Idle on checkout for 120 s'],
  ])('%s', (_name, input, now, reason) => {
    const hesitation = checkTimer('checkout_idle', input, settings, now);
    expect(hesitation?.reason ?? null).toBe(reason);
    if (hesitation) expect(hesitation).toMatchObject({ kind: 'checkout_idle', concern: 'checkout' });
  });

  it('follows the site setting', () => {
    const fast = LifecycleSettings.parse({ checkoutIdleSeconds: 20 });
    expect(checkTimer('checkout_idle', onCheckout, fast, s(20))).not.toBeNull();
    expect(checkTimer('checkout_idle', onCheckout, settings, s(20))).toBeNull();
  });
});

describe('cart_dwell', () => {
  it('is scheduled cartDwellSeconds after the last progress', () => {
    expect(dueHesitationTimers(withCart, settings)).toEqual([{ kind: 'cart_dwell', at: s(240) }]);
    const visitedCheckout = state({
      ...withCart,
      recentPages: [
        { pageType: 'checkout', at: s(100) },
        { pageType: 'product', at: s(110) },
      ],
    });
    expect(dueHesitationTimers(visitedCheckout, settings)).toEqual([{ kind: 'cart_dwell', at: s(340) }]);
  });

  it.each([
    ['before the threshold', withCart, s(239), null],
    ['after the threshold', withCart, s(250), '1 item ($19.90) in the cart for 4 min without progress'],
    ['after the cart changed (stale job)', { ...withCart, cartUpdatedAt: s(100) }, s(250), null],
    ['with an empty cart', { ...withCart, cartItems: 0 }, s(900), null],
    ['after an order of this cart', { ...withCart, orderedSince: s(5) }, s(900), null],
    ['while on checkout (checkout_idle applies)', { ...withCart, currentPageType: 'checkout' as PageType }, s(900), null],
  ])('%s', (_name, input, now, reason) => {
    const hesitation = checkTimer('cart_dwell', input, settings, now);
    expect(hesitation?.reason ?? null).toBe(reason);
    if (hesitation) expect(hesitation).toMatchObject({ kind: 'cart_dwell', concern: 'general' });
  });

  it('applies again to items added after an order', () => {
    const again = state({ ...withCart, orderedSince: s(-600), cartUpdatedAt: T });
    expect(checkTimer('cart_dwell', again, settings, s(240))?.kind).toBe('cart_dwell');
  });

  it('schedules nothing without a cart off checkout', () => {
    expect(dueHesitationTimers(idle, settings)).toEqual([]);
  });
});

describe('shipping_loop', () => {
  const views = (...pages: [PageType, number][]) => state({ recentPages: pages.map(([pageType, sec]) => ({ pageType, at: s(sec) })) });

  it.each<[string, BrowsingState, number, Hesitation['concern'] | null]>([
    [
      '3 shipping/returns views within 10 min',
      views(['shipping', 0], ['product', 60], ['shipping', 120], ['shipping', 300]),
      s(300),
      'shipping_cost',
    ],
    ['mixed with pricing, mostly pricing', views(['pricing', 0], ['pricing', 100], ['shipping', 200]), s(200), 'price'],
    ['only 2 views', views(['shipping', 0], ['product', 60], ['shipping', 120]), s(120), null],
    ['the first view fell out of the window', views(['shipping', 0], ['shipping', 400], ['shipping', 601]), s(601), null],
    ['all 3 inside the window', views(['shipping', 1], ['shipping', 400], ['shipping', 601]), s(601), 'shipping_cost'],
    [
      'the current page is not a shipping page',
      views(['shipping', 0], ['shipping', 60], ['shipping', 120], ['product', 130]),
      s(130),
      null,
    ],
    [
      'views before an order of this session',
      { ...views(['shipping', 0], ['shipping', 60], ['shipping', 120]), orderedSince: s(90) },
      s(120),
      null,
    ],
  ])('%s', (_name, input, now, concern) => {
    const hesitation = detectOnPageView(input, settings, now);
    expect(hesitation?.concern ?? null).toBe(concern);
    if (hesitation) expect(hesitation.kind).toBe('shipping_loop');
  });

  it('names the count and the span', () => {
    const hesitation = detectOnPageView(views(['shipping', 0], ['shipping', 100], ['shipping', 200], ['shipping', 300]), settings, s(300));
    expect(hesitation?.reason).toBe('4 views of shipping/returns or pricing pages in 5 min');
  });
});

describe('exit_intent', () => {
  it.each([
    ['with items in the cart', withCart, 'general'],
    ['with items on checkout', onCheckout, 'checkout'],
    ['with an empty cart', idle, null],
    ['after the cart was bought', { ...withCart, orderedSince: s(10) }, null],
  ])('%s', (_name, input, concern) => {
    const hesitation = detectExitIntent(input);
    expect(hesitation?.concern ?? null).toBe(concern);
    if (hesitation) expect(hesitation.kind).toBe('exit_intent');
  });
});

describe('mayPrompt', () => {
  it.each([
    ['never prompted', null, false, T, true],
    ['prompted 29 min ago', s(-29 * 60), false, T, false],
    ['prompted 30 min ago', s(-30 * 60), false, T, true],
    ['never prompted, in an active chat', null, true, T, false],
    ['long ago, in an active chat', s(-99 * 60), true, T, false],
  ])('%s → %s', (_name, last, inChat, now, expected) => {
    expect(mayPrompt(last, inChat, settings, now)).toBe(expected);
  });

  it('follows the site cap', () => {
    expect(mayPrompt(s(-10 * 60), false, LifecycleSettings.parse({ promptCapMinutes: 5 }), T)).toBe(true);
  });
});

describe('shouldEscalate', () => {
  const of = (kind: Hesitation['kind']): Hesitation => ({ kind, concern: 'general', reason: '' });
  it.each([
    ['checkout_idle', 0, true],
    ['exit_intent', 0, true],
    ['cart_dwell', settings.intentThreshold - 0.01, false],
    ['cart_dwell', settings.intentThreshold, true],
    ['shipping_loop', 0.05, false],
    ['price_question', 0.99, true],
  ] as const)('%s at intent %d → %s', (kind, score, expected) => {
    expect(shouldEscalate(of(kind), score, settings)).toBe(expected);
  });
});
