/**
 * Hides payment secrets in free text before it is stored, sent on or logged (pure, no I/O; the server
 * masks with it, the widget may too):
 * - **card**: 13–19 digits, unbroken or in groups split by single spaces or dashes, first digit not 0,
 *   passing the Luhn check → `•••• 4242` (the last 4 digits, as written);
 * - **iban**: a country code, 2 check digits and 11–30 letters or digits, unbroken or grouped,
 *   passing the ISO 13616 mod-97 check → `RO•• •••• 0000` (country and last 4 kept);
 * - **code**: a 3–4-digit security code (CVC, CVV2, "cod de securitate", "kod zabezpieczający",
 *   "bezpečnostní kód", "код безопасности", "کد امنیتی"…) next to such a word, or right after a
 *   card number (an expiry date between them stays); a PIN or a Persian "second password"
 *   (رمز دوم, 4–12 digits) next to its word → `•••`.
 * Digits may be Persian (۰–۹) or Arabic-Indic (٠–٩). Masking is idempotent.
 */

export const SECRET_KINDS = ['card', 'iban', 'code'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export interface MaskedText {
  text: string;
  /** What was hidden, each kind once, in SECRET_KINDS order; empty when nothing was. */
  kinds: SecretKind[];
}

const BULLETS = '••••';
const CODE_MASK = '•••';

/** Finds what `maskSecrets` left: `•••• 4242`, `RO•• •••• 0000`, `•••`. */
export const MASKED_SECRET = /(?<![\p{L}\p{N}])(?:\p{Lu}{2})?•+(?: •+)*(?: [\p{Lu}\p{Nd}]{4}(?![\p{L}\p{N}]))?/gu;

interface Span {
  start: number;
  end: number;
  kind: SecretKind;
  replacement: string;
}

/** Persian and Arabic-Indic digits as ASCII, one UTF-16 unit each: indexes stay those of the text. */
function asciiDigits(text: string): string {
  // Both zeros (U+0660, U+06F0) end in hex 0: the last hex digit is the value.
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/** The Luhn check every payment card number passes (ASCII digits). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The ISO 13616 check: an IBAN without spaces, upper case, read with its first four characters last, is 1 mod 97. */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  let rest = 0;
  for (const c of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(c, 36);
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest === 1;
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';

const IBAN = new RegExp(`${NOT_WORD_BEFORE}[a-z]{2}\\d{2}(?: ?[a-z0-9]){11,30}${NOT_WORD_AFTER}`, 'giu');
/** Digit groups joined by single spaces or dashes; a leading "+" makes it a phone number. */
const DIGIT_RUN = new RegExp(`(?<![\\p{L}\\p{N}+])\\d+(?:[ \\u00A0-]\\d+)*${NOT_WORD_AFTER}`, 'gu');
/** After a card number: an optional expiry (MM/YY) and a 3–4-digit code. */
const AFTER_CARD = /^[ ,;:/-]{0,3}(?:(?:0?[1-9]|1[0-2]) ?\/ ?\d{2}(?:\d{2})?[ ,;:-]{1,3})?(\d{3,4})(?![\d/]|[.,]\d)/u;

/** Words naming a card's security code in the six widget languages (Latin abbreviations are used in all of them). */
const CODE_WORDS = [
  'cvc2?',
  'cvv2?',
  'csc',
  'cid',
  'security code',
  'card code',
  'verification code',
  'cod(?:ul)? de securitate',
  'cod(?:ul)? de siguran[țţt][aă]',
  'cod(?:ul)? de verificare',
  'kod(?:u)? zabezpieczając\\p{L}*',
  'kod(?:u)? bezpiecze[ńn]stwa',
  'kod(?:u)? weryfikacyjn\\p{L}*',
  'bezpe[čc]nostn[íi]\\p{L}* k[óo]d\\p{L}*',
  'ov[ěe][řr]ovac[íi]\\p{L}* k[óo]d\\p{L}*',
  'код\\p{L}* безопасности',
  'секретн\\p{L}* код\\p{L}*',
  'проверочн\\p{L}* код\\p{L}*',
  'тр[её]хзначн\\p{L}* код\\p{L}*',
  'کد امنیتی',
  'رمز امنیتی',
  'سی[\\s\\u200c]?وی[\\s\\u200c]?وی[\\s\\u200c]?2?',
];
/** Words naming a PIN or a Persian card's "second password" (رمز دوم, often 5–12 digits). */
const PIN_WORDS = ['pin(?:[ -]?(?:code|kod|kód|cod|код))?', 'пин(?:[ -]?код)?', 'رمز[\\s\\u200c]+(?:دوم|پویا|اینترنتی|کارت)'];

/**
 * The code follows its word within `gap` characters ("CVV kód je 604", "کد امنیتی کارتم ۱۲۳"), or
 * comes just before it, with nothing but punctuation between ("737 (CVC)"): a price before the word
 * ("1 290 Kč, CVV…") is no code.
 */
const codeNearWord = (words: string[], digits: string, gap: number) => {
  const word = `${NOT_WORD_BEFORE}(?:${words.join('|')})(?!\\p{L})`;
  const code = `(?<![\\d.,]|•\\s?)(\\d{${digits}})(?!\\d|[.,/]\\d)`;
  // `d`: the code's own position is read from the match's indices.
  return [new RegExp(`${word}[^\\d\\n.!?•]{0,${gap}}?${code}`, 'giud'), new RegExp(`${code}[\\s:()\\-–—]{0,4}${word}`, 'giud')];
};
// A PIN's word is a common one ("pin the order 12345"): its code must follow closer.
const CODE_NEAR_WORD = [...codeNearWord(CODE_WORDS, '3,4', 24), ...codeNearWord(PIN_WORDS, '4,12', 10)];

/** The text with card numbers, IBANs and security codes masked, and which kinds were. */
export function maskSecrets(text: string): MaskedText {
  const ascii = asciiDigits(text);
  const spans: Span[] = [];
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  const add = (span: Span) => free(span.start, span.end) && spans.push(span);

  for (const match of ascii.matchAll(IBAN)) {
    const iban = ibanIn(match[0]);
    if (iban)
      add({
        start: match.index,
        end: match.index + iban.length,
        kind: 'iban',
        replacement: maskedIban(text.slice(match.index, match.index + iban.length)),
      });
  }
  for (const match of ascii.matchAll(DIGIT_RUN)) {
    for (const card of cardsIn(match[0])) {
      const start = match.index + card.start;
      const end = match.index + card.end;
      if (!free(start, end)) continue;
      add({ start, end, kind: 'card', replacement: `${BULLETS} ${lastDigits(text.slice(start, end))}` });
      const code = AFTER_CARD.exec(ascii.slice(end));
      if (code) {
        const codeEnd = end + code[0].length;
        add({ start: codeEnd - code[1]!.length, end: codeEnd, kind: 'code', replacement: CODE_MASK });
      }
    }
  }
  for (const pattern of CODE_NEAR_WORD) {
    for (const match of ascii.matchAll(pattern)) {
      const [start, end] = match.indices![1]!;
      add({ start, end, kind: 'code', replacement: CODE_MASK });
    }
  }

  if (spans.length === 0) return { text, kinds: [] };
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  const kinds = new Set(spans.map((s) => s.kind));
  return { text: out + text.slice(at), kinds: SECRET_KINDS.filter((kind) => kinds.has(kind)) };
}

/** The longest valid IBAN the candidate starts with, dropping trailing space-separated words ("… 0000 then"). */
function ibanIn(candidate: string): string | null {
  const parts = candidate.split(' ');
  for (let n = parts.length; n > 0; n--) {
    const written = parts.slice(0, n).join(' ');
    if (ibanValid(written.replaceAll(' ', '').toUpperCase())) return written;
  }
  return null;
}

/** Group lengths of a printed card number. */
const CARD_LAYOUT = /^(?:(?:4 ){3,4}[1-4]|4 6 [45])$/;

/**
 * The card numbers in a run of digit groups: the whole run, or else the leftmost-longest sequences of
 * whole groups laid out as cards are printed (4-4-4-4…, Amex 4-6-5, Diners 4-6-4), so a phone number
 * just before a card ("721 234 567 4111 1111…") is not read as part of it. A card holds 13–19 digits,
 * starts with a non-zero digit and passes Luhn.
 */
function cardsIn(run: string): { start: number; end: number }[] {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length, digits: g[0] }));
  const isCard = (i: number, j: number) => {
    const digits = groups
      .slice(i, j + 1)
      .map((g) => g.digits)
      .join('');
    return digits.length >= 13 && digits.length <= 19 && digits[0] !== '0' && luhnValid(digits);
  };
  if (isCard(0, groups.length - 1)) return [{ start: 0, end: run.length }];
  const found: { start: number; end: number }[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = groups.length - 1; j > i; j--) {
      const layout = groups
        .slice(i, j + 1)
        .map((g) => g.digits.length)
        .join(' ');
      if (CARD_LAYOUT.test(layout) && isCard(i, j)) {
        found.push({ start: groups[i]!.start, end: groups[j]!.end });
        i = j;
        break;
      }
    }
  }
  return found;
}

function lastDigits(written: string): string {
  return [...written]
    .filter((c) => /\p{Nd}/u.test(c))
    .slice(-4)
    .join('');
}

function maskedIban(written: string): string {
  const compact = written.replace(/\s/g, '').toUpperCase();
  return `${compact.slice(0, 2)}•• ${BULLETS} ${compact.slice(-4)}`;
}
