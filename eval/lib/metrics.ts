// Ranking and threshold metrics for binary scores.

interface Scored {
  score: number;
  positive: boolean;
}

/** Groups of tied scores, highest first, with the positives and total in each group. */
function tiedGroups(items: Scored[]): { positives: number; count: number }[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const groups: { positives: number; count: number }[] = [];
  let last = Number.NaN;
  for (const item of sorted) {
    if (item.score !== last) groups.push({ positives: 0, count: 0 });
    const group = groups[groups.length - 1]!;
    group.count += 1;
    if (item.positive) group.positives += 1;
    last = item.score;
  }
  return groups;
}

/** Area under the ROC curve (ties count half). */
export function rocAuc(items: Scored[]): number {
  const positives = items.filter((i) => i.positive).length;
  const negatives = items.length - positives;
  let negativesBelow = negatives;
  let area = 0;
  for (const group of tiedGroups(items)) {
    const groupNegatives = group.count - group.positives;
    negativesBelow -= groupNegatives;
    area += group.positives * (negativesBelow + groupNegatives / 2);
  }
  return area / (positives * negatives);
}

/** Area under the precision-recall curve as average precision (step-wise, over distinct thresholds). */
export function prAuc(items: Scored[]): number {
  const positives = items.filter((i) => i.positive).length;
  let truePositives = 0;
  let seen = 0;
  let area = 0;
  for (const group of tiedGroups(items)) {
    truePositives += group.positives;
    seen += group.count;
    area += (group.positives / positives) * (truePositives / seen);
  }
  return area;
}

export interface AtThreshold {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of sessions scored at or above the threshold: those the product would escalate. */
  escalatedShare: number;
}

export function atThreshold(items: Scored[], threshold: number): AtThreshold {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const item of items) {
    const flagged = item.score >= threshold;
    if (flagged && item.positive) tp += 1;
    else if (flagged) fp += 1;
    else if (item.positive) fn += 1;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1, escalatedShare: (tp + fp) / items.length };
}

/** The threshold on a 0.01 grid (what a site setting holds) with the highest F1. */
export function bestF1Threshold(items: Scored[]): number {
  let best = atThreshold(items, 0.5);
  for (let step = 1; step < 100; step++) {
    const candidate = atThreshold(items, step / 100);
    if (candidate.f1 > best.f1) best = candidate;
  }
  return best.threshold;
}
