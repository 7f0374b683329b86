// Plain values, free of zod, so the widget bundle can import them.

/** The languages the widget speaks; the first is the fallback. */
export const LOCALES = ['en', 'ru', 'ro', 'fa', 'pl', 'cs'] as const;
export type LocaleCode = (typeof LOCALES)[number];

const RTL: ReadonlySet<LocaleCode> = new Set(['fa']);

/** Whether the locale's script runs right to left (the widget mirrors its layout). */
export function isRtl(locale: LocaleCode): boolean {
  return RTL.has(locale);
}

/** Maps a language tag ("cs-CZ", "FA", "ru_RU") onto a supported locale, or null. */
export function matchLocale(tag: string | null | undefined): LocaleCode | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LOCALES as readonly string[]).includes(primary) ? (primary as LocaleCode) : null;
}

/**
 * The first candidate, in order of preference, that is supported and among the `offered` locales
 * (none offered, or none supported: all are); else the first offered one — English when it is.
 */
export function pickLocale(candidates: Iterable<string | null | undefined>, offered: Iterable<string> = []): LocaleCode {
  const tags = new Set([...offered].map(matchLocale));
  const allowed = LOCALES.filter((locale) => tags.has(locale));
  const choices: readonly LocaleCode[] = allowed.length > 0 ? allowed : LOCALES;
  for (const tag of candidates) {
    const locale = matchLocale(tag);
    if (locale && choices.includes(locale)) return locale;
  }
  return choices[0]!;
}
