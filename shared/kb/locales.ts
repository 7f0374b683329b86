// Plain values, free of zod and of the search engine, so the widget and console can import them.

/** The locales articles can be written in. */
export const KB_LOCALES = ['en', 'ru', 'ro', 'fa', 'pl', 'cs'] as const;
export type KbLocaleCode = (typeof KB_LOCALES)[number];

/** Locales written right to left (the widget and console set `dir="rtl"` on their text). */
export const RTL_LOCALES: ReadonlySet<KbLocaleCode> = new Set(['fa']);

export function isKbLocale(value: string): value is KbLocaleCode {
  return (KB_LOCALES as readonly string[]).includes(value);
}

/** Maps a language tag ("cs-CZ", "FA", "pt-BR") onto a KB locale, or null when the KB has no such language. */
export function kbLocaleOf(tag: string | null | undefined): KbLocaleCode | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isKbLocale(primary) ? primary : null;
}
