import { describe, expect, it } from 'vitest';
import { fold, termsOf } from '../../server/kb/search/text';
import { articleIdsIn, articleUrl, insertText } from '../../shared/kb/links';
import { kbLocaleOf } from '../../shared/kb/locales';

describe('the KB text pipeline', () => {
  it('folds Latin diacritics, including letters NFD does not decompose', () => {
    expect(fold('Způsob DOPRAVY')).toBe('zpusob dopravy');
    expect(fold('Łódź zwrócić')).toBe('lodz zwrocic');
    expect(fold('plată şi taxă')).toBe('plata si taxa');
  });

  it('keeps Cyrillic letters (only ё becomes е) so the Russian stemmer sees real endings', () => {
    expect(fold('Ещё Йогурт')).toBe('еще йогурт');
    expect(termsOf('доставка доставки доставку', 'ru')).toEqual(['доставк', 'доставк', 'доставк']);
  });

  it('unifies Arabic and Persian letter variants, drops vowel marks and reads Persian digits', () => {
    expect(fold('كيك')).toBe(fold('کیک'));
    expect(fold('کِتاب')).toBe('کتاب');
    expect(fold('۳۰ روز')).toBe('30 روز');
  });

  it('splits Persian half-spaces (ZWNJ) like spaces', () => {
    expect(termsOf('می‌شود', 'fa')).toEqual(termsOf('می شود', 'fa'));
  });

  it('drops the clitics of English contractions instead of keeping one-letter words', () => {
    expect(termsOf("I'm sure it's fine, but it doesn't work and won't sync; I'd like Google’s help", 'en')).toEqual([
      'sure',
      'fine',
      'doe',
      'work',
      'will',
      'sync',
      'googl',
      'help',
    ]);
  });

  it('drops stop words and stems where a stemmer exists', () => {
    expect(termsOf('How do I return my shoes?', 'en')).toEqual(['return', 'shoe']);
    expect(termsOf('Cum pot plăti cu cardul', 'ro')).toEqual(termsOf('cum pot plati cu cardul', 'ro'));
    expect(termsOf('Jak zwrócić towar', 'pl')).toEqual(['zwrocic', 'towar']);
  });
});

describe('KB locales and links', () => {
  it('maps language tags onto KB locales', () => {
    expect(kbLocaleOf('cs-CZ')).toBe('cs');
    expect(kbLocaleOf('FA')).toBe('fa');
    expect(kbLocaleOf('pt-BR')).toBeNull();
    expect(kbLocaleOf(undefined)).toBeNull();
  });

  it('builds article links and finds them again in a reply', () => {
    const id = 'a'.repeat(24);
    const url = articleUrl('https://chat.example.com/', id);
    expect(url).toBe(`https://chat.example.com/help/articles/${id}`);
    const text = insertText({ title: 'Returns', excerpt: 'Within 30 days.', url });
    expect(text).toBe(`Returns\nWithin 30 days.\n${url}`);
    expect(articleIdsIn(`${text} and again ${url}, or /help/articles/${'b'.repeat(24)}`)).toEqual([id, 'b'.repeat(24)]);
    expect(articleIdsIn(`/help/articles/${'c'.repeat(25)}`)).toEqual([]);
  });
});
