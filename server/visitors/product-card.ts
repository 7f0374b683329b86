import type { ProductCard } from '../../shared/contract';

/** A product as stored (a cart line, a viewed product page, a message's card). */
interface StoredProduct {
  title: string;
  price: number;
  currency: string;
  url: string;
  image?: string | null;
}

export function toProductCard(stored: StoredProduct): ProductCard {
  return {
    title: stored.title,
    price: stored.price,
    currency: stored.currency,
    url: stored.url,
    ...(stored.image != null && { image: stored.image }),
  };
}
