import { parseArgs } from 'node:util';
import { ArticleIndex } from '../server/kb/search/article-index';
import { publishedFrom } from '../server/kb/article-store';
import { indexedArticleOf } from '../server/kb/search/indexed-article';
import { bm25Baseline } from './kb/bm25-baseline';
import { loadDataset, type EvalDataset, type EvalQuery } from './kb/datasets';
import { averagePrecision, hitAt, mean, precisionAt, reciprocalRank } from './kb/metrics';

/**
 * Retrieval quality of the product's search on a public FAQ dataset, beside a plain BM25 baseline.
 * `ours` goes through the server's own code path: `publishedFrom` (what publishing stores: rendered,
 * sanitized, reduced to text and excerpt), `indexedArticleOf` (what every process indexes of it) and
 * `ArticleIndex` (tokenizing, stemming, boosts, prefix and typo tolerance), unchanged.
 *
 *   npm run eval:kb -- --data ../shared/data/stackExchange-FAQ.json [--json]
 */
const RANK_DEPTH = 100;

type Search = (query: string, limit: number) => string[];

function ourSearch(dataset: EvalDataset): Search {
  const index = new ArticleIndex('en');
  const now = new Date();
  for (const doc of dataset.documents) {
    index.apply({ id: doc.id, version: 1, article: indexedArticleOf(doc.id, publishedFrom({ ...doc, tags: [] }, 1, now)) });
  }
  return (query, limit) => index.search(query, limit).map((hit) => hit.id);
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

function main(): void {
  const { values } = parseArgs({ options: { data: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!values.data) {
    process.stderr.write('Usage: npm run eval:kb -- --data FILE [--json]\n');
    process.exit(2);
  }
  const dataset = loadDataset(values.data);
  process.stderr.write(`${dataset.name}: ${dataset.documents.length} articles, ${dataset.queries.length} queries\n`);
  const result = {
    dataset: dataset.name,
    articles: dataset.documents.length,
    queries: dataset.queries.length,
    ours: evaluate(dataset, ourSearch(dataset), 'ours'),
    bm25: evaluate(dataset, bm25Baseline(dataset.documents), 'bm25'),
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
}

function formatScores(scores: Scores): string {
  return Object.entries(scores)
    .map(([k, v]) => `${k} ${(v as number).toFixed(3)}`)
    .join('  ');
}

main();
