// Chooses the binning and penalty by 5-fold cross-validation on the training split, picks the
// escalation threshold on the out-of-fold scores, then refits on the whole training split.
import { scoreIntent, type IntentModel } from '../../shared/lifecycle';
import { fitBinnedLogistic, type BinSpec, type Example, type FeatureSpec, type ModelSpec } from './binned-logistic';
import { atThreshold, bestF1Threshold, prAuc, rocAuc, type AtThreshold } from './metrics';

export const FOLDS = 5;
export const LAMBDAS = [1, 3, 10, 30, 100];
export const BIN_COUNTS = [8, 12];

export interface Tuned {
  model: IntentModel;
  lambda: number;
  bins: number;
  /** Out-of-fold figures on the training split (the threshold is chosen here). */
  cv: Figures;
  /** The final model scored on its own training rows. */
  fit: { rocAuc: number; prAuc: number };
}

export interface Figures extends AtThreshold {
  rocAuc: number;
  prAuc: number;
}

export const score = (model: IntentModel, examples: Example[]) =>
  examples.map((e) => ({ score: scoreIntent(e.signals, model).score, positive: e.positive }));

export function figures(model: IntentModel, examples: Example[], threshold: number): Figures {
  const scored = score(model, examples);
  return { rocAuc: rocAuc(scored), prAuc: prAuc(scored), ...atThreshold(scored, threshold) };
}

/** Sets the bin count of every quantile-binned feature. */
function withBins(spec: ModelSpec, bins: number): ModelSpec {
  const set = (features: FeatureSpec): FeatureSpec =>
    Object.fromEntries(
      Object.entries(features).map(([signal, binSpec]: [string, BinSpec]) => [
        signal,
        binSpec.kind === 'fixed' ? binSpec : { ...binSpec, bins },
      ]),
    );
  return { shared: set(spec.shared), ...(spec.segments && { segments: { ...spec.segments, features: set(spec.segments.features) } }) };
}

export function tune(name: string, spec: ModelSpec, train: Example[], progress: (line: string) => void): Tuned {
  let best: { lambda: number; bins: number; oof: { score: number; positive: boolean }[]; auc: number } | null = null;
  for (const bins of BIN_COUNTS) {
    for (const lambda of LAMBDAS) {
      const oof: { score: number; positive: boolean }[] = [];
      for (let fold = 0; fold < FOLDS; fold++) {
        const model = fitBinnedLogistic(
          withBins(spec, bins),
          train.filter((_, i) => i % FOLDS !== fold),
          { lambda },
        );
        oof.push(
          ...score(
            model,
            train.filter((_, i) => i % FOLDS === fold),
          ),
        );
      }
      const auc = rocAuc(oof);
      progress(`${name}: ${bins} bins, λ=${lambda}: cross-validated ROC-AUC ${auc.toFixed(4)}`);
      if (!best || auc > best.auc) best = { lambda, bins, oof, auc };
    }
  }
  const { lambda, bins, oof } = best!;
  const threshold = bestF1Threshold(oof);
  const model = fitBinnedLogistic(withBins(spec, bins), train, { lambda });
  const fitted = score(model, train);
  return {
    model,
    lambda,
    bins,
    cv: { rocAuc: rocAuc(oof), prAuc: prAuc(oof), ...atThreshold(oof, threshold) },
    fit: { rocAuc: rocAuc(fitted), prAuc: prAuc(fitted) },
  };
}
