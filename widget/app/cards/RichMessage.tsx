// An agent's message with a product card or quick replies, in a chunk of its own with its strings
// and styles: only visitors who get one download it.
import type { Message, ProductCard } from '../../../shared/contract';
import { cardsText } from '../../../shared/i18n/catalogs/cards';
import type { LocaleCode } from '../../../shared/i18n/locales';
import { adoptStyles } from '../../adopt-styles';
import { timeOf } from '../message-time';
import type { ViewProps } from '../view-props';
import styles from './cards.css?inline';

interface Props extends ViewProps {
  message: Message;
  author: string | null;
}

const styled = new WeakSet<Node>();

/** The chunk's styles join the widget's shadow root the first time one of its messages shows. */
function withStyles(element: HTMLElement | null): void {
  const root = element?.getRootNode();
  if (root instanceof ShadowRoot && !styled.has(root)) {
    styled.add(root);
    adoptStyles(root, styles);
  }
}

function Product({ card, locale }: { card: ProductCard; locale: LocaleCode }) {
  const price = new Intl.NumberFormat(locale, { style: 'currency', currency: card.currency }).format(card.price);
  return (
    <div class="product" dir="auto">
      {card.image && <img src={card.image} alt={card.title} loading="lazy" />}
      <div>
        <a href={card.url} target="_blank" rel="noopener">
          {card.title}
          <span class="sr-only"> {cardsText(locale)('card.newTab')}</span>
        </a>
        <span>{price}</span>
      </div>
    </div>
  );
}

export function RichMessage({ state, session, message, author }: Props) {
  const { locale } = state;
  const { card, quickReplies } = message;
  // The tapped button goes with the others: focus stays in the conversation (not the message field,
  // which would raise a phone's keyboard).
  const tap = (event: { currentTarget: HTMLElement }, label: string) => {
    const log = event.currentTarget.closest<HTMLElement>('[role="log"]');
    session.send(label);
    log?.focus();
  };
  // Offered until the visitor answers, by a tap or by writing.
  const answered = state.pending.length > 0 || state.messages.some((m) => m.author === 'visitor' && m.seq > message.seq);
  return (
    <>
      <div class="message" ref={withStyles}>
        {author && <span class="message__author">{author}</span>}
        {card ? (
          <Product card={card} locale={locale} />
        ) : (
          <p class="message__text" dir="auto">
            {message.text}
          </p>
        )}
        <div class="message__meta">
          <time dateTime={message.createdAt}>{timeOf(message.createdAt, locale)}</time>
        </div>
      </div>
      {quickReplies && !answered && (
        <fieldset class="replies">
          <legend class="sr-only">{cardsText(locale)('replies.label')}</legend>
          {quickReplies.map((label) => (
            <button key={label} type="button" class="button button--secondary" dir="auto" onClick={(event) => tap(event, label)}>
              {label}
            </button>
          ))}
        </fieldset>
      )}
    </>
  );
}
