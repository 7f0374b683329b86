import { FUNNEL_STAGES, type HesitationOutcome } from '../../../shared/contract/analytics';
import type { HesitationKind, Stage } from '../../../shared/lifecycle';
import type { AnalyticsFact } from '../facts';

const DAY_MS = 86_400_000;

/** Mulberry32: a small seeded generator, so demo data and the bench are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(rand: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  let x = rand() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weighted) {
    x -= w;
    if (x <= 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** Log-normal seconds around `median` (spread: the standard deviation of the log). */
const logNormal = (rand: () => number, median: number, spread: number) =>
  median * Math.exp(spread * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));

/** Chance to move on to each funnel stage from the one before (engagement … advocacy). */
const NEXT_STAGE = [0.46, 0.62, 0.38, 0.42, 0.27, 0.22];
const KINDS: ReadonlyArray<readonly [HesitationKind, number]> = [
  ['checkout_idle', 30],
  ['cart_dwell', 25],
  ['shipping_loop', 18],
  ['exit_intent', 17],
  ['price_question', 10],
];
const OUTCOMES: ReadonlyArray<readonly [HesitationOutcome, number]> = [
  ['prompted', 58],
  ['below_threshold', 21],
  ['capped', 14],
  ['in_chat', 7],
];
/** Order within 24 h: prompted buyers convert more often than the ones left alone (the demo's story). */
const PURCHASE_RATE: Record<HesitationOutcome, number> = { prompted: 0.36, below_threshold: 0.14, capped: 0.21, in_chat: 0.3 };
const GAPS: ReadonlyArray<readonly [string, string, number]> = [
  ['klarna', 'en', 14],
  ['gift wrapping', 'en', 11],
  ['size chart kids', 'en', 9],
  ['ship to norway', 'en', 8],
  ['vegan leather', 'en', 6],
  ['doprava slovensko', 'cs', 5],
  ['rassrochka', 'ru', 4],
  ['paczkomat', 'pl', 4],
  ['student discount', 'en', 3],
  ['ارسال رایگان', 'fa', 2],
];

export interface DemoOptions {
  siteId: string;
  /** Facts to generate; the journeys stop once this many exist. */
  events: number;
  days: number;
  /** The last day (UTC) of the data. */
  end: Date;
  seed?: number;
}

/**
 * Realistic analytics facts for a shop: visitor journeys down the funnel, hesitations and what came
 * of them, knowledge-base searches and reads, the answer bot's answers and how they ended,
 * conversations with reply times and ratings (which get better over the period). Exactly `events`
 * facts, seeded.
 */
export function demoFacts({ siteId, events, days, end, seed = 7 }: DemoOptions): AnalyticsFact[] {
  const rand = random(seed);
  const facts: AnalyticsFact[] = [];
  const start = Date.parse(end.toISOString().slice(0, 10)) - (days - 1) * DAY_MS;
  const push = (fact: AnalyticsFact) => facts.length < events && facts.push(fact);
  while (facts.length < events) {
    let dayIndex = Math.floor(rand() * days);
    // Weekends bring a fifth fewer visitors.
    if ([0, 6].includes(new Date(start + dayIndex * DAY_MS).getUTCDay()) && rand() < 0.2) dayIndex = Math.floor(rand() * days);
    const cohortAt = new Date(Math.min(end.getTime(), start + dayIndex * DAY_MS + Math.floor(rand() * DAY_MS)));
    const later = (maxDays: number) => new Date(Math.min(end.getTime(), cohortAt.getTime() + rand() * maxDays * DAY_MS));
    const progress = dayIndex / Math.max(1, days - 1);

    push({ type: 'stages_reached', siteId, cohortAt, stages: ['awareness'] });
    let reached = 0;
    while (reached < NEXT_STAGE.length && rand() < NEXT_STAGE[reached]!) {
      reached++;
      push({ type: 'stages_reached', siteId, cohortAt, stages: [FUNNEL_STAGES[reached]! as Stage] });
    }
    if (reached >= 4 && rand() < 0.12) push({ type: 'stages_reached', siteId, cohortAt, stages: ['at_risk'] });

    if (reached >= 2 && rand() < 0.45) {
      const at = later(1);
      for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) push({ type: 'kb_view', siteId, at });
      if (rand() < 0.62) push({ type: 'kb_deflection', siteId, at });
      else if (rand() < 0.4) push({ type: 'kb_escalation', siteId, at });
      const gap =
        rand() < 0.18
          ? pick(
              rand,
              GAPS.map(([q, l, w]) => [[q, l], w] as const),
            )
          : null;
      push({ type: 'kb_search', siteId, at, locale: gap?.[1] ?? 'en', query: gap?.[0] ?? 'returns', results: gap ? 0 : 3 });
      // The answer bot takes part of the questions; hand-offs fall as the knowledge base learns.
      if (!gap && rand() < 0.55) {
        push({ type: 'bot', siteId, at, outcome: 'answered' });
        const ending = pick(rand, [
          ['confirmed', 30],
          ['assumed', 48 + 10 * progress],
          ['handed_off', 22 - 10 * progress],
        ] as const);
        push({ type: 'bot', siteId, at, outcome: ending });
      }
    }
    if (reached >= 3 || (reached === 2 && rand() < 0.25)) {
      const at = later(1);
      const kind = pick(rand, KINDS);
      const outcome = pick(rand, OUTCOMES);
      push({ type: 'hesitation', siteId, at, kind, outcome });
      if (rand() < PURCHASE_RATE[outcome]) push({ type: 'hesitation_purchase', siteId, at, kind, outcome });
    }
    if (rand() < (reached >= 3 ? 0.35 : 0.06)) {
      const at = later(2);
      // Agents got quicker over the period: medians fall from ~70 s to ~35 s.
      push({ type: 'first_response', siteId, at, seconds: logNormal(rand, 70 - 35 * progress, 0.9) });
      push({ type: 'resolution', siteId, at, seconds: logNormal(rand, 1500, 1.3) });
      if (rand() < 0.48) {
        const rating = pick(rand, [
          [5, 40 + 25 * progress],
          [4, 30],
          [3, 12],
          [2, 8 - 4 * progress],
          [1, 7 - 3 * progress],
        ] as const);
        push({ type: 'csat', siteId, at, rating });
      }
    }
  }
  return facts;
}
