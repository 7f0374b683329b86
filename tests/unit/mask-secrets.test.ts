import { describe, expect, it } from 'vitest';
import { gapQuestion } from '../../server/kb/gaps/gap-question';
import { storableQuestion } from '../../server/kb/learning/phrasings';
import { ibanValid, luhnValid, maskSecrets } from '../../shared/privacy/mask-secrets';

const masked = (text: string) => maskSecrets(text).text;

describe('masking secrets before they are stored', () => {
  describe('card numbers (Luhn), last 4 kept', () => {
    it.each([
      ['en', 'My card 4111 1111 1111 1111 was declined', 'My card •••• 1111 was declined'],
      ['en', 'Try 4242424242424242 instead', 'Try •••• 4242 instead'],
      ['ro', 'Plata cu cardul 5555-5555-5555-4444 a eșuat', 'Plata cu cardul •••• 4444 a eșuat'],
      ['pl', 'Karta 3782 822463 10005 (Amex) została odrzucona', 'Karta •••• 0005 (Amex) została odrzucona'],
      ['cs', 'Platba kartou 6011 1111 1111 1117 neprošla', 'Platba kartou •••• 1117 neprošla'],
      ['ru', 'Карта Мир 2200 0000 0000 0004 не проходит', 'Карта Мир •••• 0004 не проходит'],
      ['fa', 'شماره کارتم ۶۰۳۷-۹۹۱۲-۳۴۵۶-۷۸۹۳ است', 'شماره کارتم •••• ۷۸۹۳ است'],
      ['fa', 'کارت ٦٢٧٤ ١٢٩٨ ٧٦٥٤ ٣٢١٩ کار نمی‌کند', 'کارت •••• ٣٢١٩ کار نمی‌کند'],
    ])('%s: %s', (_locale, text, expected) => {
      expect(maskSecrets(text)).toEqual({ text: expected, kinds: ['card'] });
    });

    it('finds each of several cards, and a card written inside a longer run of groups', () => {
      expect(masked('4012888888881881 or 5105 1051 0510 5100?')).toBe('•••• 1881 or •••• 5100?');
      expect(masked('call 721 234 567 4111 1111 1111 1111')).toBe('call 721 234 567 •••• 1111');
    });

    it('checks Luhn', () => {
      expect(luhnValid('4111111111111111')).toBe(true);
      expect(luhnValid('4111111111111112')).toBe(false);
    });
  });

  describe('IBANs (ISO 13616 mod 97), country and last 4 kept', () => {
    it.each([
      ['ro', 'Returnați banii în contul RO49 AAAA 1B31 0075 9384 0000 vă rog', 'Returnați banii în contul RO•• •••• 0000 vă rog'],
      ['pl', 'Proszę o zwrot na PL61109010140000071219812874.', 'Proszę o zwrot na PL•• •••• 2874.'],
      ['cs', 'Číslo účtu: CZ65 0800 0000 1920 0014 5399 díky', 'Číslo účtu: CZ•• •••• 5399 díky'],
      ['en', 'refund to DE89 3704 0044 0532 0130 00 then', 'refund to DE•• •••• 3000 then'],
      ['ru', 'Верните на счёт de89370400440532013000, спасибо', 'Верните на счёт DE•• •••• 3000, спасибо'],
      ['fa', 'شماره شبا: IR۰۶ ۲۹۶۰ ۰۰۰۰ ۰۰۱۰ ۰۳۲۴ ۲۰۰۰ ۰۱', 'شماره شبا: IR•• •••• ۰۰۰۱'],
    ])('%s: %s', (_locale, text, expected) => {
      expect(maskSecrets(text)).toEqual({ text: expected, kinds: ['iban'] });
    });

    it('checks mod 97', () => {
      expect(ibanValid('GB29NWBK60161331926819')).toBe(true);
      expect(ibanValid('GB28NWBK60161331926819')).toBe(false);
    });
  });

  describe('security codes next to card words', () => {
    it.each([
      ['en', 'the CVV is 123', 'the CVV is •••'],
      ['en', 'security code: 4821', 'security code: •••'],
      ['en', 'it is 737 (CVC)', 'it is ••• (CVC)'],
      ['ro', 'Codul de securitate este 456', 'Codul de securitate este •••'],
      ['ro', 'codul CVV de pe spate: 912', 'codul CVV de pe spate: •••'],
      ['pl', 'kod CVC to 318', 'kod CVC to •••'],
      ['pl', 'Kod zabezpieczający 552, data 12/27', 'Kod zabezpieczający •••, data 12/27'],
      ['cs', 'CVV kód je 604', 'CVV kód je •••'],
      ['cs', 'bezpečnostní kód 771', 'bezpečnostní kód •••'],
      ['ru', 'код CVC 245', 'код CVC •••'],
      ['ru', 'Код безопасности — 1234', 'Код безопасности — •••'],
      ['fa', 'کد امنیتی کارتم ۱۲۳ است', 'کد امنیتی کارتم ••• است'],
      ['fa', 'cvv2 کارت ۴۵۶ هست', 'cvv2 کارت ••• هست'],
      ['fa', 'رمز دوم ۱۲۳۴۵۶۷۸', 'رمز دوم •••'],
      ['en', 'my PIN is 0000', 'my PIN is •••'],
    ])('%s: %s', (_locale, text, expected) => {
      expect(maskSecrets(text)).toEqual({ text: expected, kinds: ['code'] });
    });

    it('a code right after a card number, past its expiry date', () => {
      expect(maskSecrets('4111 1111 1111 1111 12/28 123')).toEqual({ text: '•••• 1111 12/28 •••', kinds: ['card', 'code'] });
      expect(masked('5555555555554444, 321')).toBe('•••• 4444, •••');
    });
  });

  describe('left alone', () => {
    it.each([
      ['en', 'Order 1234567890123 has not arrived, tracking 9400 1000 0000 0000 0000 00'],
      ['en', 'It cost $1,299.99 on 2024-05-12, call +1 555 123 4567'],
      ['ro', 'Comanda 4111111111111112 din 12.05.2024, sunați la 0040 721 234 567'],
      ['pl', 'Zamówienie nr 2024051212345 za 1 299,00 zł, tel. +48 601 234 567'],
      ['cs', 'Objednávka č. 5512 za 1 290 Kč, CVV jsem nenašel'],
      ['en', 'Can you pin the order 12345 to the top?'],
      ['ru', 'Заказ 0721234567890 от 12.05.2024, 3 990 ₽, код заказа 5521'],
      ['fa', 'سفارش ۱۲۳۴۵۶۷۸۹۰۱۲۳ در ۱۴۰۲/۰۹/۱۶، قیمت ۸۵۰۰۰۰ تومان، تلفن ۰۹۱۲۱۲۳۴۵۶۷'],
    ])('%s: %s', (_locale, text) => {
      expect(maskSecrets(text)).toEqual({ text, kinds: [] });
    });
  });

  it('is idempotent and reports every kind once, in order', () => {
    const once = maskSecrets('IBAN RO49AAAA1B31007593840000, card 4111 1111 1111 1111, cvc 123, card 4242424242424242');
    expect(once).toEqual({ text: 'IBAN RO•• •••• 0000, card •••• 1111, cvc •••, card •••• 4242', kinds: ['card', 'iban', 'code'] });
    expect(maskSecrets(once.text)).toEqual({ text: once.text, kinds: [] });
  });

  describe('before a question is learned or kept as a content gap', () => {
    it.each([
      ['en', 'my card •••• 1111 was declined, cvc •••', 'my card {card} was declined, cvc {card}'],
      ['en', 'refund to RO49 AAAA 1B31 0075 9384 0000 please, card 4111 1111 1111 1111', 'refund to {card} please, card {card}'],
      ['fa', 'کد امنیتی کارتم ۱۲۳ است و پرداخت نشد', 'کد امنیتی کارتم {card} است و پرداخت نشد'],
    ] as const)('%s: %s', (locale, question, expected) => {
      expect(storableQuestion(question, locale)).toBe(expected);
    });

    it('a content gap too', () => {
      expect(gapQuestion('why was my card 5555 5555 5555 4444 charged twice', 'en')?.text).toBe('why was my card {card} charged twice');
    });
  });
});
