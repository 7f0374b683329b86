import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../shared/i18n/locales';

// Candidates in the widget's order: setLocale(), the site's pinned language, <html lang>, the browser's.
const cases: Array<[string, Array<string | null>, string[], string]> = [
  ['nothing offered: every supported language', [null, null, 'cs-CZ'], [], 'cs'],
  ['nothing offered and nothing supported: English', [null, null, 'ja', 'de-DE'], [], 'en'],
  ['the page language when offered', [null, null, 'ro-RO', 'en-US'], ['en', 'ro'], 'ro'],
  ['a page language not offered is skipped for the browser’s', [null, null, 'pl', 'ro-RO'], ['en', 'ro'], 'ro'],
  ['none of the page’s offered: the first offered, English when offered', [null, null, 'pl', 'cs'], ['ro', 'en'], 'en'],
  ['none offered, English not offered: the first offered', [null, null, 'pl'], ['ru', 'fa'], 'ru'],
  ['the site’s pinned language before the page', [null, 'fa', 'ru'], ['ru', 'fa'], 'fa'],
  ['a pinned language no longer offered is skipped', [null, 'fa', 'ru'], ['en', 'ru'], 'ru'],
  ['setLocale() with an offered language wins', ['pl', 'ru', 'ru'], ['pl', 'ru'], 'pl'],
  ['setLocale() with a language not offered falls back to the usual order', ['pl', 'ru', 'en'], ['en', 'ru'], 'ru'],
  ['setLocale() with an unsupported tag falls back too', ['xx', null, 'cs'], ['cs'], 'cs'],
  ['offered tags are matched like candidates (case, region)', [null, null, 'ro'], ['RO-ro', 'en'], 'ro'],
  ['offered tags all unsupported: as if none were offered', [null, null, 'cs'], ['de', 'ja'], 'cs'],
];

describe('the widget’s language among the site’s offered ones', () => {
  it.each(cases)('%s', (_, candidates, offered, expected) => {
    expect(pickLocale(candidates, offered)).toBe(expected);
  });

  it('without an offered list behaves as before: the first supported candidate', () => {
    expect(pickLocale([null, 'de-DE', 'CS-cz', 'ru'])).toBe('cs');
  });
});
