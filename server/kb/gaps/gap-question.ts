import type { KbLocaleCode } from '../../../shared/kb/locales';
import { phrasingKey, storableQuestion } from '../learning/phrasings';
import { PLACEHOLDER } from '../learning/scrub';
import { termsOf } from '../search/text';

/**
 * Below this many distinct search terms a message says too little to be a content gap ("hi",
 * "thanks!", "ok so?"), and shares too little with other questions to group by.
 */
export const MIN_GAP_TERMS = 2;

/** The question's distinct search terms, in order, with the markers of scrubbed personal data dropped. */
export function gapTerms(text: string, locale: KbLocaleCode): string[] {
  return [...new Set(termsOf(text.replace(PLACEHOLDER, ' '), locale))];
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
