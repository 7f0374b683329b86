import { z } from 'zod';
import { priceQuestionConcern } from './price-question';
import { PageType, type LifecycleSettings } from './settings';

export const HesitationKind = z.enum(['checkout_idle', 'cart_dwell', 'shipping_loop', 'exit_intent', 'price_question']);
export type HesitationKind = z.infer<typeof HesitationKind>;

/** What the proactive message names. */
export const Concern = z.enum(['shipping_cost', 'price', 'returns', 'payment', 'checkout', 'general']);
export type Concern = z.infer<typeof Concern>;

export const Hesitation = z.object({
  kind: HesitationKind,
  concern: Concern,
  /** English, for agents, e.g. "Idle on checkout for 95 s with 2 items (€84.00)". */
  reason: z.string(),
});
export type Hesitation = z.infer<typeof Hesitation>;

const epochMs = z.number();

/** What the server keeps about the visitor's current session. Times are epoch ms. */
export const BrowsingState = z.object({
  currentPageType: PageType.nullable(),
  lastActivityAt: epochMs,
  pageEnteredAt: epochMs.nullable(),
  cartItems: z.number().int().min(0),
  /** In major units: 84.5 = €84.50. */
  cartValue: z.number().min(0),
  cartCurrency: z.string(),
  cartUpdatedAt: epochMs.nullable(),
  /** This session's page views, newest last. */
  recentPages: z.array(z.object({ pageType: PageType, at: epochMs })),
  /** When the last order of this session was placed, if any. */
  orderedSince: epochMs.nullable(),
});
export type BrowsingState = z.infer<typeof BrowsingState>;

export type TimerKind = 'checkout_idle' | 'cart_dwell';

/** An order placed after the last cart change means this cart was bought: nothing left to hesitate over. */
const cartBought = (s: BrowsingState) => s.orderedSince !== null && (s.cartUpdatedAt === null || s.cartUpdatedAt <= s.orderedSince);

/** The last cart change or checkout visit, whichever is later. */
function lastProgressAt(s: BrowsingState): number {
  const checkoutVisits = s.recentPages.filter((p) => p.pageType === 'checkout').map((p) => p.at);
  return Math.max(s.cartUpdatedAt ?? s.lastActivityAt, ...checkoutVisits);
}

function money(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

const cartText = (s: BrowsingState) => `${s.cartItems} item${s.cartItems === 1 ? '' : 's'} (${money(s.cartValue, s.cartCurrency)})`;
const durationText = (ms: number) => (ms < 180_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/**
 * The hesitation timers the server must (re)schedule now as delayed jobs, replacing earlier ones of
 * the same kind: `checkout_idle` while on a checkout page (idle = no activity since `lastActivityAt`),
 * `cart_dwell` while the cart holds items and the visitor is elsewhere. None once the cart was bought.
 */
export function dueHesitationTimers(state: BrowsingState, settings: LifecycleSettings): { kind: TimerKind; at: number }[] {
  if (cartBought(state)) return [];
  if (state.currentPageType === 'checkout')
    return [{ kind: 'checkout_idle', at: state.lastActivityAt + settings.checkoutIdleSeconds * 1000 }];
  if (state.cartItems > 0) return [{ kind: 'cart_dwell', at: lastProgressAt(state) + settings.cartDwellSeconds * 1000 }];
  return [];
}

/** When a timer job fires: does its condition still hold (the visitor may have moved on or been active since)? */
export function checkTimer(kind: TimerKind, state: BrowsingState, settings: LifecycleSettings, now: number): Hesitation | null {
  const timer = dueHesitationTimers(state, settings).find((t) => t.kind === kind);
  if (!timer || now < timer.at) return null;
  if (kind === 'checkout_idle') {
    const idle = durationText(now - state.lastActivityAt);
    return {
      kind,
      concern: 'checkout',
      reason: state.cartItems > 0 ? `Idle on checkout for ${idle} with ${cartText(state)}` : `Idle on checkout for ${idle}`,
    };
  }
  return {
    kind,
    concern: 'general',
    reason: `${cartText(state)} in the cart for ${durationText(now - lastProgressAt(state))} without progress`,
  };
}

const LOOP_PAGES: readonly PageType[] = ['shipping', 'pricing'];

/**
 * On each page view: `shipping_loop` when the page just viewed is a shipping/returns or pricing page
 * and such pages were viewed at least `shippingLoopViews` times within the window (views before an
 * order of this session do not count).
 */
export function detectOnPageView(state: BrowsingState, settings: LifecycleSettings, now: number): Hesitation | null {
  const current = state.recentPages[state.recentPages.length - 1];
  if (!current || !LOOP_PAGES.includes(current.pageType)) return null;
  const since = Math.max(now - settings.shippingLoopWindowSeconds * 1000, state.orderedSince === null ? -Infinity : state.orderedSince + 1);
  const views = state.recentPages.filter((p) => LOOP_PAGES.includes(p.pageType) && p.at >= since && p.at <= now);
  if (views.length < settings.shippingLoopViews) return null;
  const shipping = views.filter((p) => p.pageType === 'shipping').length;
  return {
    kind: 'shipping_loop',
    concern: shipping * 2 >= views.length ? 'shipping_cost' : 'price',
    reason: `${views.length} views of shipping/returns or pricing pages in ${durationText(now - views[0]!.at)}`,
  };
}

/** The pointer left towards the top of the page: only a hesitation with items in the cart that were not bought. */
export function detectExitIntent(state: BrowsingState): Hesitation | null {
  if (state.cartItems === 0 || cartBought(state)) return null;
  return {
    kind: 'exit_intent',
    concern: state.currentPageType === 'checkout' ? 'checkout' : 'general',
    reason: `About to leave ${state.currentPageType === 'checkout' ? 'checkout' : 'the page'} with ${cartText(state)} in the cart`,
  };
}

/** A chat message asking about price, discounts or shipping cost (en, ru, ro, fa, pl, cs). */
export function detectPriceQuestion(text: string): Hesitation | null {
  const concern = priceQuestionConcern(text);
  if (!concern) return null;
  const quoted = text.trim().replace(/\s+/g, ' ');
  const excerpt = quoted.length > 80 ? `${quoted.slice(0, 79)}…` : quoted;
  return {
    kind: 'price_question',
    concern,
    reason: `Asked about ${concern === 'shipping_cost' ? 'shipping cost' : 'price'}: “${excerpt}”`,
  };
}

/** Frequency cap: at most one proactive prompt per `promptCapMinutes`, never during an active chat. */
export function mayPrompt(lastPromptedAt: number | null, inActiveChat: boolean, settings: LifecycleSettings, now: number): boolean {
  if (inActiveChat) return false;
  return lastPromptedAt === null || now - lastPromptedAt >= settings.promptCapMinutes * 60_000;
}

/**
 * Whether a hesitation escalates: when the intent score reaches the site's threshold — always for
 * `exit_intent` (it requires a non-empty cart) and `checkout_idle` (being on checkout is a purchase
 * in progress, even on shops that do not report their cart).
 */
export function shouldEscalate(hesitation: Hesitation, intentScore: number, settings: LifecycleSettings): boolean {
  if (hesitation.kind === 'exit_intent' || hesitation.kind === 'checkout_idle') return true;
  return intentScore >= settings.intentThreshold;
}
