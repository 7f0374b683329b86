import type { KbLocaleCode } from '../../../shared/kb/locales';
import { PLACEHOLDER } from '../learning/scrub';
import { indexWords, termOf } from '../search/text';
import { gapTerms } from './gap-question';

/** A stored content gap as the grouping reads it. */
export interface GapQuestion {
  id: string;
  text: string;
  locale: KbLocaleCode;
  /** Epoch milliseconds. */
  at: number;
}

/** Questions that share search terms: what one new article could answer. */
export interface GapGroup {
  /** Locale and shared terms: unique among the groups of one call. */
  key: string;
  locale: KbLocaleCode;
  /** The search terms (stems) every question of the group has, in the newest question's order. */
  terms: string[];
  /** The shared terms as the newest question writes them ("shipping norway"). */
  label: string;
  count: number;
  /** Every question of the group, newest first. */
  questionIds: string[];
  /** The newest distinct questions. */
  samples: Array<{ text: string; at: number }>;
  lastAt: number;
}

export interface GroupingOptions {
  now: number;
  /** Questions older than this are left out. */
  windowMs: number;
  samples?: number;
  maxGroups?: number;
}

/** Only a question's first terms pair up: the question is in them, and pairs grow with the square. */
const TERMS_PER_QUESTION = 10;
const LABEL_TERMS = 4;

interface Prepared extends GapQuestion {
  terms: string[];
}

/**
 * Groups content gaps by the search terms they share, through the knowledge base's own tokenizer
 * and stemmer, so "Shipping to Norway?" and "ship to norway" fall together. Pure and deterministic:
 *
 * 1. the pair of terms most questions share takes every question that has both, then the next pair
 *    among the questions left, as long as a pair has two questions;
 * 2. then, among the rest, a single shared term with two questions or more ("refund");
 * 3. what is left stands alone (a group of one).
 *
 * A group's terms are the terms all of its questions have. Groups come most frequent first, then
 * most recent.
 */
export function groupGaps(questions: readonly GapQuestion[], options: GroupingOptions): GapGroup[] {
  const { now, windowMs, samples = 3, maxGroups = 50 } = options;
  const prepared: Prepared[] = questions
    .filter((q) => q.at <= now && q.at >= now - windowMs)
    .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((q) => ({ ...q, terms: gapTerms(q.text, q.locale).slice(0, TERMS_PER_QUESTION) }))
    .filter((q) => q.terms.length > 0);

  const assigned = new Set<number>();
  const members: number[][] = [
    ...takeByShared(prepared, assigned, pairsOf),
    ...takeByShared(prepared, assigned, (q) => q.terms.map((t) => `${q.locale}\u0000${t}`)),
  ];
  for (let i = 0; i < prepared.length; i++) if (!assigned.has(i)) members.push([i]);

  return members
    .map((indexes) =>
      groupOf(
        indexes.map((i) => prepared[i]!),
        samples,
      ),
    )
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, maxGroups);
}

/** The sorted pairs of a question's terms, prefixed with its locale (terms of two languages never match). */
function pairsOf(q: Prepared): string[] {
  const sorted = [...q.terms].sort();
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) pairs.push(`${q.locale}\u0000${sorted[i]}\u0000${sorted[j]}`);
  }
  return pairs;
}

/**
 * Greedy: the feature (a term or a pair) most unassigned questions have takes them all, while it has
 * two; ties go to the feature that sorts first. Answers each taken group's question indexes.
 */
function takeByShared(questions: readonly Prepared[], assigned: Set<number>, features: (q: Prepared) => string[]): number[][] {
  const holders = new Map<string, number[]>();
  const featuresOf = questions.map((q) => features(q));
  featuresOf.forEach((list, i) => {
    if (assigned.has(i)) return;
    for (const f of list) {
      const holding = holders.get(f);
      if (holding) holding.push(i);
      else holders.set(f, [i]);
    }
  });
  // Counts only decrease: a feature below two questions never takes a group, so it leaves the scan.
  const live = new Map([...holders].flatMap(([f, list]) => (list.length >= 2 ? [[f, list.length] as const] : [])));
  const groups: number[][] = [];
  for (;;) {
    let best: string | null = null;
    let top = 0;
    for (const [f, count] of live) {
      if (count > top || (count === top && best !== null && f < best)) {
        best = f;
        top = count;
      }
    }
    if (best === null) return groups;
    const taken = holders.get(best)!.filter((i) => !assigned.has(i));
    for (const i of taken) {
      assigned.add(i);
      for (const f of featuresOf[i]!) {
        const left = (live.get(f) ?? 0) - 1;
        if (left >= 2) live.set(f, left);
        else live.delete(f);
      }
    }
    groups.push(taken);
  }
}

function groupOf(questions: readonly Prepared[], samples: number): GapGroup {
  const newest = questions[0]!;
  const terms = newest.terms.filter((t) => questions.every((q) => q.terms.includes(t))).slice(0, LABEL_TERMS);
  const seen = new Set<string>();
  const distinct = questions.filter((q) => {
    const key = q.text.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    key: `${newest.locale}:${[...terms].sort().join('+')}`,
    locale: newest.locale,
    terms,
    label: labelOf(newest, terms),
    count: questions.length,
    questionIds: questions.map((q) => q.id),
    samples: distinct.slice(0, samples).map((q) => ({ text: q.text, at: q.at })),
    lastAt: newest.at,
  };
}

/** Each term as the question wrote it (lower-cased): the first word that becomes that term. */
function labelOf(question: Prepared, terms: readonly string[]): string {
  const words = indexWords(question.text.replace(PLACEHOLDER, ' '));
  return terms.map((term) => words.find((w) => termOf(w, question.locale) === term)?.toLowerCase() ?? term).join(' ');
}
