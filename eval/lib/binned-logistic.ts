// Fits the additive binned intent model: each signal's value falls in one bin, each bin has a weight
// (log-odds), logit = bias + Σ weights. Penalised logistic regression fitted by Newton's method.
import { binIndex, signalValue, type IntentModel, type IntentSignals } from '../../shared/lifecycle';

/**
 * How a signal is binned: `quantile` = edges at training quantiles (ties merged); `zeroAndQuantile`
 * = a bin of its own for 0, quantiles of the positive values above it; `fixed` = given edges
 * (booleans, months). Ordered bins are smoothed (adjacent weights pulled together); `fixed`
 * categories are shrunk towards the most common one.
 */
export type BinSpec = { kind: 'quantile' | 'zeroAndQuantile'; bins: number } | { kind: 'fixed'; edges: number[] };
export type FeatureSpec = Partial<Record<keyof IntentSignals, BinSpec>>;

/** `shared` features apply to every session; `segments` gives each bin of signal `by` its own `features`. */
export interface ModelSpec {
  shared: FeatureSpec;
  segments?: { by: keyof IntentSignals; edges: number[]; features: FeatureSpec };
}

export interface Example {
  signals: IntentSignals;
  positive: boolean;
}

export interface FitOptions {
  /** Strength of the penalty on weight differences (ordered bins) and on weights (categories). */
  lambda: number;
}

const round4 = (x: number) => Number(x.toPrecision(4));

function quantileEdges(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1] ?? 0;
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const edge = round4(sorted[Math.floor((i / bins) * (sorted.length - 1))]!);
    if (edge < max && (edges.length === 0 || edge > edges[edges.length - 1]!)) edges.push(edge);
  }
  return edges;
}

export function edgesFor(spec: BinSpec, values: number[]): number[] {
  if (spec.kind === 'fixed') return spec.edges;
  if (spec.kind === 'quantile') return quantileEdges(values, spec.bins);
  const positives = values.filter((v) => v > 0);
  return [0, ...quantileEdges(positives, spec.bins - 1).filter((edge) => edge > 0)];
}

interface Feature {
  signal: string;
  /** null: a shared feature; else the segment it belongs to. */
  segment: number | null;
  edges: number[];
  smooth: boolean;
  columns: (number | null)[];
}

interface Design {
  features: Feature[];
  columns: number;
  segmentOf: (signals: IntentSignals) => number | null;
}

/** Bins every feature on its (segment's) training rows; the most common bin is the reference, weight 0. */
function design(spec: ModelSpec, train: Example[]): Design {
  const { segments } = spec;
  const segmentOf = (signals: IntentSignals) => (segments ? binIndex(segments.edges, signalValue(signals, segments.by) ?? 0) : null);
  let columns = 1; // column 0 is the bias
  const build = (features: FeatureSpec, segment: number | null, rows: Example[]): Feature[] =>
    Object.entries(features).map(([signal, binSpec]) => {
      const values = rows.map((e) => signalValue(e.signals, signal) ?? 0);
      const edges = edgesFor(binSpec, values);
      const counts = new Array<number>(edges.length + 1).fill(0);
      for (const v of values) counts[binIndex(edges, v)]! += 1;
      const reference = counts.indexOf(Math.max(...counts));
      const featureColumns = counts.map((_, bin) => (bin === reference ? null : columns++));
      return { signal, segment, edges, smooth: binSpec.kind !== 'fixed', columns: featureColumns };
    });
  const features = build(spec.shared, null, train);
  if (segments) {
    for (let segment = 0; segment <= segments.edges.length; segment++) {
      features.push(
        ...build(
          segments.features,
          segment,
          train.filter((e) => segmentOf(e.signals) === segment),
        ),
      );
    }
  }
  return { features, columns, segmentOf };
}

function activeColumns(d: Design, signals: IntentSignals): number[] {
  const segment = d.segmentOf(signals);
  return d.features.flatMap((f) => {
    if (f.segment !== null && f.segment !== segment) return [];
    const column = f.columns[binIndex(f.edges, signalValue(signals, f.signal) ?? 0)];
    return column === null || column === undefined ? [] : [column];
  });
}

/** Penalty matrix: first differences of adjacent bins for ordered features, ridge for categories. */
function penalty(d: Design, lambda: number): Float64Array {
  const n = d.columns;
  const p = new Float64Array(n * n);
  const add = (a: number | null | undefined, b: number | null | undefined, v: number) => {
    if (a !== null && a !== undefined && b !== null && b !== undefined) p[a * n + b]! += v;
  };
  for (const f of d.features) {
    if (f.smooth) {
      for (let i = 0; i + 1 < f.columns.length; i++) {
        const [a, b] = [f.columns[i], f.columns[i + 1]];
        add(a, a, lambda);
        add(b, b, lambda);
        add(a, b, -lambda);
        add(b, a, -lambda);
      }
    } else {
      for (const c of f.columns) add(c, c, lambda);
    }
  }
  for (let i = 1; i < n; i++) p[i * n + i]! += 1e-6; // keeps H positive definite for empty bins
  return p;
}

/** Solves A x = b for symmetric positive definite A (Cholesky), in place of b's copy. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = i === j ? Math.sqrt(sum) : sum / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

export function fitBinnedLogistic(spec: ModelSpec, train: Example[], options: FitOptions): IntentModel {
  const d = design(spec, train);
  const n = d.columns;
  const rows = train.map((e) => ({ columns: [0, ...activeColumns(d, e.signals)], y: e.positive ? 1 : 0 }));
  const p = penalty(d, options.lambda);
  const theta = new Float64Array(n);
  for (let iteration = 0; iteration < 100; iteration++) {
    const gradient = new Float64Array(n);
    const hessian = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gradient[i]! += p[i * n + j]! * theta[j]!;
    for (const row of rows) {
      let logit = 0;
      for (const c of row.columns) logit += theta[c]!;
      const prob = 1 / (1 + Math.exp(-logit));
      const w = prob * (1 - prob);
      for (const a of row.columns) {
        gradient[a]! += prob - row.y;
        for (const b of row.columns) hessian[a * n + b]! += w;
      }
    }
    const step = solve(hessian, gradient, n);
    let largest = 0;
    for (let i = 0; i < n; i++) {
      theta[i]! -= step[i]!;
      largest = Math.max(largest, Math.abs(step[i]!));
    }
    if (largest < 1e-9) break;
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const table = (segment: number | null) =>
    Object.fromEntries(
      d.features
        .filter((f) => f.segment === segment)
        .map((f) => [f.signal, { edges: f.edges, weights: f.columns.map((c) => (c === null || c === undefined ? 0 : round(theta[c]!))) }]),
    );
  const { segments } = spec;
  return {
    bias: round(theta[0]!),
    bins: table(null),
    ...(segments && { segments: { by: segments.by, edges: segments.edges, tables: segments.edges.concat(0).map((_, i) => table(i)) } }),
  };
}
