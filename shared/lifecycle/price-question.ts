// Recognises questions about price, discounts and shipping cost in en, ru, ro, fa, pl, cs.

/**
 * Case and diacritics folded (NFKD without marks, ł → l), Arabic letter variants mapped to Persian
 * ones, zero-width non-joiners as spaces: "Cât costă" → "cat costa", "ceną" → "cena", "ي" → "ی".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/\u200c/g, ' ');
}

/**
 * Terms are written naturally and folded like the text; `*` stands for any further letters (word
 * endings), a space for any whitespace. Each term matches whole words only.
 */
const TERMS = {
  /** Words for shipping / delivery, a shipping-cost question only together with a cost word. */
  shipping: [
    'ship',
    'ships',
    'shipping',
    'shipment*',
    'deliver',
    'delivery',
    'deliveries',
    'freight',
    'courier',
    'доставк*',
    'пересылк*',
    'отправк*',
    'курьер*',
    'livrar*',
    'livrea*',
    'transport*',
    'expedier*',
    'curier*',
    'ارسال*',
    'حمل',
    'پست*',
    'پیک',
    'تحویل*',
    'wysyłk*',
    'dostaw*',
    'przesyłk*',
    'kurier*',
    'doprav*',
    'doručen*',
    'dodání',
    'dodávk*',
    'zásilk*',
    'kurýr*',
  ],
  /** Cost words that make a shipping word a shipping-cost question (some are not price questions alone). */
  cost: [
    'cost*',
    'fee',
    'fees',
    'charge*',
    'how much',
    'free',
    'price*',
    'rate',
    'rates',
    'expensive',
    'cheap*',
    'стоит',
    'стоят',
    'стоить',
    'стоимост*',
    'цен*',
    'платн*',
    'бесплатн*',
    'тариф*',
    'cost*',
    'preț*',
    'tax*',
    'gratuit*',
    'gratis',
    'هزینه*',
    'قیمت*',
    'کرایه*',
    'رایگان',
    'مجانی',
    'koszt*',
    'cen*',
    'opłat*',
    'darmow*',
    'bezpłatn*',
    'gratis',
    'cen*',
    'stojí',
    'stát',
    'náklad*',
    'poplat*',
    'zdarma',
    'zaplat*',
  ],
  /** Shipping-cost words on their own. */
  shippingCost: ['postage', 'poštovné*', 'dopravné*', 'کرایه*'],
  /** Price, discount and coupon questions. */
  price: [
    'price',
    'prices',
    'priced',
    'pricing',
    'cost',
    'costs',
    'how much (is|are|for)',
    'discount*',
    'coupon*',
    'voucher*',
    'promo',
    'promo code*',
    'promotion code*',
    'promotional code*',
    'cheaper',
    'cheapest',
    'expensive',
    'on sale',
    'price match*',
    'цена',
    'цены',
    'цену',
    'цене',
    'ценой',
    'ценам',
    'ценами',
    'ценах',
    'ценник*',
    'стоит',
    'стоят',
    'стоимост*',
    'скидк*',
    'скидочн*',
    'купон*',
    'промокод*',
    'промо-код*',
    'дешевл*',
    'дешев*',
    'распродаж*',
    'preț',
    'prețul',
    'prețuri*',
    'prețului',
    'cât costă',
    'costă',
    'costul',
    'costuri*',
    'reducer*',
    'cupon*',
    'voucher*',
    'cod promoțional',
    'promoți*',
    'discount*',
    'ieftin*',
    'scump*',
    'قیمت*',
    'هزینه*',
    'تخفیف*',
    'کوپن*',
    'ارزان*',
    'گران*',
    'چنده',
    'cena',
    'ceny',
    'cenę',
    'cenie',
    'ceną',
    'cen',
    'cenach',
    'cenami',
    'cenowy*',
    'kosztuj*',
    'koszt',
    'koszty',
    'kosztów',
    'rabat*',
    'zniżk*',
    'kupon*',
    'promocj*',
    'przecen*',
    'taniej',
    'tańsz*',
    'droższ*',
    'cenu',
    'cenou',
    'kolik stojí',
    'kolik to stojí',
    'kolik bude stát',
    'slev*',
    'zlevn*',
    'levn*',
    'dražš*',
  ],
} as const;

function compile(terms: readonly string[]): RegExp {
  const alternatives = [...new Set(terms.map((term) => foldText(term).replace(/\*/g, '\\p{L}*').replace(/ /g, '\\s+')))];
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

const MATCHERS = {
  shipping: compile(TERMS.shipping),
  cost: compile(TERMS.cost),
  shippingCost: compile(TERMS.shippingCost),
  price: compile(TERMS.price),
};

/** 'shipping_cost' when the text asks what shipping costs, 'price' for price and discount questions, else null. */
export function priceQuestionConcern(text: string): 'shipping_cost' | 'price' | null {
  const folded = foldText(text);
  if (MATCHERS.shippingCost.test(folded) || (MATCHERS.shipping.test(folded) && MATCHERS.cost.test(folded))) return 'shipping_cost';
  return MATCHERS.price.test(folded) ? 'price' : null;
}
