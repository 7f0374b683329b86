// Product cards and quick replies an agent sends, in every language: only visitors who get one
// download this, with the chunk that draws them (widget/app/cards). Every language must have each English key.
import type { LocaleCode } from '../locales';
import { translate } from '../translate';

const en = {
  'replies.label': 'Quick replies',
  'card.newTab': '(opens in a new tab)',
} as const;

export type CardsKey = keyof typeof en;

export const cardsCatalogs: Record<LocaleCode, Readonly<Record<CardsKey, string>>> = {
  en,
  ro: { 'replies.label': 'Răspunsuri rapide', 'card.newTab': '(se deschide într-o filă nouă)' },
  pl: { 'replies.label': 'Szybkie odpowiedzi', 'card.newTab': '(otwiera się w nowej karcie)' },
  cs: { 'replies.label': 'Rychlé odpovědi', 'card.newTab': '(otevře se na nové kartě)' },
  ru: { 'replies.label': 'Быстрые ответы', 'card.newTab': '(откроется в новой вкладке)' },
  fa: { 'replies.label': 'پاسخ‌های سریع', 'card.newTab': '(در زبانه‌ای تازه باز می‌شود)' },
};

/** The cards' text in `locale`. */
export const cardsText =
  (locale: LocaleCode) =>
  (key: CardsKey): string =>
    translate(cardsCatalogs[locale], key);
