/** Retrieval metrics over ranked id lists; every function takes one ranking and the relevant set. */

export function averagePrecision(ranking: readonly string[], relevant: ReadonlySet<string>): number {
  let found = 0;
  let sum = 0;
  ranking.forEach((id, i) => {
    if (relevant.has(id)) {
      found += 1;
      sum += found / (i + 1);
    }
  });
  return relevant.size === 0 ? 0 : sum / relevant.size;
}

export function precisionAt(k: number, ranking: readonly string[], relevant: ReadonlySet<string>): number {
  return ranking.slice(0, k).filter((id) => relevant.has(id)).length / k;
}

export function reciprocalRank(ranking: readonly string[], relevant: ReadonlySet<string>): number {
  const i = ranking.findIndex((id) => relevant.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

export function hitAt(k: number, ranking: readonly string[], relevant: ReadonlySet<string>): number {
  return ranking.slice(0, k).some((id) => relevant.has(id)) ? 1 : 0;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
