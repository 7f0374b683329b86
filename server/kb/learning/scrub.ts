/**
 * Removes personal data from a visitor's question before it is kept as a learned phrasing: what an
 * editor sees and what the search index holds must not carry a customer's email address, phone
 * number, order number or payment details (a card number, IBAN or security code, masked or not).
 * Each is replaced by a marker ({email}, {phone}, {order}, {card}) so an editor still reads the
 * question's shape; the index drops the markers (`PLACEHOLDER`).
 *
 * Pure and language-independent: the digit rules read any script's digits (Persian ۰۹۱۲…, Arabic
 * ٠١٢…), and the words that announce an order number are listed for the six widget languages.
 */

import { MASKED_SECRET, maskSecrets } from '../../../shared/privacy/mask-secrets';

export type ScrubbedKind = 'email' | 'phone' | 'order' | 'card';

/** A marker left where personal data was; `PLACEHOLDER` finds them all (the index drops them). */
export const PLACEHOLDER = /\{(?:email|phone|order|card)\}/g;

const marker = (kind: ScrubbedKind) => `{${kind}}`;

// Any script's decimal digits: \p{Nd}. A "digit run" may be broken by spaces, dashes, dots, slashes
// or parentheses, the way people type card and phone numbers.
const D = '\\p{Nd}';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** 13–19 digits, optionally in groups: a card number when the Luhn check passes. */
const CARD_CANDIDATE = new RegExp(`(?<![\\p{Nd}\\p{L}])${D}(?:[ -]?${D}){12,18}(?![\\p{Nd}\\p{L}])`, 'gu');

/**
 * A phone number: an international "+" form, or a number written in groups (space, dash, dot,
 * parentheses) of 7–15 digits in all, or an unbroken 10–12-digit run starting with 0 (national
 * mobile and landline formats: 0912…, 07…). Bare runs without a leading 0 are read as order numbers.
 */
const PHONE_INTERNATIONAL = new RegExp(`(?:\\+|00)${D}(?:[\\s.()\\-]{0,2}${D}){6,14}(?![\\p{Nd}])`, 'gu');
const PHONE_GROUPED = new RegExp(`(?<![\\p{Nd}\\p{L}])\\(?${D}{2,5}\\)?(?:[\\s.\\-]${D}{2,5}){1,4}(?![\\p{Nd}\\p{L}])`, 'gu');
const PHONE_NATIONAL = new RegExp(`(?<![\\p{Nd}\\p{L}])[0٠۰]${D}{9,11}(?![\\p{Nd}\\p{L}])`, 'gu');

/** Words that announce an order (or invoice, shipment) number, in the six languages. */
const ORDER_WORDS = [
  'order',
  'purchase',
  'invoice',
  'tracking',
  'ref',
  'reference',
  'заказ[а-яё]*',
  'номер',
  'счет[а-яё]*',
  'счёт[а-яё]*',
  'comand[aăi][a-zăâîșşțţ]*',
  'factur[aăi][a-zăâîșşțţ]*',
  'سفارش',
  'فاکتور',
  'کد',
  'شماره',
  'zamówieni[a-ząćęłńóśźż]*',
  'zamowieni[a-z]*',
  'faktur[a-ząćęłńóśźż]*',
  'objednávk[a-zá-ž]*',
  'objednavk[a-z]*',
  'číslo',
  'cislo',
];
/** An announced number: the word, then optional "no.", "#", "№", ":" and a code with at least 3 digits. */
const ORDER_ANNOUNCED = new RegExp(
  `((?<![\\p{L}\\p{Nd}])(?:${ORDER_WORDS.join('|')})(?:\\s+(?:no\\.?|nr\\.?|number|č\\.|n°))?\\s*[#№:]?\\s*)([\\p{L}\\p{Nd}]*${D}[\\p{L}\\p{Nd}-]*)`,
  'giu',
);
/** A token of letters, digits and inner dashes ("A-100234", "ORD98231"); an order code when it holds 5+ digits. */
const TOKEN = /#?[\p{L}\p{Nd}]+(?:-[\p{L}\p{Nd}]+)*/gu;
/** Dates are not personal data and read like grouped digits: 12.05.2024, 2024-05-12. */
const DATE = /^(?:\p{Nd}{1,2}[./-]\p{Nd}{1,2}[./-]\p{Nd}{2,4}|\p{Nd}{4}-\p{Nd}{2}-\p{Nd}{2})$/u;

/** Any script's decimal digit → its value (String(Number) only reads ASCII). */
function digitValue(c: string): number {
  const code = c.codePointAt(0)!;
  // Every Unicode decimal digit block is contiguous from its zero; find the zero by stepping back.
  for (let zero = code; zero > code - 10; zero--) {
    if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return code - zero;
  }
  return code % 10;
}

function digitsOf(text: string): number[] {
  return [...text].filter((c) => /\p{Nd}/u.test(c)).map(digitValue);
}

/** The Luhn checksum every payment card number passes. */
export function passesLuhn(digits: readonly number[]): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i]!;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const codeLike = (token: string) => /\p{Nd}/u.test(token);

/** The question with personal data replaced by markers, and which kinds were found. */
export function scrub(text: string): { text: string; found: ScrubbedKind[] } {
  const found = new Set<ScrubbedKind>();
  const replace = (kind: ScrubbedKind) => {
    found.add(kind);
    return marker(kind);
  };
  let out = text.replace(EMAIL, () => replace('email'));
  // A number the visitor calls an order (invoice, tracking…) number is one, even when it happens to pass Luhn.
  out = out.replace(ORDER_ANNOUNCED, (match, lead: string, code: string) =>
    codeLike(code) && digitsOf(code).length >= 3 ? `${lead.replace(/#\s*$/, '')}${replace('order')}` : match,
  );
  // Payment details (shared/privacy), and what masking them before storage left, are one {card}.
  out = maskSecrets(out).text.replace(MASKED_SECRET, () => replace('card'));
  out = out.replace(CARD_CANDIDATE, (match) => {
    const digits = digitsOf(match);
    return digits.length >= 13 && passesLuhn(digits) ? replace('card') : match;
  });
  out = out.replace(PHONE_INTERNATIONAL, () => replace('phone'));
  out = out.replace(PHONE_NATIONAL, () => replace('phone'));
  out = out.replace(PHONE_GROUPED, (match) => (digitsOf(match).length >= 7 && !DATE.test(match) ? replace('phone') : match));
  out = out.replace(TOKEN, (token) => {
    const digits = digitsOf(token).length;
    return digits >= 5 || (token.startsWith('#') && digits >= 3) ? replace('order') : token;
  });
  return { text: out.replace(/\s+/g, ' ').trim(), found: [...found] };
}
