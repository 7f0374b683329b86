import { describe, expect, it } from 'vitest';
import type { KbLocaleCode } from '../../shared/kb/locales';
import {
  checkTimer,
  detectExitIntent,
  detectOnPageView,
  detectPriceQuestion,
  type BrowsingState,
  type Concern,
  type Hesitation,
  type HesitationKind,
  LifecycleSettings,
} from '../../shared/lifecycle';
import { publishedFrom } from '../../server/kb/article-store';
import { CONCERN_QUERIES } from '../../server/kb/article-lookup';
import { ARTICLES_CS } from '../../server/kb/demo/articles-cs';
import { ARTICLES_EN } from '../../server/kb/demo/articles-en';
import { ARTICLES_FA } from '../../server/kb/demo/articles-fa';
import { ARTICLES_RU } from '../../server/kb/demo/articles-ru';
import type { DemoArticle } from '../../server/kb/demo/demo-article';
import { ArticleIndex } from '../../server/kb/search/article-index';
import { indexedArticleOf } from '../../server/kb/search/indexed-article';

// The proactive prompt's article for each hesitation kind, as the lifecycle rules name its concern
// and the knowledge base answers it, on the demo shop's help centre.
function indexOf(locale: KbLocaleCode, articles: DemoArticle[]): ArticleIndex {
  const index = new ArticleIndex(locale);
  for (const a of articles) {
    index.apply({ id: a.key, version: 1, article: indexedArticleOf(a.key, publishedFrom({ ...a, tags: a.tags }, 1, new Date(0))) });
  }
  return index;
}

function articleFor(index: ArticleIndex, concern: Concern): string | null {
  if (concern === 'general') return null;
  return index.search(CONCERN_QUERIES[concern][index.locale], 1)[0]?.id ?? null;
}

const now = 10_000_000;
const state = (over: Partial<BrowsingState>): BrowsingState => ({
  currentPageType: 'checkout',
  lastActivityAt: now - 3_600_000,
  pageEnteredAt: now - 3_600_000,
  cartItems: 2,
  cartValue: 120,
  cartCurrency: 'USD',
  cartUpdatedAt: now - 3_600_000,
  recentPages: [],
  orderedSince: null,
  ...over,
});
const settings = LifecycleSettings.parse({});

const hesitations: Record<HesitationKind, Hesitation | null> = {
  checkout_idle: checkTimer('checkout_idle', state({}), settings, now),
  cart_dwell: checkTimer('cart_dwell', state({ currentPageType: 'product' }), settings, now),
  shipping_loop: detectOnPageView(
    state({
      currentPageType: 'shipping',
      recentPages: [0, 1, 2, 3, 4].map((i) => ({ pageType: 'shipping' as const, at: now - 60_000 + i * 1000 })),
    }),
    settings,
    now,
  ),
  exit_intent: detectExitIntent(state({})),
  price_question: detectPriceQuestion('Is there a discount on these shoes?'),
};

describe("the proactive prompt's article", () => {
  const en = indexOf('en', ARTICLES_EN);

  it('covers every hesitation kind', () => {
    for (const hesitation of Object.values(hesitations)) expect(hesitation).not.toBeNull();
  });

  it.each([
    ['checkout_idle', 'payment-methods'],
    ['exit_intent', 'payment-methods'],
    ['shipping_loop', 'shipping-times'],
    ['cart_dwell', null],
  ] as const)('%s → %s', (kind, expected) => {
    expect(articleFor(en, hesitations[kind]!.concern)).toBe(expected);
  });

  it('a price question gets no article about failed payments or shipping times', () => {
    expect(articleFor(en, hesitations.price_question!.concern)).not.toBe('payment-declined');
  });

  it.each([
    ['cs', ARTICLES_CS],
    ['ru', ARTICLES_RU],
    ['fa', ARTICLES_FA],
  ] as const)('%s: a buyer idle on checkout is offered the ways to pay, not why a payment fails', (locale, articles) => {
    expect(articleFor(indexOf(locale, articles), 'checkout')).toBe('payment-methods');
  });
});
