// Offline evaluation of the purchase-intent model on the UCI Online Shoppers Purchasing Intention
// data: fits the binned additive model on the training split (data-row index % 5 != 0), reports on
// the test split (index % 5 == 0), with and without PageValues, and with --write stores the fitted
// weights as the product's default model.
// Usage: npm run eval:intent -- [--data ../shared/data/online_shoppers_intention.csv] [--json] [--write] [--without-month]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IntentModel } from '../shared/lifecycle';
import type { FeatureSpec, ModelSpec } from './lib/binned-logistic';
import { loadSessions, UCI_MAPPING } from './lib/uci';
import { figures, tune, type Figures, type Tuned } from './lib/tune';

const repo = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(repo, '../shared/data/online_shoppers_intention.csv') },
    json: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    'without-month': { type: 'boolean', default: false },
  },
});
const progress = (line: string) => process.stderr.write(`${line}\n`);
/** Month is in the product model by default; `--without-month` shows the model without it (see README). */
const withMonth = !args['without-month'];

const quantile = { kind: 'quantile', bins: 10 } as const;
const CLICKSTREAM: FeatureSpec = {
  productPages: quantile,
  productSeconds: quantile,
  infoPages: quantile,
  infoSeconds: quantile,
  accountPages: quantile,
  accountSeconds: quantile,
  bounceRate: quantile,
  exitRate: quantile,
  returning: { kind: 'fixed', edges: [0] },
  weekend: { kind: 'fixed', edges: [0] },
};
const MONTH: FeatureSpec = { month: { kind: 'fixed', edges: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] } };

/**
 * Sessions whose pages have no page value and those whose pages have one get separate per-signal
 * tables (a segmented scorecard): in the data the other signals mean different things in the two.
 */
const segmentedByPageValue = (features: FeatureSpec): ModelSpec => ({
  shared: { pageValue: { kind: 'zeroAndQuantile', bins: 10 } },
  segments: { by: 'pageValue', edges: [0], features },
});

const productSpec = (month: boolean) => segmentedByPageValue(month ? { ...CLICKSTREAM, ...MONTH } : CLICKSTREAM);

progress(`Reading ${args.data}…`);
const sessions = loadSessions(args.data);
const examples = (test: boolean) =>
  sessions.filter((s) => (s.index % 5 === 0) === test).map((s) => ({ signals: s.signals, positive: s.purchased }));
const [train, test] = [examples(false), examples(true)];
progress(`${sessions.length} sessions: ${train.length} train (index % 5 != 0), ${test.length} test (index % 5 == 0)`);

const evaluate = (name: string, spec: ModelSpec) => {
  const tuned = tune(name, spec, train, progress);
  return { tuned, test: figures(tuned.model, test, tuned.cv.threshold) };
};
const product = evaluate(withMonth ? 'product model (with Month)' : 'product model', productSpec(withMonth));
const otherMonth = evaluate(withMonth ? 'without Month' : 'with Month', productSpec(!withMonth));
const withoutPageValues = evaluate('without PageValues', { shared: withMonth ? { ...CLICKSTREAM, ...MONTH } : CLICKSTREAM });

/** Why Month is a caveat: where the pages had no page value, whole months have no purchase at all. */
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const zeroPageValueByMonth = Object.fromEntries(
  MONTH_NAMES.flatMap((name, i) => {
    const inMonth = sessions.filter((s) => s.signals.month === i + 1 && s.signals.pageValue === 0);
    return inMonth.length ? [[name, { sessions: inMonth.length, purchases: inMonth.filter((s) => s.purchased).length }]] : [];
  }),
);

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const rounded = (f: Figures) => ({
  rocAuc: round(f.rocAuc),
  prAuc: round(f.prAuc),
  precision: round(f.precision),
  recall: round(f.recall),
  f1: round(f.f1),
  escalatedShare: round(f.escalatedShare),
  threshold: f.threshold,
});
const trainFigures = (t: Tuned) => ({
  sessions: train.length,
  purchases: train.filter((e) => e.positive).length,
  rocAuc: round(t.fit.rocAuc),
  prAuc: round(t.fit.prAuc),
  crossValidated: rounded(t.cv),
  binsPerSignal: t.bins,
  lambda: t.lambda,
});

const result = {
  data: { file: args.data, sessions: sessions.length, split: 'train: data-row index % 5 != 0; test: index % 5 == 0' },
  train: trainFigures(product.tuned),
  test: { sessions: test.length, purchases: test.filter((e) => e.positive).length, ...rounded(product.test) },
  [withMonth ? 'withoutMonth' : 'withMonth']: { train: trainFigures(otherMonth.tuned), test: rounded(otherMonth.test) },
  withoutPageValues: { train: trainFigures(withoutPageValues.tuned), test: rounded(withoutPageValues.test) },
  zeroPageValueSessionsByMonth: zeroPageValueByMonth,
  weights: product.tuned.model,
  mapping: {
    ...UCI_MAPPING,
    month: withMonth ? UCI_MAPPING.month : `${UCI_MAPPING.month} — left out with --without-month; reported as withMonth`,
    cartItems: 'product-only prior, not learned (PRODUCT_PRIORS in shared/lifecycle/intent.ts)',
    checkoutStarted: 'product-only prior, not learned (PRODUCT_PRIORS in shared/lifecycle/intent.ts)',
  },
};

if (args.write) {
  const path = resolve(repo, 'shared/lifecycle/intent-model.json');
  const model: IntentModel & { about: string; threshold: number } = {
    about: `Fitted by npm run eval:intent -- --write${withMonth ? '' : ' --without-month'} on the UCI Online Shoppers training split; threshold = max F1 on cross-validated training scores.`,
    threshold: product.tuned.cv.threshold,
    ...product.tuned.model,
  };
  writeFileSync(path, `${JSON.stringify(model, null, 2)}\n`);
  progress(`Wrote ${path}`);
}

if (args.json) {
  console.log(JSON.stringify(result));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(9);
  const row = (label: string, f: Figures) =>
    `${label.padEnd(34)}${f.rocAuc.toFixed(4).padStart(8)}${f.prAuc.toFixed(4).padStart(8)}${pct(f.precision)}${pct(f.recall)}${f.f1.toFixed(3).padStart(7)}${pct(f.escalatedShare)}${f.threshold.toFixed(2).padStart(7)}`;
  const other = withMonth ? 'without Month' : 'with Month';
  console.log(
    `UCI Online Shoppers: ${sessions.length} sessions; train ${train.length} (index % 5 != 0), test ${test.length} (index % 5 == 0)\n`,
  );
  console.log(
    `${''.padEnd(34)}${'ROC-AUC'.padStart(8)}${'PR-AUC'.padStart(8)}${'precision'.padStart(10)}${'recall'.padStart(9)}${'F1'.padStart(7)}${'escalated'.padStart(10)}${'thresh'.padStart(7)}`,
  );
  console.log(row('product model, train (5-fold CV)', product.tuned.cv));
  console.log(row('product model, test', product.test));
  console.log(row(`${other}, test`, otherMonth.test));
  console.log(row('without PageValues, test', withoutPageValues.test));
  const byMonth = Object.entries(zeroPageValueByMonth).map(([m, c]) => `${m} ${c.purchases}/${c.sessions}`);
  console.log(`\nPurchases among sessions whose pages have no page value, by month (all rows): ${byMonth.join(', ')}`);
  console.log(
    `\nProduct model: ${product.tuned.bins} quantile bins per numeric signal, λ = ${product.tuned.lambda}, bias ${product.tuned.model.bias}`,
  );
  const printTable = (title: string, bins: IntentModel['bins']) => {
    console.log(`\n${title}`);
    for (const [signal, { edges, weights }] of Object.entries(bins)) {
      const cells = weights.map(
        (w, i) =>
          `${i === 0 ? `≤${edges[0]}` : i === edges.length ? `>${edges[i - 1]}` : `≤${edges[i]}`}: ${w >= 0 ? '+' : ''}${w.toFixed(2)}`,
      );
      console.log(`  ${signal.padEnd(15)} ${cells.join('  ')}`);
    }
  };
  const model = product.tuned.model;
  printTable('Every session (log-odds per bin, upper edge inclusive):', model.bins);
  for (const [i, table] of (model.segments?.tables ?? []).entries()) {
    printTable(
      `Sessions with ${model.segments!.by} ${i === 0 ? `≤ ${model.segments!.edges[0]}` : `> ${model.segments!.edges[i - 1]}`}:`,
      table,
    );
  }
}
