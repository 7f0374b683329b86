import type { KbLocaleCode } from '../../../shared/kb/locales';
import { fold, splitWords, termsOf } from '../search/text';
import { PLACEHOLDER, scrub } from './scrub';

/**
 * Learned phrasings: the questions visitors asked that an article answered, kept per article and
 * locale and indexed as a field of the article (`IndexedArticle.phrasings`), so the widget, the
 * console's suggestions, the escalation prompt and the answer bot all rank with what was learned.
 *
 * The rules, pure (no I/O, no clock: the caller passes `at`), so the server, a second process
 * replaying the same events and the eval all learn the same way:
 * - **insert**: an agent inserts the article into a reply to a visitor's question → the question,
 *   scrubbed, becomes (or strengthens) a phrasing of the article;
 * - **helped**: the visitor clicks "That helped" after the bot answered with the article → the same;
 * - **handoff**: the visitor asks for a person right after the bot answered with the article → the
 *   pairing is weakened; a phrasing whose negatives reach its positives is no longer indexed (kept
 *   for the editors, who see why);
 * - at most `MAX_PHRASINGS` per article and locale: the weakest (lowest net count), then the
 *   least recently used, go first.
 */

export type PhrasingSource = 'insert' | 'helped';

export interface LearnedPhrasing {
  /** The scrubbed question as the visitor wrote it (markers such as {order} where personal data was). */
  text: string;
  /** Dedup key: the text folded, markers and punctuation dropped, words single-spaced. */
  key: string;
  locale: KbLocaleCode;
  /** Where the first positive signal came from; `counts` has every source. */
  source: PhrasingSource;
  counts: { insert: number; helped: number; handoff: number };
  firstAt: number;
  lastAt: number;
}

/** The phrasings of one article in one locale, in no particular order. */
export type ArticlePhrasings = readonly LearnedPhrasing[];

export interface LearningEvent {
  locale: KbLocaleCode;
  /** The visitor's question, as written (it is scrubbed here). */
  question: string;
  /** Epoch milliseconds of the event. */
  at: number;
}

export const MAX_PHRASINGS = 200;
/** Longer messages are rarely a question; the first sentences carry it. */
const MAX_CHARS = 300;
/** An agent's choice is a stronger signal than a visitor's click. */
const WEIGHT: Record<PhrasingSource | 'handoff', number> = { insert: 2, helped: 1, handoff: 2 };

/** The dedup key of a question: folded words without markers or punctuation. */
export function phrasingKey(text: string): string {
  return splitWords(text.replace(PLACEHOLDER, ' ')).map(fold).join(' ');
}

/** The net weight of a phrasing: positives minus negatives; only phrasings above 0 are indexed. */
export function netWeight(p: LearnedPhrasing): number {
  return p.counts.insert * WEIGHT.insert + p.counts.helped * WEIGHT.helped - p.counts.handoff * WEIGHT.handoff;
}

/**
 * The question made storable: scrubbed, trimmed to MAX_CHARS at a word boundary; null when nothing
 * searchable is left (only personal data, only stop words, empty).
 */
export function storableQuestion(question: string, locale: KbLocaleCode): string | null {
  let text = scrub(question).text;
  if (text.length > MAX_CHARS) text = text.slice(0, text.lastIndexOf(' ', MAX_CHARS) > 0 ? text.lastIndexOf(' ', MAX_CHARS) : MAX_CHARS);
  return termsOf(text.replace(PLACEHOLDER, ' '), locale).length > 0 ? text : null;
}

function record(phrasings: ArticlePhrasings, event: LearningEvent, kind: PhrasingSource | 'handoff'): ArticlePhrasings {
  const text = storableQuestion(event.question, event.locale);
  if (text === null) return phrasings;
  const key = phrasingKey(text);
  const existing = phrasings.find((p) => p.key === key && p.locale === event.locale);
  if (!existing && kind === 'handoff') {
    // A hand-off for a pairing never learned: nothing to lower. (The bot's own threshold already
    // kept it from answering with confidence it did not have; remembering rejections is the editors' job.)
    return phrasings;
  }
  const updated: LearnedPhrasing = existing
    ? { ...existing, counts: { ...existing.counts, [kind]: existing.counts[kind] + 1 }, lastAt: Math.max(existing.lastAt, event.at) }
    : {
        text,
        key,
        locale: event.locale,
        source: kind as PhrasingSource,
        counts: { insert: 0, helped: 0, handoff: 0, [kind]: 1 },
        firstAt: event.at,
        lastAt: event.at,
      };
  const rest = phrasings.filter((p) => p !== existing);
  return bound([...rest, updated], event.locale);
}

/** Keeps at most MAX_PHRASINGS per locale: strongest first, then most recently used. */
function bound(phrasings: LearnedPhrasing[], locale: KbLocaleCode): LearnedPhrasing[] {
  const inLocale = phrasings.filter((p) => p.locale === locale);
  if (inLocale.length <= MAX_PHRASINGS) return phrasings;
  const keep = new Set(inLocale.sort(byStrength).slice(0, MAX_PHRASINGS));
  return phrasings.filter((p) => p.locale !== locale || keep.has(p));
}

const byStrength = (a: LearnedPhrasing, b: LearnedPhrasing) => netWeight(b) - netWeight(a) || b.lastAt - a.lastAt;

/** An agent inserted the article into a reply to `event.question`. */
export function learnFromInsert(phrasings: ArticlePhrasings, event: LearningEvent): ArticlePhrasings {
  return record(phrasings, event, 'insert');
}

/** The visitor clicked "That helped" after the bot answered `event.question` with the article. */
export function learnFromHelped(phrasings: ArticlePhrasings, event: LearningEvent): ArticlePhrasings {
  return record(phrasings, event, 'helped');
}

/** The visitor asked for a person right after the bot answered `event.question` with the article. */
export function learnFromHandoff(phrasings: ArticlePhrasings, event: LearningEvent): ArticlePhrasings {
  return record(phrasings, event, 'handoff');
}

/** An editor removed a phrasing (by its key). */
export function removePhrasing(phrasings: ArticlePhrasings, locale: KbLocaleCode, key: string): ArticlePhrasings {
  return phrasings.filter((p) => !(p.locale === locale && p.key === key));
}

/** What the search index holds for the article in `locale`: the phrasings with a positive net weight, strongest first, markers dropped. */
export function indexedPhrasings(phrasings: ArticlePhrasings, locale: KbLocaleCode): string[] {
  return phrasings
    .filter((p) => p.locale === locale && netWeight(p) > 0)
    .sort(byStrength)
    .map((p) => p.text.replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').trim());
}

/** The editors' view: every phrasing of the locale with its source and counts, strongest first. */
export function phrasingsForEditors(phrasings: ArticlePhrasings, locale: KbLocaleCode): LearnedPhrasing[] {
  return phrasings.filter((p) => p.locale === locale).sort(byStrength);
}
