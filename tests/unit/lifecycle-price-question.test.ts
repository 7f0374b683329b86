import { describe, expect, it } from 'vitest';
import { detectPriceQuestion, foldText } from '../../shared/lifecycle';

type Case = [lang: string, text: string, expected: 'price' | 'shipping_cost' | null];

const cases: Case[] = [
  ['en', 'How much does this jacket cost?', 'price'],
  ['en', 'Do you have a discount code?', 'price'],
  ['en', 'Is there a COUPON for first orders?', 'price'],
  ['en', 'How much is shipping to Germany?', 'shipping_cost'],
  ['en', 'Is delivery free?', 'shipping_cost'],
  ['en', 'What are your shipping costs', 'shipping_cost'],
  ['en', 'Where is my order?', null],
  ['en', 'Can I change my delivery address?', null],
  ['en', 'Can I pay on delivery?', null],
  ['en', 'Our relationship with your shop is great', null],

  ['ru', 'Сколько стоит эта куртка?', 'price'],
  ['ru', 'Есть ли скидка для постоянных клиентов?', 'price'],
  ['ru', 'У вас есть ПРОМОКОД?', 'price'],
  ['ru', 'Сколько стоит доставка в Казань?', 'shipping_cost'],
  ['ru', 'Доставка бесплатная?', 'shipping_cost'],
  ['ru', 'Где мой заказ?', null],
  ['ru', 'Когда будет доставка?', null],
  ['ru', 'Сколько идёт доставка?', null],

  ['ro', 'Cât costă geaca asta?', 'price'],
  ['ro', 'Aveți un cod de reducere?', 'price'],
  ['ro', 'Care este prețul?', 'price'],
  ['ro', 'Cat costa livrarea?', 'shipping_cost'],
  ['ro', 'Transportul este gratuit?', 'shipping_cost'],
  ['ro', 'Unde este comanda mea?', null],
  ['ro', 'Când ajunge livrarea?', null],
  ['ro', 'Ce mărime îmi recomandați?', null],

  ['fa', 'قیمت این کاپشن چنده؟', 'price'],
  ['fa', 'تخفیف دارید؟', 'price'],
  ['fa', 'كد تخفيف دارید؟', 'price'],
  ['fa', 'هزینه‌ی ارسال چقدر است؟', 'shipping_cost'],
  ['fa', 'ارسال رایگان است؟', 'shipping_cost'],
  ['fa', 'سفارش من کجاست؟', null],
  ['fa', 'ارسال کی انجام میشه؟', null],
  ['fa', 'این کفش سایز بزرگ دارد؟', null],

  ['pl', 'Ile kosztuje ta kurtka?', 'price'],
  ['pl', 'Czy jest jakiś rabat?', 'price'],
  ['pl', 'Macie kod zniżkowy?', 'price'],
  ['pl', 'Ile kosztuje wysyłka?', 'shipping_cost'],
  ['pl', 'Czy dostawa jest darmowa?', 'shipping_cost'],
  ['pl', 'Gdzie jest moje zamówienie?', null],
  ['pl', 'Kiedy będzie dostawa?', null],
  ['pl', 'Ile trwa wysyłka?', null],

  ['cs', 'Kolik stojí tahle bunda?', 'price'],
  ['cs', 'Máte nějakou slevu?', 'price'],
  ['cs', 'Jaká je cena?', 'price'],
  ['cs', 'Kolik stojí doprava?', 'shipping_cost'],
  ['cs', 'Je doprava zdarma?', 'shipping_cost'],
  ['cs', 'Jaké je poštovné?', 'shipping_cost'],
  ['cs', 'Kde je moje objednávka?', null],
  ['cs', 'Kdy dorazí zásilka?', null],
  ['cs', 'Jakou velikost mám vybrat?', null],
];

describe('detectPriceQuestion', () => {
  it.each(cases)('%s: %s → %s', (_lang, text, expected) => {
    const hesitation = detectPriceQuestion(text);
    expect(hesitation?.concern ?? null).toBe(expected);
    if (hesitation) {
      expect(hesitation.kind).toBe('price_question');
      expect(hesitation.reason).toContain(text.trim());
    }
  });

  it('covers every language with positive and negative sentences', () => {
    for (const lang of ['en', 'ru', 'ro', 'fa', 'pl', 'cs']) {
      const outcomes = new Set(cases.filter(([l]) => l === lang).map(([, , expected]) => expected));
      expect(outcomes).toEqual(new Set(['price', 'shipping_cost', null]));
    }
  });

  it('quotes at most 80 characters of a long message', () => {
    const reason = detectPriceQuestion(`What is the price? ${'x'.repeat(200)}`)!.reason;
    expect(reason.length).toBeLessThan(120);
    expect(reason).toContain('…');
  });
});

describe('foldText', () => {
  it.each([
    ['Cât COSTĂ', 'cat costa'],
    ['Zniżka, cenę, ŁÓDŹ', 'znizka, cene, lodz'],
    ['Поштовне ёлка Йогурт', 'поштовне елка иогурт'],
    ['كد تخفيف', 'کد تخفیف'],
    ['هزینه\u200cی', 'هزینه ی'],
  ])('%s → %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});
