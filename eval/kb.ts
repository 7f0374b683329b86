import { parseArgs } from 'node:util';
import type { ArticlePhrasings } from '../server/kb/learning/phrasings';
import { DEFAULT_RANKING, type ArticleIndex, type Ranking } from '../server/kb/search/article-index';
import {
  type CalibrationExample,
  confidenceFeatures,
  confidenceOf,
  DEFAULT_ANSWER_THRESHOLD,
  fitConfidence,
  thresholdFor,
} from '../server/kb/search/confidence';
import { bm25Baseline } from './kb/bm25-baseline';
import { loadDataset, type EvalDataset, type EvalQuery } from './kb/datasets';
import { groupsOf, indexWith, learn, seeded, shuffled } from './kb/learning';
import { averagePrecision, hitAt, mean, precisionAt, reciprocalRank } from './kb/metrics';

/**
 * Retrieval quality of the product's search on a public FAQ dataset, beside a plain BM25 baseline.
 * `ours` goes through the server's own code path: `publishedFrom` (what publishing stores: rendered,
 * sanitized, reduced to text and excerpt), `indexedArticleOf` (what every process indexes of it) and
 * `ArticleIndex` (tokenizing, stemming, boosts, prefix and typo tolerance), unchanged.
 *
 * Learning is measured on held-out requests only (`learned`, `bot`): see `bitextLearning` and
 * `stackFaqLearning`. `--tune` searches ranking parameters on StackFAQ's tuning half (never the
 * reported `heldOut` half) and prints the best.
 *
 *   npm run eval:kb -- --data ../shared/data/stackExchange-FAQ.json [--json] [--tune]
 */
const RANK_DEPTH = 100;

type Search = (query: string, limit: number) => string[];

const searchOf =
  (index: ArticleIndex): Search =>
  (query, limit) =>
    index.search(query, limit).map((hit) => hit.id);

function ourSearch(dataset: EvalDataset, ranking: Ranking = DEFAULT_RANKING): Search {
  return searchOf(indexWith(dataset.documents, new Map(), ranking));
}

interface Scores {
  map?: number;
  pAt5?: number;
  mrr: number;
  accAt1?: number;
  accAt3?: number;
}

function score(name: EvalDataset['name'], queries: readonly EvalQuery[], rankings: readonly string[][]): Scores {
  const metric = (f: (ranking: string[], relevant: ReadonlySet<string>) => number) =>
    round(mean(rankings.map((ranking, i) => f(ranking, queries[i]!.relevant))));
  const mrr = metric(reciprocalRank);
  if (name === 'stackfaq') return { map: metric(averagePrecision), pAt5: metric((r, rel) => precisionAt(5, r, rel)), mrr };
  return { accAt1: metric((r, rel) => hitAt(1, r, rel)), accAt3: metric((r, rel) => hitAt(3, r, rel)), mrr };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function evaluate(dataset: EvalDataset, search: Search, label: string) {
  const rankings: string[][] = [];
  dataset.queries.forEach((query, i) => {
    rankings.push(search(query.text, RANK_DEPTH));
    if ((i + 1) % 500 === 0) process.stderr.write(`  ${label}: ${i + 1}/${dataset.queries.length} queries\n`);
  });
  const overall = score(dataset.name, dataset.queries, rankings);
  if (dataset.name !== 'bitext') return overall;
  const slices = Object.fromEntries(
    (['Q', 'Z', 'K'] as const).map((tag) => {
      const picked = dataset.queries.flatMap((q, i) => (q.tags.includes(tag) ? [i] : []));
      return [
        tag,
        {
          queries: picked.length,
          ...score(
            dataset.name,
            picked.map((i) => dataset.queries[i]!),
            picked.map((i) => rankings[i]!),
          ),
        },
      ];
    }),
  );
  return { ...overall, slices };
}

const SPLIT_SEED = 16;
const TRAIN_SHARE = 0.5;
/** The floor for the bot: of the questions it answers, at least this share answered right. */
const BOT_PRECISION = 0.9;
/** Site thresholds shown beside the default one. */
const THRESHOLDS = [0.5, 0.7, 0.8, 0.9, 0.95];

/** Bitext: each intent's requests shuffled (seeded) and cut in half, train and test. */
function bitextSplit(dataset: EvalDataset) {
  const random = seeded(SPLIT_SEED);
  const train: EvalQuery[][] = [];
  const test: EvalQuery[] = [];
  for (const group of groupsOf(dataset.queries)) {
    const mixed = shuffled(group, random);
    const cut = Math.round(mixed.length * TRAIN_SHARE);
    train.push(mixed.slice(0, cut));
    test.push(...mixed.slice(cut));
  }
  return { train, test };
}

const rankingsOf = (search: Search, queries: readonly EvalQuery[]) => queries.map((q) => search(q.text, RANK_DEPTH));

/**
 * Bitext with learning: k requests per intent from the train split are learned (through the
 * product's insert / "That helped" entry points), the test split is searched. At k = 20 the rest of
 * the train split fits the confidence model and picks the bot's threshold; the test split reports it.
 */
function bitextLearning(dataset: EvalDataset) {
  const { train, test } = bitextSplit(dataset);
  const learned: Record<string, Scores> = {};
  let bot = {};
  let calibration = {};
  for (const k of [0, 5, 20]) {
    const phrasings = new Map<string, ArticlePhrasings>();
    learn(
      phrasings,
      train.flatMap((group) => group.slice(0, k)),
    );
    const index = indexWith(dataset.documents, phrasings);
    learned[String(k)] = score(dataset.name, test, rankingsOf(searchOf(index), test));
    if (k !== 20) continue;
    const examples = (queries: readonly EvalQuery[]) =>
      queries.flatMap((q) => {
        const ranked = index.rank(q.text, 2);
        const features = confidenceFeatures(ranked);
        return features ? [{ features, correct: q.relevant.has(ranked.hits[0]!.id), ranked }] : [];
      });
    const fit = examples(train.flatMap((group) => group.slice(k)));
    const model = fitConfidence(fit as CalibrationExample[]);
    const scoredTrain = fit.map((e) => ({ confidence: confidenceOf(e.ranked, model), correct: e.correct }));
    const scoredTest = examples(test).map((e) => ({ confidence: confidenceOf(e.ranked, model), correct: e.correct }));
    const at = (threshold: number) => {
      const answered = scoredTest.filter((s) => s.confidence >= threshold);
      return {
        threshold,
        answeredShare: round(answered.length / test.length),
        precisionAnswered: round(answered.filter((s) => s.correct).length / Math.max(1, answered.length)),
      };
    };
    bot = { ...at(DEFAULT_ANSWER_THRESHOLD), otherThresholds: THRESHOLDS.filter((t) => t !== DEFAULT_ANSWER_THRESHOLD).map(at) };
    calibration = {
      fittedOn: `train split requests not learned (${fit.length})`,
      model,
      threshold: `the product's default (${DEFAULT_ANSWER_THRESHOLD}), a probability; sites set their own`,
      lowestThresholdForPrecision090OnTrain: round(thresholdFor(scoredTrain, BOT_PRECISION)),
      brierTest: round(mean(scoredTest.map((s) => (s.confidence - (s.correct ? 1 : 0)) ** 2))),
      reliabilityTest: reliability(scoredTest),
    };
  }
  return {
    split: {
      method: `per intent: requests shuffled (seed ${SPLIT_SEED}), ${TRAIN_SHARE * 100}% train / rest test; learned from train only, figures on test`,
      train: train.reduce((n, g) => n + g.length, 0),
      test: test.length,
    },
    learned,
    bot,
    calibration,
  };
}

/** Per confidence decile band: how many test requests, their mean confidence and how many were right. */
function reliability(scored: readonly { confidence: number; correct: boolean }[]) {
  const bands = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001];
  return bands.slice(0, -1).map((low, i) => {
    const inBand = scored.filter((s) => s.confidence >= low && s.confidence < bands[i + 1]!);
    return {
      band: `${low}-${Math.min(1, bands[i + 1]!)}`,
      n: inBand.length,
      meanConfidence: round(mean(inBand.map((s) => s.confidence))),
      accuracy: round(mean(inBand.map((s) => (s.correct ? 1 : 0)))),
    };
  });
}

/** StackFAQ threads, split in two by their order: odd ones tune (`--tune`), even ones are reported as `heldOut`. */
function stackFaqHalves(dataset: EvalDataset) {
  const groups = groupsOf(dataset.queries);
  return { tune: groups.filter((_, i) => i % 2 === 1).flat(), heldOut: groups.filter((_, i) => i % 2 === 0).flat() };
}

/** StackFAQ with learning: per thread, k paraphrases learned by every answer of the thread, the rest searched. */
function stackFaqLearning(dataset: EvalDataset) {
  const k = 5;
  const groups = groupsOf(dataset.queries);
  const phrasings = new Map<string, ArticlePhrasings>();
  learn(
    phrasings,
    groups.flatMap((group) => group.slice(0, k)),
  );
  const rest = groups.flatMap((group) => group.slice(k));
  return {
    [String(0)]: { queries: rest.length, ...score(dataset.name, rest, rankingsOf(ourSearch(dataset), rest)) },
    [String(k)]: {
      queries: rest.length,
      ...score(dataset.name, rest, rankingsOf(searchOf(indexWith(dataset.documents, phrasings)), rest)),
    },
  };
}

/** A grid over the ranking's parameters, scored on StackFAQ's tuning half only. */
function tune(dataset: EvalDataset): { ranking: Ranking; map: number }[] {
  const { tune: queries } = stackFaqHalves(dataset);
  const tried: { ranking: Ranking; map: number }[] = [];
  for (const title of [3, 5, 8])
    for (const k of [1.2, 1.8, 2.4])
      for (const b of [0.7, 0.9, 1])
        for (const d of [0, 0.5])
          for (const expansion of [null, { docs: 3, terms: 10, weight: 0.3, minArticles: 100 }]) {
            const ranking: Ranking = { ...DEFAULT_RANKING, boost: { ...DEFAULT_RANKING.boost, title }, bm25: { k, b, d }, expansion };
            const map = score(dataset.name, queries, rankingsOf(ourSearch(dataset, ranking), queries)).map!;
            tried.push({ ranking, map });
            process.stderr.write(`  tune: ${JSON.stringify(ranking)} → MAP ${map}\n`);
          }
  return tried.sort((a, b) => b.map - a.map).slice(0, 5);
}

function main(): void {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, tune: { type: 'boolean', default: false } },
  });
  if (!values.data) {
    process.stderr.write('Usage: npm run eval:kb -- --data FILE [--json]\n');
    process.exit(2);
  }
  const dataset = loadDataset(values.data);
  process.stderr.write(`${dataset.name}: ${dataset.documents.length} articles, ${dataset.queries.length} queries\n`);
  if (values.tune) {
    if (dataset.name !== 'stackfaq') throw new Error('--tune tunes on StackFAQ.');
    process.stdout.write(`${JSON.stringify({ tunedOn: 'stackfaq odd threads', best: tune(dataset) })}\n`);
    return;
  }
  const halves = dataset.name === 'stackfaq' ? stackFaqHalves(dataset) : null;
  const result = {
    dataset: dataset.name,
    articles: dataset.documents.length,
    queries: dataset.queries.length,
    ours: evaluate(dataset, ourSearch(dataset), 'ours'),
    bm25: evaluate(dataset, bm25Baseline(dataset.documents), 'bm25'),
    ...(halves && {
      heldOut: {
        split: 'even threads (the ranking was tuned on the odd ones with --tune)',
        queries: halves.heldOut.length,
        ours: score(dataset.name, halves.heldOut, rankingsOf(ourSearch(dataset), halves.heldOut)),
        tuneHalf: score(dataset.name, halves.tune, rankingsOf(ourSearch(dataset), halves.tune)),
      },
      learned: stackFaqLearning(dataset),
    }),
    ...(dataset.name === 'bitext' && bitextLearning(dataset)),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(`${dataset.name} — ${result.articles} articles, ${result.queries} queries (ranked to depth ${RANK_DEPTH})\n`);
  for (const system of ['ours', 'bm25'] as const) {
    const { slices, ...overall } = result[system] as Scores & { slices?: Record<string, Scores & { queries: number }> };
    process.stdout.write(`  ${system.padEnd(5)} ${formatScores(overall)}\n`);
    for (const [tag, s] of Object.entries(slices ?? {})) {
      const { queries, ...rest } = s;
      process.stdout.write(`        slice ${tag} (${queries}): ${formatScores(rest)}\n`);
    }
  }
  const { dataset: _d, articles: _a, queries: _q, ours: _o, bm25: _b, ...more } = result;
  for (const [key, value] of Object.entries(more)) process.stdout.write(`  ${key}: ${JSON.stringify(value)}\n`);
}

function formatScores(scores: Scores): string {
  return Object.entries(scores)
    .map(([k, v]) => `${k} ${(v as number).toFixed(3)}`)
    .join('  ');
}

main();
