import { useId, useRef, useState } from 'preact/hooks';
import type { ProductCard } from '../../shared/contract';
import { useCardsText } from './cards-text';
import { formatPrice, type OfferedProduct } from './products';

interface ProductPickerProps {
  products: readonly OfferedProduct[];
  disabled: boolean;
  /** Sends the product to the visitor as a card. */
  onPick: (card: ProductCard) => void;
}

/** "Send product": the visitor's cart lines and viewed product pages, one click sends one as a card. */
export function ProductPicker({ products, disabled, onPick }: ProductPickerProps) {
  const { t, locale } = useCardsText();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const id = useId();
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div class="product-picker">
      <button
        ref={toggle}
        type="button"
        class="button button--ghost composer-tool"
        aria-label={t('sendProduct')}
        title={t('sendProduct')}
        aria-expanded={open}
        aria-controls={id}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        <svg class="composer-tool__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            d="M6 8h12l-1 12H7L6 8Zm3 0V6.5a3 3 0 0 1 6 0V8"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linejoin="round"
          />
        </svg>
      </button>
      {open && (
        <fieldset
          id={id}
          class="product-picker__popover"
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        >
          <legend class="visually-hidden">{t('products')}</legend>
          {products.length === 0 ? (
            <p class="muted">{t('noProducts')}</p>
          ) : (
            <ul class="product-picker__list">
              {products.map(({ card, from }) => {
                const price = formatPrice(card, locale);
                return (
                  <li key={`${from}:${card.url}`}>
                    <button
                      type="button"
                      class="product-picker__item"
                      aria-label={t('sendThis', { title: card.title, price })}
                      onClick={() => {
                        onPick(card);
                        close();
                      }}
                    >
                      {card.image ? <img src={card.image} alt="" loading="lazy" /> : <span class="product-picker__no-image" />}
                      <span class="product-picker__title">{card.title}</span>
                      <span class="muted">
                        {price} · {t(from === 'cart' ? 'inCart' : 'viewed')}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
      )}
    </div>
  );
}
