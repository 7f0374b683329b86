// Pure: how tracked events change a visitor's browsing record, and what the lifecycle model reads
// from it. No I/O here; `lifecycle-service.ts` loads, applies and saves.
import {
  pageTypeOf,
  type BrowsingState,
  type IntentSignals,
  type LifecycleSettings,
  type PageType,
  type StageFacts,
} from '../../shared/lifecycle';
import type { TrackedEvent } from '../../shared/contract';
import type { Visitor } from '../data';

/** Google Analytics' convention: 30 minutes without activity ends a session. */
export const SESSION_GAP_MS = 30 * 60_000;
const MAX_SESSION_PAGES = 50;
const MAX_VIEWED_PRODUCTS = 20;

const EVALUATION_PAGES: readonly PageType[] = ['product', 'pricing', 'shipping'];
/** Which UCI-style page family each page kind counts towards (cart and checkout are product-related). */
const FAMILY: Record<PageType, 'product' | 'info' | 'account' | null> = {
  product: 'product',
  cart: 'product',
  checkout: 'product',
  pricing: 'info',
  shipping: 'info',
  content: 'info',
  account: 'account',
  other: null,
};

/** The per-page Google-Analytics-style rates a session's pages have on this site (see page-metrics.ts). */
export interface PageRates {
  bounceRate: number;
  exitRate: number;
  pageValue: number;
}

/** The session that a new event ended, so its exit and bounce can be counted for its last page. */
export interface EndedSession {
  lastPath: string;
  pageCount: number;
}

export interface AppliedEvent {
  visitor: Visitor;
  endedSession: EndedSession | null;
  /** Set for a page view: the path, whether it started the session (an entrance), and whether it is new to the session. */
  pageView: { path: string; entrance: boolean; unique: boolean } | null;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * Applies one tracked event to a copy of the visitor. A gap of 30 minutes starts a new session;
 * `custom` events only count as activity.
 */
export function applyTrackedEvent(current: Visitor, event: TrackedEvent, settings: LifecycleSettings, now: Date): AppliedEvent {
  // Nested records are replaced, never mutated, below: copying this level keeps `current` intact
  // (structuredClone would strip ObjectIds of their class).
  const visitor: Visitor = { ...current, session: { ...current.session }, cart: { ...current.cart } };
  let endedSession: EndedSession | null = null;
  const last = visitor.session.pages.at(-1);
  if (now.getTime() - visitor.session.lastActivityAt.getTime() > SESSION_GAP_MS) {
    if (last?.path) endedSession = { lastPath: last.path, pageCount: visitor.session.pages.length };
    visitor.sessions += 1;
    visitor.session = {
      startedAt: now,
      lastActivityAt: now,
      currentPageType: null,
      pageEnteredAt: null,
      pages: [],
      seconds: {},
      orderedAt: null,
    };
  }
  const session = visitor.session;
  session.lastActivityAt = now;
  visitor.lastSeenAt = now;
  let pageView: AppliedEvent['pageView'] = null;

  switch (event.type) {
    case 'page_view': {
      const pageType = pageTypeOf(event.url, settings.pageTypeRules, event.pageType);
      const path = pathOf(event.url);
      pageView = { path, entrance: session.pages.length === 0, unique: !session.pages.some((p) => p.path === path) };
      session.pages = [...session.pages, { url: event.url, path, title: event.title, pageType, at: now }].slice(-MAX_SESSION_PAGES);
      session.currentPageType = pageType;
      session.pageEnteredAt = now;
      visitor.pageCounts = { ...visitor.pageCounts, [pageType]: (visitor.pageCounts[pageType] ?? 0) + 1 };
      break;
    }
    case 'page_time': {
      const pageType = session.currentPageType;
      if (pageType) session.seconds = { ...session.seconds, [pageType]: (session.seconds[pageType] ?? 0) + event.activeSeconds };
      // Idle time is not activity: the visitor was last active idleSeconds ago.
      session.lastActivityAt = new Date(now.getTime() - event.idleSeconds * 1000);
      break;
    }
    case 'cart': {
      // Re-reporting the same cart on every page is not progress: the dwell clock keeps running.
      const changed = event.items !== visitor.cart.items || event.value !== visitor.cart.value;
      visitor.cart = {
        items: event.items,
        value: event.value,
        currency: event.currency,
        updatedAt: changed ? now : visitor.cart.updatedAt,
        lines: event.lines ?? [],
      };
      break;
    }
    case 'product': {
      const { type: _, ...product } = event;
      const others = (visitor.viewedProducts ?? []).filter((seen) => seen.url !== product.url);
      visitor.viewedProducts = [product, ...others].slice(0, MAX_VIEWED_PRODUCTS);
      break;
    }
    case 'activity':
    case 'exit_intent':
    case 'custom':
      break;
  }
  return { visitor, endedSession, pageView };
}

export function browsingState(visitor: Visitor): BrowsingState {
  const { session, cart } = visitor;
  return {
    currentPageType: (session.currentPageType as PageType | null) ?? null,
    lastActivityAt: session.lastActivityAt.getTime(),
    pageEnteredAt: session.pageEnteredAt?.getTime() ?? null,
    cartItems: cart.items ?? 0,
    cartValue: cart.value ?? 0,
    cartCurrency: cart.currency ?? 'EUR',
    cartUpdatedAt: cart.updatedAt?.getTime() ?? null,
    recentPages: session.pages.map((p) => ({ pageType: p.pageType as PageType, at: (p.at ?? session.startedAt).getTime() })),
    orderedSince: session.orderedAt?.getTime() ?? null,
  };
}

export function stageFacts(visitor: Visitor): StageFacts {
  const counts = visitor.pageCounts;
  return {
    sessions: visitor.sessions,
    identified: visitor.identified,
    contentPages: counts.content ?? 0,
    evaluationPages: EVALUATION_PAGES.reduce((sum, type) => sum + (counts[type] ?? 0), 0),
    kbSearches: visitor.kbSearches,
    productQuestions: visitor.productQuestions,
    cartItems: visitor.cart.items ?? 0,
    checkoutStarted: visitor.session.pages.some((p) => p.pageType === 'checkout') && !visitor.session.orderedAt,
    orders: visitor.orders.length,
    advocacyActions: visitor.advocacyActions,
    atRisk: visitor.atRiskReason !== null,
  };
}

/** The session's signals for the intent score; `rates` are the mean page rates of the session's pages. */
export function intentSignals(visitor: Visitor, rates: PageRates, now: Date): IntentSignals {
  const { session } = visitor;
  const pages = { product: 0, info: 0, account: 0 };
  const seconds = { product: 0, info: 0, account: 0 };
  for (const page of session.pages) {
    const family = FAMILY[page.pageType as PageType];
    if (family) pages[family] += 1;
  }
  for (const [type, value] of Object.entries(session.seconds)) {
    const family = FAMILY[type as PageType];
    if (family && value) seconds[family] += value;
  }
  const day = now.getDay();
  return {
    productPages: pages.product,
    productSeconds: seconds.product,
    infoPages: pages.info,
    infoSeconds: seconds.info,
    accountPages: pages.account,
    accountSeconds: seconds.account,
    bounceRate: rates.bounceRate,
    exitRate: rates.exitRate,
    pageValue: rates.pageValue,
    returning: visitor.sessions > 1,
    month: now.getMonth() + 1,
    weekend: day === 0 || day === 6,
    cartItems: visitor.cart.items ?? 0,
    checkoutStarted: visitor.session.pages.some((p) => p.pageType === 'checkout'),
  };
}

/** Distinct paths viewed in the session, for page metrics (unique views and revenue attribution). */
export function sessionPaths(visitor: Visitor): string[] {
  return [...new Set(visitor.session.pages.map((p) => p.path).filter((p): p is string => Boolean(p)))];
}
