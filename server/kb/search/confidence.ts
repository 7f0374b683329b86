import type { Ranked } from './article-index';

/**
 * How likely the top article of a search is the right answer: a logistic model over what the
 * ranking shows (no model download, no LLM). The answer bot answers only when this probability is
 * at or above the site's threshold; below it, the conversation goes to people.
 *
 * Features (all free of the index's size, so one model serves small and large knowledge bases):
 * - `strength`: log(1 + top score per query term) — how well the best article matched;
 * - `margin`: (top − second) / top — how clearly it beat the runner-up;
 * - `coverage`: the share of the query's terms the top article matched;
 * - `viaPhrasings`: the share of its matched terms found in its learned phrasings (a question
 *   visitors asked before, answered by this article);
 * - `length`: log(1 + number of query terms) — one-word queries are ambiguous.
 *
 * `DEFAULT_CONFIDENCE_MODEL` was fitted by `npm run eval:kb` on the Bitext TRAIN split only (the
 * requests not learned as phrasings), and is printed there as `calibration.model` to refit.
 */
export const FEATURES = ['strength', 'margin', 'coverage', 'viaPhrasings', 'length'] as const;

export interface ConfidenceModel {
  bias: number;
  /** One weight per entry of FEATURES, in that order. */
  weights: number[];
}

export const DEFAULT_CONFIDENCE_MODEL: ConfidenceModel = { bias: -6.676, weights: [1.163, 5.16, 0.3073, -0.1249, 1.141] };

/** The threshold a site starts with: answer only when at least this likely right. */
export const DEFAULT_ANSWER_THRESHOLD = 0.8;

/** The features of a search's top hit; null when nothing matched, or nothing but numbers. */
export function confidenceFeatures(ranked: Ranked): number[] | null {
  const [top, second] = ranked.hits;
  if (!top || top.rawScore <= 0 || !top.matchedWord || ranked.queryTerms.length === 0) return null;
  const terms = ranked.queryTerms.length;
  return [
    Math.log1p(top.rawScore / terms),
    second ? (top.rawScore - second.rawScore) / top.rawScore : 1,
    top.coverage,
    top.viaPhrasings,
    Math.log1p(terms),
  ];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function linear(model: ConfidenceModel, features: readonly number[]): number {
  return features.reduce((z, x, i) => z + x * (model.weights[i] ?? 0), model.bias);
}

/** The calibrated probability that the top hit is the right article (0 when there is no hit). */
export function confidenceOf(ranked: Ranked, model: ConfidenceModel = DEFAULT_CONFIDENCE_MODEL): number {
  const features = confidenceFeatures(ranked);
  return features === null ? 0 : sigmoid(linear(model, features));
}

/** Whether the bot should answer: the confidence at or above the site's threshold (a probability in [0, 1]). */
export function shouldAnswer(confidence: number, threshold: number = DEFAULT_ANSWER_THRESHOLD): boolean {
  return confidence > 0 && confidence >= threshold;
}

export interface CalibrationExample {
  features: readonly number[];
  correct: boolean;
}

/**
 * Fits the model by penalised maximum likelihood (Newton's method, ridge `lambda` on the weights,
 * not the bias). Deterministic; a few hundred examples suffice.
 */
export function fitConfidence(examples: readonly CalibrationExample[], lambda = 1, iterations = 50): ConfidenceModel {
  const n = FEATURES.length + 1;
  let beta = new Array<number>(n).fill(0);
  const row = (e: CalibrationExample) => [1, ...e.features];
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const e of examples) {
      const x = row(e);
      const p = sigmoid(x.reduce((z, xi, i) => z + xi * beta[i]!, 0));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < n; i++) {
        gradient[i]! += (p - (e.correct ? 1 : 0)) * x[i]!;
        for (let j = 0; j < n; j++) hessian[i]![j]! += w * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < n; i++) {
      gradient[i]! += lambda * beta[i]!;
      hessian[i]![i]! += lambda;
    }
    hessian[0]![0]! += 1e-9;
    const step = solve(hessian, gradient);
    beta = beta.map((b, i) => b - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const round = (x: number) => Number(x.toPrecision(4));
  return { bias: round(beta[0]!), weights: beta.slice(1).map(round) };
}

/** Gaussian elimination with partial pivoting (small dense systems). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= m[r]![k]! * x[k]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

/**
 * The lowest threshold whose answered share keeps precision at or above `precision` on labelled
 * examples (probabilities with whether the top hit was right); 1 when none does. For choosing a
 * site's threshold from its own outcomes, or the default from the train split.
 */
export function thresholdFor(scored: readonly { confidence: number; correct: boolean }[], precision: number): number {
  const sorted = [...scored].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let best = 1;
  sorted.forEach((s, i) => {
    if (s.correct) right += 1;
    const next = sorted[i + 1];
    if (right / (i + 1) >= precision && (!next || next.confidence < s.confidence)) best = s.confidence;
  });
  return best;
}
