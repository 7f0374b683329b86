import { z } from 'zod';
import learned from './intent-model.json';

/** What a page is about, for stages and hesitation rules; 'shipping' covers shipping, delivery and returns pages. */
export const PageType = z.enum(['product', 'pricing', 'shipping', 'cart', 'checkout', 'content', 'account', 'other']);
export type PageType = z.infer<typeof PageType>;

const isRegExp = (pattern: string) => {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
};

/** A case-insensitive regular expression tested against the URL path (e.g. `/checkout/cart`); the first match wins. */
export const PageTypeRule = z.object({
  pattern: z.string().min(1).max(200).refine(isRegExp, 'not a valid regular expression'),
  pageType: PageType,
});
export type PageTypeRule = z.infer<typeof PageTypeRule>;

/** Order matters: `/checkout/cart` (Magento) is a cart page, so cart comes before checkout. */
export const DEFAULT_PAGE_TYPE_RULES: PageTypeRule[] = [
  { pattern: '/(cart|basket|bag)(/|$)', pageType: 'cart' },
  { pattern: '/checkout(/|$)', pageType: 'checkout' },
  { pattern: '/(shipping|delivery|returns?|refunds?)(/|$|[-_.])', pageType: 'shipping' },
  { pattern: '/(pricing|prices|plans)(/|$|[-_.])', pageType: 'pricing' },
  { pattern: '/(account|my-account|login|signin|sign-in|register|orders)(/|$)', pageType: 'account' },
  { pattern: '/(products?|collections|categor(y|ies)|shop)(/|$)', pageType: 'product' },
];

const seconds = (fallback: number) => z.number().int().min(5).max(3600).default(fallback);

/** Per-site lifecycle thresholds. The server stores a partial object per site and parses it with this schema. */
export const LifecycleSettings = z.object({
  /** On a checkout page without any activity for this long → `checkout_idle`. */
  checkoutIdleSeconds: seconds(90),
  /** Cart non-empty and no progress (cart change or checkout visit) for this long → `cart_dwell`. */
  cartDwellSeconds: seconds(240),
  /** This many shipping/returns/pricing page views within the window → `shipping_loop`. */
  shippingLoopViews: z.number().int().min(2).max(50).default(3),
  shippingLoopWindowSeconds: seconds(600),
  /** At most one proactive prompt per visitor per this many minutes. */
  promptCapMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** An offered escalation not accepted within this long is re-routed. */
  escalationSlaSeconds: seconds(30),
  /**
   * Hesitations escalate only when the intent score is at least this, except `checkout_idle` and
   * `exit_intent` with a non-empty cart, which always do. The default is the threshold that maximised
   * F1 on the training split of the UCI Online Shoppers data (`npm run eval:intent`).
   */
  intentThreshold: z.number().min(0).max(1).default(learned.threshold),
  /** Expected re-purchase interval for a customer with a single order. */
  repurchaseDefaultDays: z.number().int().min(1).max(3650).default(90),
  /** A customer is at risk once the time since the last order exceeds the expected interval × this. */
  repurchaseOverdueFactor: z.number().min(1).max(10).default(1.5),
  pageTypeRules: z
    .array(PageTypeRule)
    .max(100)
    .default(() => DEFAULT_PAGE_TYPE_RULES.map((rule) => ({ ...rule }))),
});
export type LifecycleSettings = z.infer<typeof LifecycleSettings>;

const compiled = new Map<string, RegExp>();
const regExpOf = (pattern: string) => {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'i');
    compiled.set(pattern, re);
  }
  return re;
};

const pathOf = (url: string) => {
  let path: string;
  try {
    path = new URL(url, 'http://host.invalid').pathname;
  } catch {
    path = url;
  }
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/** The page's `data-page-type` attribute wins when valid; then the first rule matching the URL path; else 'content'. */
export function pageTypeOf(url: string, rules: LifecycleSettings['pageTypeRules'], attribute?: string | null): PageType {
  const marked = PageType.safeParse(attribute?.trim().toLowerCase());
  if (marked.success) return marked.data;
  const path = pathOf(url);
  return rules.find((rule) => regExpOf(rule.pattern).test(path))?.pageType ?? 'content';
}
