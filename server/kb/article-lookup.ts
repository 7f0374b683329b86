import { Types } from 'mongoose';
import type { Concern } from '../../shared/lifecycle';
import { kbLocaleOf, type KbLocaleCode } from '../../shared/kb/locales';
import type { ArticleLookup } from '../escalation/escalations';
import type { KnowledgeBase } from './knowledge-base';

/**
 * What to search for a hesitating buyer's concern, in each KB language; `general` has no one answer.
 * A buyer idle on checkout has not necessarily tried to pay: the prompt offers the ways to pay, not
 * why a payment fails.
 */
export const CONCERN_QUERIES: Record<Exclude<Concern, 'general'>, Record<KbLocaleCode, string>> = {
  shipping_cost: {
    en: 'shipping cost delivery',
    cs: 'cena dopravy doručení',
    pl: 'koszt dostawy wysyłka',
    ru: 'стоимость доставки',
    ro: 'cost livrare transport',
    fa: 'هزینه ارسال',
  },
  price: { en: 'price discount', cs: 'cena sleva', pl: 'cena rabat', ru: 'цена скидка', ro: 'preț reducere', fa: 'قیمت تخفیف' },
  returns: {
    en: 'return exchange refund',
    cs: 'vrácení výměna',
    pl: 'zwrot wymiana',
    ru: 'возврат обмен',
    ro: 'retur schimb',
    fa: 'مرجوعی تعویض',
  },
  payment: {
    en: 'payment methods',
    cs: 'způsoby platby',
    pl: 'metody płatności',
    ru: 'способы оплаты',
    ro: 'metode de plată',
    fa: 'روش پرداخت',
  },
  checkout: {
    en: 'which payment methods do you accept',
    cs: 'jaké způsoby platby přijímáte',
    pl: 'jakie metody płatności akceptujecie',
    ru: 'какие способы оплаты вы принимаете',
    ro: 'ce metode de plată acceptați',
    fa: 'چه روش‌های پرداختی را می‌پذیرید',
  },
};

/**
 * The knowledge base as the escalation domain sees it: the article answering a hesitation's concern
 * (found by the same search as everything else, in the visitor's language), and the article a
 * visitor read before asking for a person (recorded: it was not a deflection).
 */
export function kbArticleLookup(kb: KnowledgeBase): ArticleLookup {
  return {
    async answerFor(siteId, locale, concern) {
      if (concern === 'general') return null;
      const site = new Types.ObjectId(siteId);
      const language = kbLocaleOf(locale) ?? (await kb.defaultLocale(site));
      const [hit] = (await kb.search(site, CONCERN_QUERIES[concern][language], language, 1)).results;
      return hit ? { id: hit.id, title: hit.title, excerpt: hit.excerpt } : null;
    },
    async readBeforeAsking(siteId, visitorId, articleId) {
      const who = { siteId: new Types.ObjectId(siteId), visitorId: new Types.ObjectId(visitorId) };
      try {
        const article = await kb.publishedArticle(who.siteId, articleId);
        await kb.signals.recordEscalation(who, article._id);
        return article.published.title;
      } catch {
        return null;
      }
    },
  };
}
