import { z } from 'zod';
import { HesitationKind, Stage } from '../lifecycle';

// ---- REST: analytics (`GET /api/analytics/<report>?from&to[&format=csv]`, admins) ----

/** A UTC calendar day; analytics are kept per site and UTC day. */
export const AnalyticsDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
export const ANALYTICS_MAX_DAYS = 731;

export const AnalyticsQuery = z
  .object({ from: AnalyticsDay, to: AnalyticsDay, format: z.enum(['json', 'csv']).default('json') })
  .refine((q) => q.from <= q.to, '`from` must not be after `to`')
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < ANALYTICS_MAX_DAYS, `at most ${ANALYTICS_MAX_DAYS} days`);
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

export const AnalyticsReportName = z.enum(['funnel', 'escalations', 'response-times', 'csat', 'kb', 'bot']);
export type AnalyticsReportName = z.infer<typeof AnalyticsReportName>;

const Range = { from: AnalyticsDay, to: AnalyticsDay };
const count = z.number().int().min(0);
/** A share in [0, 1]; null when its denominator is 0. */
const share = z.number().min(0).max(1).nullable();

/** The stages a visitor moves through towards advocacy, in order; `at_risk` is off the path. */
export const FUNNEL_STAGES = [
  'awareness',
  'engagement',
  'evaluation',
  'purchase',
  'support',
  'loyalty',
  'advocacy',
] as const satisfies readonly Stage[];

export const FunnelReport = z.object({
  ...Range,
  /** Visitors first seen in the range (the cohort) who reached each stage or a later one, to date. */
  stages: z.array(z.object({ stage: Stage, visitors: count, fromPrevious: share })),
  /** Of the cohort, visitors who were marked at risk. */
  atRisk: count,
});
export type FunnelReport = z.infer<typeof FunnelReport>;

/**
 * What happened to a hesitation: a prompt went out, or why not — intent below the site's threshold,
 * the frequency cap (or another tab/process prompted first), or an agent already in the chat.
 */
export const HesitationOutcome = z.enum(['prompted', 'below_threshold', 'capped', 'in_chat']);
export type HesitationOutcome = z.infer<typeof HesitationOutcome>;

const Conversion = z.object({ hesitations: count, purchased: count, purchaseRate: share });
export const EscalationsReport = z.object({
  ...Range,
  prompted: Conversion,
  notPrompted: Conversion,
  byOutcome: z.array(Conversion.extend({ outcome: HesitationOutcome })),
  byKind: z.array(z.object({ kind: HesitationKind, prompted: Conversion, notPrompted: Conversion })),
});
export type EscalationsReport = z.infer<typeof EscalationsReport>;

export const Histogram = z.object({
  /** `upTo`: the bucket's upper bound in seconds (inclusive); null for the last, open bucket. */
  buckets: z.array(z.object({ upTo: z.number().nullable(), count })),
  count,
  /** Upper bound of the bucket holding the median / 90th percentile (null: the open bucket, or no data). */
  medianUpTo: z.number().nullable(),
  p90UpTo: z.number().nullable(),
});
export type Histogram = z.infer<typeof Histogram>;

export const ResponseTimesReport = z.object({ ...Range, firstResponse: Histogram, resolution: Histogram });
export type ResponseTimesReport = z.infer<typeof ResponseTimesReport>;

export const CsatPoint = z.object({
  /** The day, or the Monday starting the week. */
  period: AnalyticsDay,
  responses: count,
  average: z.number().nullable(),
  /** Share of 4 and 5 ratings. */
  satisfied: share,
});
export const CsatReport = z.object({
  ...Range,
  interval: z.enum(['day', 'week']),
  series: z.array(CsatPoint),
  ratings: z.array(z.object({ rating: z.number().int().min(1).max(5), count })),
  average: z.number().nullable(),
});
export type CsatReport = z.infer<typeof CsatReport>;

export const KbReport = z.object({
  ...Range,
  views: count,
  /** Article reads not followed by a chat within the deflection window. */
  deflections: count,
  deflectionRate: share,
  searches: count,
  zeroResultSearches: count,
  /** Searches that found nothing, most frequent first. */
  gaps: z.array(z.object({ query: z.string(), locale: z.string(), searches: count })),
});
export type KbReport = z.infer<typeof KbReport>;

/** What came of the answer bot's answers: each answer ends confirmed, assumed or handed off (or has no outcome yet). */
const BotCounts = {
  /** Questions the bot answered. */
  answered: count,
  /** The visitor clicked "That helped". */
  confirmed: count,
  /** No further message and no hand-off within the quiet period after the answer. */
  assumed: count,
  /** The visitor asked for a person after the answer. */
  handedOff: count,
};

/**
 * The answer bot per day (per week, Mondays, for long ranges), outcomes counted on the answer's day.
 * Confirmed and assumed resolutions stay apart: they are never summed into one "resolved".
 */
export const BotReport = z.object({
  ...Range,
  interval: z.enum(['day', 'week']),
  /** Every period of the range, oldest first (zeros included); a rolled-up month is one period dated by its first day. */
  series: z.array(z.object({ period: AnalyticsDay, ...BotCounts })),
  totals: z.object(BotCounts),
  /** Shares of the answered questions. */
  confirmedRate: share,
  assumedRate: share,
  handedOffRate: share,
});
export type BotReport = z.infer<typeof BotReport>;

export interface AnalyticsReports {
  funnel: FunnelReport;
  escalations: EscalationsReport;
  'response-times': ResponseTimesReport;
  csat: CsatReport;
  kb: KbReport;
  bot: BotReport;
}
