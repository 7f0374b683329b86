import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as romanianStemmer } from '@orama/stemmers/romanian';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';
import { ces, eng, fas, pol, ron, rus } from 'stopword';
import type { KbLocaleCode } from '../../../shared/kb/locales';

/**
 * The one text pipeline of the knowledge base: articles are indexed and queries are searched through
 * exactly these functions, so a query matches whatever the article's words become.
 *
 *   split into words → lower-case → fold (accents of Latin letters, Persian/Arabic letter variants)
 *   → drop stop words → stem (where a Snowball stemmer exists for the language)
 *
 * Folding comes before stemming on purpose: a query typed without diacritics ("zpusob dopravy",
 * "plata") then becomes exactly the tokens of the article written with them ("způsob dopravy", "plată").
 */

// Word characters: letters, marks (Persian vowel signs, combining accents) and digits. ZWNJ (U+200C),
// which joins Persian word parts ("می‌خواهم"), separates like a space: users type both forms.
const WORD_SEPARATOR = /[^\p{L}\p{M}\p{N}]+/u;

const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{M}+/gu;
/** Latin letters NFD does not decompose. */
const LATIN_SPECIALS: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };
const LATIN_SPECIAL = /[łđøßæœı]/g;
/** Arabic short vowels, superscript alef and tatweel: written inconsistently, never meaning-bearing in a search. */
const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;
const ARABIC_VARIANTS: Record<string, string> = { ي: 'ی', ى: 'ی', ك: 'ک', ة: 'ه', أ: 'ا', إ: 'ا', آ: 'ا', ؤ: 'و' };
const ARABIC_VARIANT = /[يىكةأإآؤ]/g;
const EASTERN_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;
const ASCII_WORD = /^[a-z0-9]*$/;

/** Lower-cases and folds one word so that spelling variants and missing diacritics compare equal. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII_WORD.test(lower)) return lower; // the common case: nothing to fold
  return lower
    .normalize('NFD')
    .replace(LATIN_WITH_MARKS, '$1')
    .normalize('NFC')
    .replace(LATIN_SPECIAL, (c) => LATIN_SPECIALS[c]!)
    .replace(/ё/g, 'е')
    .replace(ARABIC_DIACRITICS, '')
    .replace(ARABIC_VARIANT, (c) => ARABIC_VARIANTS[c]!)
    .replace(EASTERN_DIGIT, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/** English contractions: "n't" and the clitics 's 'm 'd 'll 're 've (both apostrophes). */
const CONTRACTION = /(?<=\p{L})(?:n['’]t|['’](?:s|m|d|ll|re|ve))(?!\p{L})/giu;
const IRREGULAR_NEGATION: Record<string, string> = { wo: 'will', ca: 'can', sha: 'shall' };

/**
 * Contractions lose their clitic ("it's" → it, "doesn't" → does, "won't" → will): split at the
 * apostrophe, the clitic would become a one-letter word and the stem a word no text has ("doesn").
 */
function withoutContractions(text: string): string {
  if (!text.includes("'") && !text.includes('’')) return text;
  return text.replace(/\b(wo|ca|sha)(?=n['’]t(?!\p{L}))/giu, (stem) => IRREGULAR_NEGATION[stem.toLowerCase()]!).replace(CONTRACTION, '');
}

export function splitWords(text: string): string[] {
  return withoutContractions(text)
    .split(WORD_SEPARATOR)
    .filter((w) => w.length > 0);
}

/** Words joined by a dash or a dot ("e-mail", "node.js", "wi-fi"), and names ending in ++ or # ("c++", "c#"). */
const COMPOUND = /\p{L}[\p{L}\p{N}]*(?:[-.]\p{L}[\p{L}\p{N}]*)+|\p{L}+(?:\+\+|#)(?![\p{L}\p{N}])/gu;

/**
 * The words the search index and its queries are made of: `splitWords`, plus each compound also
 * written as one word ("e-mail" → e, mail, email; "node.js" → node, js, nodejs; "c#" → c, c#), so
 * "email" finds "e-mail" and a code-like name is matched as a whole, not by its parts only.
 */
export function indexWords(text: string): string[] {
  const words = splitWords(text);
  for (const [compound] of text.matchAll(COMPOUND)) words.push(compound.replace(/[-.]/g, ''));
  return words;
}

interface Language {
  stopWords: ReadonlySet<string>;
  stem: (word: string) => string;
}

const identity = (word: string) => word;
const foldedSet = (words: string[]) => new Set(words.map(fold));

const LANGUAGES: Record<KbLocaleCode, Language> = {
  en: { stopWords: foldedSet(eng), stem: englishStemmer },
  ru: { stopWords: foldedSet(rus), stem: russianStemmer },
  ro: { stopWords: foldedSet(ron), stem: romanianStemmer },
  // No maintained Snowball stemmer for Persian, Polish or Czech in JavaScript: prefix and typo
  // tolerance of the search cover their inflected endings instead.
  fa: { stopWords: foldedSet(fas), stem: identity },
  pl: { stopWords: foldedSet(pol), stem: identity },
  cs: { stopWords: foldedSet(ces), stem: identity },
};

/** One word → its index term for the locale, or null for a stop word. */
export function termOf(word: string, locale: KbLocaleCode): string | null {
  const language = LANGUAGES[locale];
  const folded = fold(word);
  if (language.stopWords.has(folded)) return null;
  return language.stem(folded);
}

/** The index terms of a text, in order (what a query or an article field becomes). */
export function termsOf(text: string, locale: KbLocaleCode): string[] {
  return indexWords(text).flatMap((w) => termOf(w, locale) ?? []);
}
