import { z } from 'zod';
import learned from './intent-model.json';

/** What the server measures about the visitor's current session, the inputs of the intent score. */
export const IntentSignals = z.object({
  productPages: z.number().min(0),
  productSeconds: z.number().min(0),
  /** Shipping, returns, pricing, content and about pages. */
  infoPages: z.number().min(0),
  infoSeconds: z.number().min(0),
  accountPages: z.number().min(0),
  accountSeconds: z.number().min(0),
  /** Mean, over this session's pages, of the site's per-page bounce rate (0..1). */
  bounceRate: z.number().min(0).max(1),
  /** Mean, over this session's pages, of the site's per-page exit rate (0..1). */
  exitRate: z.number().min(0).max(1),
  /** Mean page value of this session's pages: order revenue that followed visits to a page / its unique views. */
  pageValue: z.number().min(0),
  returning: z.boolean(),
  /** 1..12 */
  month: z.number().int().min(1).max(12),
  weekend: z.boolean(),
  cartItems: z.number().int().min(0),
  checkoutStarted: z.boolean(),
});
export type IntentSignals = z.infer<typeof IntentSignals>;
export type IntentSignal = keyof IntentSignals;

/**
 * One signal's binned contributions: `weights[i]` (log-odds) applies to values in
 * `(edges[i-1], edges[i]]`, `weights[0]` to values ≤ `edges[0]`, the last weight to values above
 * the last edge. Booleans count as 0/1.
 */
export const SignalBins = z
  .object({ edges: z.array(z.number()), weights: z.array(z.number()) })
  .refine((b) => b.weights.length === b.edges.length + 1, 'weights must have one more entry than edges')
  .refine((b) => b.edges.every((edge, i) => i === 0 || edge > b.edges[i - 1]!), 'edges must increase');
export type SignalBins = z.infer<typeof SignalBins>;

const BinTable = z.record(z.string(), SignalBins);

/**
 * Additive, binned model (a segmented credit scorecard / GAM): logit = bias + Σ the contribution of
 * each signal's bin. `bins` apply to every session; with `segments`, the bin of signal `by` (on
 * `edges`) picks one more table of per-signal bins (e.g. sessions whose pages have no page value get
 * their own product-page weights). Each signal appears in at most one table a session uses, so every
 * contribution belongs to exactly one signal.
 */
export const IntentModel = z.object({
  bias: z.number(),
  bins: BinTable,
  segments: z
    .object({ by: z.string(), edges: z.array(z.number()), tables: z.array(BinTable) })
    .refine((seg) => seg.tables.length === seg.edges.length + 1, 'one table per segment bin')
    .optional(),
});
export type IntentModel = z.infer<typeof IntentModel>;

export const IntentReason = z.object({
  /** A key of IntentSignals. */
  signal: z.string(),
  /** Log-odds this signal added to the score (negative lowers it). */
  contribution: z.number(),
  /** Plain words for the shop's agent, e.g. "looked at 14 product pages". */
  detail: z.string(),
});
export type IntentReason = z.infer<typeof IntentReason>;

/**
 * Product-only priors, not learned: the UCI sessions the rest of the model was fitted on carry no
 * cart data, so these two are set by hand (an assumption, not a measurement). A non-empty cart adds
 * +2.0 log-odds: a session whose pages have no page value (the learned baseline, ≈ 5 %) rises to
 * ≈ 30 %, about the share of carts that end in an order when ~70 % are abandoned, the usual rule of
 * thumb. A started checkout adds +1.0 more (≈ 50 %). Sessions whose pages already carry page value
 * score high without them, so the priors matter mostly for new sites, whose pages have no value yet.
 */
export const PRODUCT_PRIORS: IntentModel['bins'] = {
  cartItems: { edges: [0], weights: [0, 2.0] },
  checkoutStarted: { edges: [0], weights: [0, 1.0] },
};

/** The learned weights (`npm run eval:intent -- --write`) plus the product-only priors. */
export const DEFAULT_INTENT_MODEL: IntentModel = (() => {
  const model = IntentModel.parse(learned);
  return { ...model, bins: { ...model.bins, ...PRODUCT_PRIORS } };
})();

/** Index of the bin `value` falls in: the first edge it does not exceed, else the last bin. */
export function binIndex(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export const signalValue = (signals: Partial<IntentSignals>, signal: string): number | null => {
  const value: unknown = signals[signal as IntentSignal];
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const plural = (n: number, word: string) => `${Math.round(n)} ${word}${Math.round(n) === 1 ? '' : 's'}`;
const duration = (s: number) => (s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;
const howOften = (rate: number) => (rate < 0.05 ? 'rarely' : rate < 0.25 ? 'sometimes' : 'often');

/**
 * What a signal's value means for a shop's agent, in plain words with the number kept. Calendar
 * signals carry no meaning of their own, so their text says which way the model's history for that
 * month or day (`contribution`) points.
 */
export function describeSignal(signal: string, v: number, contribution: number): string {
  switch (signal) {
    case 'productPages':
      return `looked at ${plural(v, 'product page')}`;
    case 'productSeconds':
      return `spent ${duration(v)} on product pages`;
    case 'infoPages':
      return `read ${plural(v, 'page')} about shipping, returns, prices or the shop`;
    case 'infoSeconds':
      return `spent ${duration(v)} reading about shipping, returns, prices or the shop`;
    case 'accountPages':
      return `opened ${plural(v, 'account page')} (sign-in, orders, profile)`;
    case 'accountSeconds':
      return `spent ${duration(v)} on account pages`;
    case 'bounceRate':
      return `came in on pages that visitors ${howOften(v)} leave straight away (${percent(v)} do)`;
    case 'exitRate':
      return `browsed pages that visitors ${howOften(v)} leave the shop from (${percent(v)} of views end there)`;
    case 'pageValue':
      return v > 0
        ? `viewed pages that often come before an order (${v.toFixed(2)} in later sales per view)`
        : 'viewed only pages that have not come before an order yet';
    case 'returning':
      return v ? 'came back for another visit' : 'first visit to the shop';
    case 'month':
      return `visiting in ${MONTHS[Math.round(v) - 1] ?? `month ${v}`} (${contribution > 0 ? 'a month when visitors buy more' : 'a quieter month for sales'})`;
    case 'weekend':
      return `visiting on a ${v ? 'weekend' : 'weekday'} (${contribution > 0 ? 'visitors buy more then' : 'visitors buy less then'})`;
    case 'cartItems':
      return v > 0 ? `has ${plural(v, 'item')} in the cart` : 'has nothing in the cart';
    case 'checkoutStarted':
      return v ? 'started checking out' : 'has not started checking out';
    default:
      return `${signal}: ${v}`;
  }
}

/** Purchase-intent score in [0,1] with each signal's contribution, largest first; zero contributions are left out. */
export function scoreIntent(
  signals: IntentSignals,
  model: IntentModel = DEFAULT_INTENT_MODEL,
): { score: number; logit: number; reasons: IntentReason[] } {
  let logit = model.bias;
  const reasons: IntentReason[] = [];
  const { segments } = model;
  const segmentValue = segments ? signalValue(signals, segments.by) : null;
  const segmentTable = segments && segmentValue !== null ? segments.tables[binIndex(segments.edges, segmentValue)] : undefined;
  for (const [signal, bins] of [...Object.entries(model.bins), ...Object.entries(segmentTable ?? {})]) {
    const value = signalValue(signals, signal);
    if (value === null) continue;
    const contribution = bins.weights[binIndex(bins.edges, value)]!;
    logit += contribution;
    if (contribution !== 0) reasons.push({ signal, contribution, detail: describeSignal(signal, value, contribution) });
  }
  reasons.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { score: 1 / (1 + Math.exp(-logit)), logit, reasons };
}
