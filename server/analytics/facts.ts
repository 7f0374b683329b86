import { FUNNEL_STAGES, type HesitationOutcome } from '../../shared/contract/analytics';
import type { HesitationKind, Stage } from '../../shared/lifecycle';
import type { Family } from '../data';

export { FAMILIES, type Family } from '../data';

/**
 * An analytics event: one fact the product reports as it happens. Each becomes counts in its site's
 * UTC-day rollup (`countsOf`); nothing else is stored per event.
 */
export type AnalyticsFact =
  /** A visitor of this cohort (first seen on `cohortAt`'s day) reached these stages for the first time. */
  | { type: 'stages_reached'; siteId: string; cohortAt: Date; stages: Stage[] }
  | { type: 'hesitation'; siteId: string; at: Date; kind: HesitationKind; outcome: HesitationOutcome }
  /** An order followed the hesitation of `at` within 24 h. */
  | { type: 'hesitation_purchase'; siteId: string; at: Date; kind: HesitationKind; outcome: HesitationOutcome }
  | { type: 'first_response'; siteId: string; at: Date; seconds: number }
  | { type: 'resolution'; siteId: string; at: Date; seconds: number }
  | { type: 'csat'; siteId: string; at: Date; rating: number }
  | { type: 'kb_search'; siteId: string; at: Date; locale: string; query: string; results: number }
  | { type: 'kb_view' | 'kb_deflection' | 'kb_escalation'; siteId: string; at: Date }
  /** The answer bot answered a question, and what came of the answer (counted on the answer's day). */
  | { type: 'bot'; siteId: string; at: Date; outcome: BotOutcome };

/** `answered` counts every answer; each then ends as one of the others, or not yet. */
export const BOT_OUTCOMES = ['answered', 'confirmed', 'assumed', 'handed_off'] as const;
export type BotOutcome = (typeof BOT_OUTCOMES)[number];

export interface Count {
  day: string;
  family: Family;
  key: string;
  n: number;
}

/** Histogram upper bounds in seconds; a last, open bucket (`more`) follows. */
export const FIRST_RESPONSE_BOUNDS = [15, 30, 60, 120, 300, 600, 1800, 3600] as const;
export const RESOLUTION_BOUNDS = [300, 900, 1800, 3600, 4 * 3600, 86_400, 3 * 86_400] as const;
export const OPEN_BUCKET = 'more';

export function bucketOf(seconds: number, bounds: readonly number[]): string {
  const upTo = bounds.find((bound) => seconds <= bound);
  return upTo === undefined ? OPEN_BUCKET : String(upTo);
}

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The Monday (UTC) of the day's week. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return dayOf(new Date(date.getTime() - sinceMonday * 86_400_000));
}

/** Gap rows are keyed `<locale>|<query>`; a query may itself hold `|`. */
export const gapKey = (locale: string, query: string): string => `${locale}|${query}`;
export function splitGapKey(key: string): { locale: string; query: string } {
  const at = key.indexOf('|');
  return { locale: key.slice(0, at), query: key.slice(at + 1) };
}
export const hesitationKey = (kind: HesitationKind, outcome: HesitationOutcome): string => `${kind}|${outcome}`;

export function countsOf(fact: AnalyticsFact): Count[] {
  const one = (at: Date, family: Family, key: string): Count => ({ day: dayOf(at), family, key, n: 1 });
  switch (fact.type) {
    case 'stages_reached':
      return fact.stages.map((stage) => one(fact.cohortAt, 'funnel', stage));
    case 'hesitation':
      return [one(fact.at, 'hesitations', hesitationKey(fact.kind, fact.outcome))];
    case 'hesitation_purchase':
      return [one(fact.at, 'purchases', hesitationKey(fact.kind, fact.outcome))];
    case 'first_response':
      return [one(fact.at, 'firstResponse', bucketOf(fact.seconds, FIRST_RESPONSE_BOUNDS))];
    case 'resolution':
      return [one(fact.at, 'resolution', bucketOf(fact.seconds, RESOLUTION_BOUNDS))];
    case 'csat':
      return [one(fact.at, 'csat', String(fact.rating))];
    case 'kb_search':
      return fact.results > 0
        ? [one(fact.at, 'kb', 'searches')]
        : [one(fact.at, 'kb', 'searches'), one(fact.at, 'kb', 'zeroResults'), one(fact.at, 'gaps', gapKey(fact.locale, fact.query))];
    case 'kb_view':
      return [one(fact.at, 'kb', 'views')];
    case 'kb_deflection':
      return [one(fact.at, 'kb', 'deflections')];
    case 'kb_escalation':
      return [one(fact.at, 'kb', 'escalations')];
    case 'bot':
      return [one(fact.at, 'bot', fact.outcome)];
  }
}

/**
 * The funnel stages a move to `stage` reaches for the first time, given the stages reached before:
 * reaching a stage counts every funnel stage up to it (a visitor who fills a cart on the first visit
 * has passed engagement and evaluation too), so the funnel never widens. `at_risk` is off the path and
 * counts once.
 */
export function newlyReachedStages(before: readonly Stage[], stage: Stage): Stage[] {
  if (stage === 'at_risk') return before.includes('at_risk') ? [] : ['at_risk'];
  const furthest = Math.max(-1, ...before.map((s) => FUNNEL_STAGES.indexOf(s as (typeof FUNNEL_STAGES)[number])));
  return FUNNEL_STAGES.slice(furthest + 1, FUNNEL_STAGES.indexOf(stage as (typeof FUNNEL_STAGES)[number]) + 1);
}
