import type { KbLocaleCode } from '../../../shared/kb/locales';
import { phrasingKey, storableQuestion } from '../learning/phrasings';
import { PLACEHOLDER } from '../learning/scrub';
import { termsOf } from '../search/text';
import { fillerTermsOf } from './filler-words';

/**
 * Below this many subject terms a message says too little to be a content gap ("hi", "thanks for
 * the help!", "refund?"), and shares too little with other questions to group by.
 */
export const MIN_GAP_TERMS = 2;

/**
 * What a question is about: its distinct search terms, in order, without the markers of scrubbed
 * personal data and without the words a question is wrapped in (`fillerTermsOf`).
 */
export function gapTerms(text: string, locale: KbLocaleCode): string[] {
  const filler = fillerTermsOf(locale);
  return [...new Set(termsOf(text.replace(PLACEHOLDER, ' '), locale))].filter((term) => !filler.has(term));
}

/**
 * A visitor's question as a content gap keeps it: scrubbed of personal data and trimmed like a
 * learned phrasing, with its dedup key; null when it says too little.
 */
export function gapQuestion(question: string, locale: KbLocaleCode): { text: string; key: string } | null {
  const text = storableQuestion(question, locale);
  if (text === null || gapTerms(text, locale).length < MIN_GAP_TERMS) return null;
  return { text, key: phrasingKey(text) };
}
