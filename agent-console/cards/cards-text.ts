import { consoleCardsText, type ConsoleCardsKey } from '../../shared/i18n/catalogs/console-cards';
import type { LocaleCode } from '../../shared/i18n/locales';
import type { Vars } from '../../shared/i18n/translate';
import { useFilesText } from '../files/files-text';

export interface CardsText {
  locale: LocaleCode;
  t(key: ConsoleCardsKey, vars?: Vars): string;
}

/** The card and quick-reply strings in the console's language (the one its file strings follow). */
export function useCardsText(): CardsText {
  const { locale } = useFilesText();
  return { locale, t: consoleCardsText(locale) };
}
