import { describe, expect, it } from 'vitest';
import { isRtl, loadCatalog, LOCALES, Locale, pickLocale } from '../../shared/i18n';
import { en } from '../../shared/i18n/catalogs/en';
import { translate } from '../../shared/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('widget catalogs', () => {
  it.each(LOCALES)('%s translates every key with the same placeholders, and no text left empty', async (locale) => {
    const catalog = await loadCatalog(locale);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(catalog)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
      if (locale !== 'en' && !['panel.title', 'panel.chat'].includes(key)) {
        // Untranslated copies of the English text slip through review easily.
        expect(text, `${locale} ${key}`).not.toBe(en[key as keyof typeof en]);
      }
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(en, 'launcher.unread', { count: 3 })).toBe('Open chat. Unread messages: 3');
    expect(translate(en, 'typing.one')).toBe('{name} is typing…');
  });
});

describe('locale choice', () => {
  it('takes the first supported tag, ignoring region and case, with English as the fallback', () => {
    expect(pickLocale([null, 'de-DE', 'CS-cz', 'ru'])).toBe('cs');
    expect(pickLocale(['fa_IR'])).toBe('fa');
    expect(pickLocale(['', undefined, 'ja'])).toBe('en');
  });

  it('marks Persian as right to left and validates locales with zod', () => {
    expect(LOCALES.filter(isRtl)).toEqual(['fa']);
    expect(Locale.safeParse('ro').success).toBe(true);
    expect(Locale.safeParse('de').success).toBe(false);
  });
});
