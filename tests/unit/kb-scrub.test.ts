import { describe, expect, it } from 'vitest';
import { passesLuhn, scrub } from '../../server/kb/learning/scrub';

const clean = (text: string) => scrub(text).text;

describe('scrubbing a visitor question before it is learned', () => {
  describe('email addresses', () => {
    it.each([
      ['en', 'I never got the mail at john.doe+shop@example.com', 'I never got the mail at {email}'],
      ['ru', 'Пишите на ivan.petrov@mail.ru, заказ не пришёл', 'Пишите на {email}, заказ не пришёл'],
      ['ro', 'Adresa mea este maria_pop@yahoo.ro, nu primesc factura', 'Adresa mea este {email}, nu primesc factura'],
      ['fa', 'ایمیل من ali.rezaei@gmail.com است، رمز را فراموش کردم', 'ایمیل من {email} است، رمز را فراموش کردم'],
      ['pl', 'Mój e-mail to jan.kowalski@wp.pl, nie mogę się zalogować', 'Mój e-mail to {email}, nie mogę się zalogować'],
      ['cs', 'Můj e-mail je petr.novak@seznam.cz a heslo nefunguje', 'Můj e-mail je {email} a heslo nefunguje'],
    ])('%s', (_locale, question, expected) => {
      expect(scrub(question)).toEqual({ text: expected, found: ['email'] });
    });
  });

  describe('phone numbers', () => {
    it.each([
      ['en', 'Call me back on (555) 123-4567 about the refund', 'Call me back on {phone} about the refund'],
      ['ru', 'Мой телефон +7 916 123-45-67, перезвоните', 'Мой телефон {phone}, перезвоните'],
      ['ro', 'Sunați-mă la 0722 123 456 vă rog', 'Sunați-mă la {phone} vă rog'],
      ['fa', 'شماره من ۰۹۱۲۳۴۵۶۷۸۹ است، تماس بگیرید', 'شماره من {phone} است، تماس بگیرید'],
      ['pl', 'Proszę o kontakt: +48 601 234 567', 'Proszę o kontakt: {phone}'],
      ['cs', 'Zavolejte mi na 777 123 456 ohledně dopravy', 'Zavolejte mi na {phone} ohledně dopravy'],
    ])('%s', (_locale, question, expected) => {
      expect(scrub(question)).toEqual({ text: expected, found: ['phone'] });
    });
  });

  describe('order numbers', () => {
    it.each([
      ['en', 'Where is my order #4411?', 'Where is my order {order}?'],
      ['en', 'cancel purchase 113542617735902 please', 'cancel purchase {order} please'],
      ['ru', 'Где мой заказ № 58213?', 'Где мой заказ № {order}?'],
      ['ro', 'Comanda ORD-772310 nu a ajuns', 'Comanda {order} nu a ajuns'],
      ['fa', 'سفارش ۴۵۶۷۸۹ من کجاست؟', 'سفارش {order} من کجاست؟'],
      ['pl', 'Zamówienie nr 123456 nie dotarło', 'Zamówienie nr {order} nie dotarło'],
      ['cs', 'Objednávka č. 2024117 stále nedorazila', 'Objednávka č. {order} stále nedorazila'],
    ])('%s: %s', (_locale, question, expected) => {
      expect(scrub(question)).toEqual({ text: expected, found: ['order'] });
    });
  });

  describe('card numbers (Luhn)', () => {
    it.each([
      ['en', 'My card 4111 1111 1111 1111 was declined', 'My card {card} was declined'],
      ['ru', 'Карта 5555-5555-5555-4444 не проходит', 'Карта {card} не проходит'],
      ['ro', 'Plata cu cardul 4012888888881881 a eșuat', 'Plata cu cardul {card} a eșuat'],
      ['fa', 'کارت ۶۰۳۷۹۹۷۵۹۹۴۸۷۸۳۳ پرداخت نشد', 'کارت {card} پرداخت نشد'],
      ['pl', 'Karta 3782 822463 10005 została odrzucona', 'Karta {card} została odrzucona'],
      ['cs', 'Platba kartou 6011111111111117 neprošla', 'Platba kartou {card} neprošla'],
    ])('%s', (_locale, question, expected) => {
      expect(scrub(question)).toEqual({ text: expected, found: ['card'] });
    });

    it('checks Luhn', () => {
      expect(passesLuhn([...'4111111111111111'].map(Number))).toBe(true);
      expect(passesLuhn([...'4111111111111112'].map(Number))).toBe(false);
    });

    it('a 16-digit number failing Luhn is still removed, as an order number', () => {
      expect(clean('ref 4111111111111112 missing')).toBe('ref {order} missing');
    });
  });

  it('finds several kinds in one question', () => {
    expect(scrub('Order 99812, card 4111-1111-1111-1111, mail a@b.co, phone +44 20 7946 0958').found.sort()).toEqual([
      'card',
      'email',
      'order',
      'phone',
    ]);
  });

  it('keeps what is not personal data: sizes, prices, years, dates, times, short numbers', () => {
    for (const text of [
      'Do you ship size 42 shoes to Prague in 2 days?',
      'Is the 2024 model still €1,299?',
      'Delivery on 12.05.2024 between 10:30 and 12:00',
      'iPhone 15 case, USB-C cable, 3 items',
      'Можно вернуть товар через 14 дней?',
      'آیا ارسال ۳ روزه است؟',
    ]) {
      expect(scrub(text)).toEqual({ text, found: [] });
    }
  });
});
