import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAGE_TYPE_RULES,
  escalationPriority,
  isRepurchaseOverdue,
  LifecycleSettings,
  pageTypeOf,
  Stage,
} from '../../shared/lifecycle';
import learned from '../../shared/lifecycle/intent-model.json';

describe('LifecycleSettings', () => {
  it('fills every default from an empty object', () => {
    expect(LifecycleSettings.parse({})).toEqual({
      checkoutIdleSeconds: 90,
      cartDwellSeconds: 240,
      shippingLoopViews: 3,
      shippingLoopWindowSeconds: 600,
      promptCapMinutes: 30,
      escalationSlaSeconds: 30,
      intentThreshold: learned.threshold,
      repurchaseDefaultDays: 90,
      repurchaseOverdueFactor: 1.5,
      pageTypeRules: DEFAULT_PAGE_TYPE_RULES,
    });
  });

  it('keeps what a site stored and defaults the rest', () => {
    const parsed = LifecycleSettings.parse({ checkoutIdleSeconds: 45, pageTypeRules: [{ pattern: '^/kosik', pageType: 'cart' }] });
    expect(parsed.checkoutIdleSeconds).toBe(45);
    expect(parsed.cartDwellSeconds).toBe(240);
    expect(parsed.pageTypeRules).toEqual([{ pattern: '^/kosik', pageType: 'cart' }]);
  });

  it('hands out a fresh copy of the default rules', () => {
    const a = LifecycleSettings.parse({});
    a.pageTypeRules[0]!.pageType = 'other';
    expect(LifecycleSettings.parse({}).pageTypeRules[0]!.pageType).toBe('cart');
  });

  it.each([
    ['too short a timer', { checkoutIdleSeconds: 1 }],
    ['a fractional timer', { cartDwellSeconds: 10.5 }],
    ['a threshold above 1', { intentThreshold: 1.2 }],
    ['an overdue factor below 1', { repurchaseOverdueFactor: 0.5 }],
    ['an invalid regular expression', { pageTypeRules: [{ pattern: '(', pageType: 'cart' }] }],
    ['an unknown page type', { pageTypeRules: [{ pattern: '/x', pageType: 'basket' }] }],
    ['a 201-character pattern', { pageTypeRules: [{ pattern: 'x'.repeat(201), pageType: 'cart' }] }],
  ])('rejects %s', (_name, input) => {
    expect(LifecycleSettings.safeParse(input).success).toBe(false);
  });
});

describe('pageTypeOf', () => {
  const rules = DEFAULT_PAGE_TYPE_RULES;
  it.each([
    ['https://shop.example/cart', null, 'cart'],
    ['https://shop.example/checkout/cart/', null, 'cart'],
    ['https://shop.example/checkout?step=2', null, 'checkout'],
    ['https://shop.example/checkout/payment', null, 'checkout'],
    ['/shipping', null, 'shipping'],
    ['https://shop.example/en/returns-policy', null, 'shipping'],
    ['https://shop.example/delivery', null, 'shipping'],
    ['https://shop.example/pricing', null, 'pricing'],
    ['https://shop.example/products/red-shoe', null, 'product'],
    ['https://shop.example/product/123', null, 'product'],
    ['https://shop.example/collections/summer', null, 'product'],
    ['https://shop.example/account/orders', null, 'account'],
    ['https://shop.example/blog/how-to-choose', null, 'content'],
    ['https://shop.example/', null, 'content'],
    ['https://shop.example/cartography', null, 'content'],
    ['https://shop.example/blog/cart?x=/checkout', null, 'cart'],
    ['https://shop.example/CHECKOUT', null, 'checkout'],
    ['https://shop.example/blog/post', 'product', 'product'],
    ['https://shop.example/checkout', ' Pricing ', 'pricing'],
    ['https://shop.example/checkout', 'banana', 'checkout'],
    ['https://shop.example/checkout', '', 'checkout'],
    ['not a url %%', null, 'content'],
  ])('%s (attribute %j) → %s', (url, attribute, type) => {
    expect(pageTypeOf(url, rules, attribute)).toBe(type);
  });

  it('uses the first matching site rule', () => {
    const site = [
      { pattern: '^/kosik', pageType: 'cart' as const },
      { pattern: '^/k', pageType: 'account' as const },
    ];
    expect(pageTypeOf('https://e-shop.cz/kosik', site)).toBe('cart');
    expect(pageTypeOf('https://e-shop.cz/konto', site)).toBe('account');
    expect(pageTypeOf('https://e-shop.cz/cart', site)).toBe('content');
  });
});

describe('escalationPriority', () => {
  const others = Stage.options.filter((stage) => stage !== 'purchase');

  it('puts every purchase-stage value above every other stage, whatever the cart', () => {
    const lowestPurchase = Math.min(...[0, -5, Number.NaN, 0.01].map((value) => escalationPriority('purchase', value)));
    const highestOther = Math.max(...others.flatMap((stage) => [0, 1e6].map((value) => escalationPriority(stage, value))));
    expect(lowestPurchase).toBeGreaterThan(highestOther);
  });

  it('serves the larger cart first within purchase', () => {
    expect(escalationPriority('purchase', 250)).toBeGreaterThan(escalationPriority('purchase', 40));
  });

  it('orders the other stages by closeness to revenue', () => {
    const order = ['at_risk', 'evaluation', 'loyalty', 'support', 'advocacy', 'engagement', 'awareness'] as const;
    const values = order.map((stage) => escalationPriority(stage, 0));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(new Set(values).size).toBe(order.length);
    expect([...order].sort()).toEqual([...others].sort());
  });
});

describe('isRepurchaseOverdue', () => {
  const settings = LifecycleSettings.parse({});
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 5, 1);
  const ago = (days: number) => now - days * DAY;

  it.each([
    ['no orders', [], false],
    ['one order 134 days ago (default 90 × 1.5 = 135)', [ago(134)], false],
    ['one order 136 days ago', [ago(136)], true],
    ['monthly buyer, last order 44 days ago (30 × 1.5 = 45)', [ago(104), ago(74), ago(44)], false],
    ['monthly buyer, last order 46 days ago', [ago(106), ago(76), ago(46)], true],
    ['median, not mean, of gaps: 10, 10, 200 → 10', [ago(236), ago(36), ago(26), ago(16)], true],
    ['unsorted input', [ago(46), ago(106), ago(76)], true],
    ['two orders on one day count as one occasion', [ago(100), ago(100) + 60_000], false],
    ['even number of gaps: median of 20 and 40 is 30', [ago(104), ago(84), ago(44)], false],
  ])('%s → %s', (_name, orders, overdue) => {
    expect(isRepurchaseOverdue(orders, now, settings)).toBe(overdue);
  });

  it('follows the site factor and default interval', () => {
    expect(isRepurchaseOverdue([ago(100)], now, LifecycleSettings.parse({ repurchaseDefaultDays: 60 }))).toBe(true);
    expect(isRepurchaseOverdue([ago(46)], now, LifecycleSettings.parse({ repurchaseDefaultDays: 30, repurchaseOverdueFactor: 2 }))).toBe(
      false,
    );
  });
});
