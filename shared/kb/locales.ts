// Plain values, free of zod and of the search engine, so the widget and console can import them.
import { isRtl, LOCALES, matchLocale, type LocaleCode } from '../i18n/locales';

/** The locales articles can be written in: the languages the widget speaks. */
export const KB_LOCALES = LOCALES;
export type KbLocaleCode = LocaleCode;

/** Locales written right to left (the widget and console set `dir="rtl"` on their text). */
export const RTL_LOCALES: ReadonlySet<KbLocaleCode> = new Set(LOCALES.filter(isRtl));

export function isKbLocale(value: string): value is KbLocaleCode {
  return matchLocale(value) === value;
}

/** Maps a language tag ("cs-CZ", "FA", "pt-BR") onto a KB locale, or null when the KB has no such language. */
export const kbLocaleOf = matchLocale;
