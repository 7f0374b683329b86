import type { ProductCard, VisitorContext } from '../../shared/contract';
import type { LocaleCode } from '../../shared/i18n/locales';

/** A product an agent can send, and where the visitor met it. */
export interface OfferedProduct {
  card: ProductCard;
  from: 'cart' | 'viewed';
}

/** The visitor's cart lines, then the product pages they viewed (latest first) that are not in the cart. */
export function productsOf(context: VisitorContext | null): OfferedProduct[] {
  const inCart = (context?.cart.lines ?? []).map((card) => ({ card, from: 'cart' as const }));
  const urls = new Set(inCart.map(({ card }) => card.url));
  const viewed = (context?.viewedProducts ?? []).filter((card) => !urls.has(card.url)).map((card) => ({ card, from: 'viewed' as const }));
  return [...inCart, ...viewed];
}

/** "€89.90" in the console's language. */
export function formatPrice({ price, currency }: Pick<ProductCard, 'price' | 'currency'>, locale: LocaleCode): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(price);
}
