import type { ProductCard } from '../../shared/contract';
import { useCardsText } from './cards-text';
import { formatPrice } from './products';

/** A product card as the visitor gets it: image, title linking to the product, price. */
export function ProductCardView({ card }: { card: ProductCard }) {
  const { locale } = useCardsText();
  return (
    <div class="product-card">
      {card.image && <img class="product-card__image" src={card.image} alt="" loading="lazy" />}
      <span class="product-card__body">
        <a class="product-card__title" href={card.url} target="_blank" rel="noopener noreferrer">
          {card.title}
        </a>
        <span class="product-card__price">{formatPrice(card, locale)}</span>
      </span>
    </div>
  );
}

/** The quick replies offered under a message, as the visitor sees them (not buttons here: only the visitor taps them). */
export function QuickRepliesView({ replies }: { replies: readonly string[] }) {
  const { t } = useCardsText();
  return (
    <ul class="quick-replies" aria-label={t('offered')}>
      {replies.map((reply) => (
        <li key={reply} class="quick-replies__item">
          {reply}
        </li>
      ))}
    </ul>
  );
}
