// The note shown beside a message whose card number, IBAN or security code the server hid
// (`Message.masked`), in every language: only a few visitors ever see it, so it lives in its own
// lazily loaded chunk and the catalog every visitor downloads stays small. Every language must have each English key.
import type { LocaleCode } from '../locales';
import { translate } from '../translate';

const en = {
  'masked.note': 'We hid your card or bank details for your safety. Please never share them in chat.',
} as const;

export type PrivacyKey = keyof typeof en;

export const privacyCatalogs: Record<LocaleCode, Readonly<Record<PrivacyKey, string>>> = {
  en,
  ro: {
    'masked.note':
      'Am ascuns datele cardului sau ale contului bancar, pentru siguranța dumneavoastră. Vă rugăm să nu le trimiteți niciodată în chat.',
  },
  pl: {
    'masked.note': 'Ukryliśmy dane Twojej karty lub konta bankowego dla Twojego bezpieczeństwa. Nigdy nie podawaj ich na czacie.',
  },
  cs: {
    'masked.note': 'Údaje o vaší kartě nebo bankovním účtu jsme kvůli vaší bezpečnosti skryli. Nikdy je prosím neposílejte do chatu.',
  },
  ru: {
    'masked.note': 'Мы скрыли данные вашей карты или банковского счёта ради вашей безопасности. Никогда не отправляйте их в чат.',
  },
  fa: {
    'masked.note': 'برای امنیت شما، اطلاعات کارت یا حساب بانکی‌تان را پنهان کردیم. لطفاً هرگز آن‌ها را در گفتگو نفرستید.',
  },
};

/** The privacy note's text in `locale`. */
export const privacyText =
  (locale: LocaleCode) =>
  (key: PrivacyKey): string =>
    translate(privacyCatalogs[locale], key);
