import type { AnalyticsReportName, AnalyticsReports, Histogram } from '../../shared/contract/analytics';

type Cell = string | number | null;

/** RFC 4180 quoting; text a spreadsheet would run as a formula (visitors type search queries) is prefixed with `'`. */
function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Math.round(value * 10_000) / 10_000);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const toCsv = (rows: Cell[][]): string => `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;

const histogramRows = (metric: string, h: Histogram): Cell[][] => h.buckets.map((b) => [metric, b.upTo, b.count]);

/** Each report as a table: one header row, then data rows. */
export const CSV_TABLES: { [K in AnalyticsReportName]: (report: AnalyticsReports[K]) => Cell[][] } = {
  funnel: (r) => [
    ['stage', 'visitors', 'conversion_from_previous'],
    ...r.stages.map((s) => [s.stage, s.visitors, s.fromPrevious]),
    ['at_risk', r.atRisk, null],
  ],
  escalations: (r) => [
    ['kind', 'outcome', 'hesitations', 'purchased_within_24h', 'purchase_rate'],
    ...r.byKind.flatMap((k) => [
      [k.kind, 'prompted', k.prompted.hesitations, k.prompted.purchased, k.prompted.purchaseRate],
      [k.kind, 'not_prompted', k.notPrompted.hesitations, k.notPrompted.purchased, k.notPrompted.purchaseRate],
    ]),
    ...r.byOutcome.map((o) => ['all', o.outcome, o.hesitations, o.purchased, o.purchaseRate]),
  ],
  'response-times': (r) => [
    ['metric', 'up_to_seconds', 'conversations'],
    ...histogramRows('first_response', r.firstResponse),
    ...histogramRows('resolution', r.resolution),
  ],
  csat: (r) => [
    [r.interval, 'responses', 'average', 'satisfied_share'],
    ...r.series.map((p) => [p.period, p.responses, p.average, p.satisfied]),
  ],
  kb: (r) => [
    ['metric', 'query', 'locale', 'value'],
    ['views', null, null, r.views],
    ['deflections', null, null, r.deflections],
    ['deflection_rate', null, null, r.deflectionRate],
    ['searches', null, null, r.searches],
    ['zero_result_searches', null, null, r.zeroResultSearches],
    ...r.gaps.map((g) => ['content_gap', g.query, g.locale, g.searches]),
  ],
  // Confirmed and assumed resolutions in columns of their own, never summed.
  bot: (r) => [
    [r.interval, 'answered', 'confirmed', 'assumed', 'handed_off'],
    ...r.series.map((p) => [p.period, p.answered, p.confirmed, p.assumed, p.handedOff]),
    ['total', r.totals.answered, r.totals.confirmed, r.totals.assumed, r.totals.handedOff],
    ['share_of_answered', null, r.confirmedRate, r.assumedRate, r.handedOffRate],
  ],
};
