// Search latency and index memory of the knowledge base at 10,000 published articles: the product's
// own index (`ArticleIndex`, the same tokenizing, stemming, boosts, prefix and typo tolerance the
// widget and console get), filled with synthetic shop articles through the publish path
// (`publishedFrom`, `indexedArticleOf`), 1,000 of them with 200 learned phrasings each (the most an
// article keeps, `MAX_PHRASINGS`), then 2,000 queries of three kinds: whole words, a last word still
// being typed, typos. Each search also computes the answer bot's confidence (`confidenceOf`).
// Usage: npm run bench:kb [-- --json] [--learned 1000]
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ArticleIndex } from '../server/kb/search/article-index';
import { publishedFrom } from '../server/kb/article-store';
import { indexedArticleOf } from '../server/kb/search/indexed-article';
import { MAX_PHRASINGS } from '../server/kb/learning/phrasings';
import { confidenceOf } from '../server/kb/search/confidence';
import { option } from './cli';

const ARTICLES = 10_000;
/** Articles with learned phrasings, and how many each: a bot that has learned a lot. */
const LEARNED_ARTICLES = option('--learned', 1_000);
const NOW = new Date();
const QUERIES = 2_000;
const WARMUP = 200;
const json = process.argv.includes('--json');

// A seeded generator, so every run searches the same corpus with the same queries.
let seed = 0x2f6b_1d3a;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

// Vocabulary: shop words first, then a long tail of made-up words; word frequencies follow a
// Zipf–Mandelbrot law (rank r ∝ 1/(r + 10)), the shape of real text once stop words are gone.
const SHOP_WORDS = (
  'order delivery parcel courier tracking refund return exchange invoice receipt card paypal transfer ' +
  'voucher coupon discount size fit length width shoe jacket dress shirt trousers boot sneaker wool cotton ' +
  'leather wash iron dry repair guarantee warranty defect broken damaged missing late address postcode ' +
  'country customs duty tax express standard pickup store locker weekend holiday business days working ' +
  'account password email login newsletter subscription points loyalty member price total checkout basket ' +
  'cart payment declined pending authorised currency euro pound dollar label printer packaging box bag ' +
  'international europe domestic island remote insurance signature neighbour safe place reschedule cancel ' +
  'change modify split partial backorder preorder stock restock reserve colour material measurement chart ' +
  'guide waist chest hip inseam sleeve heel narrow wide regular slim oversized kids women men unisex'
).split(' ');
const SYLLABLES =
  'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu dra tre pli sto gru fen mar tol'.split(
    ' ',
  );
const TAIL = 6000;
const VOCABULARY = [...SHOP_WORDS];
for (const seen = new Set(SHOP_WORDS); VOCABULARY.length < SHOP_WORDS.length + TAIL; ) {
  const word = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
  if (seen.has(word)) continue;
  VOCABULARY.push(word);
  seen.add(word);
}
const CUMULATIVE = VOCABULARY.map((_, r) => 1 / (r + 11)).map(
  (
    (sum) => (w: number) =>
      (sum += w)
  )(0),
);
function pickWord(): string {
  const target = random() * CUMULATIVE.at(-1)!;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo]!;
}

const TOPICS = ['shipping', 'returns', 'payment', 'warranty', 'sizing', 'orders', 'account', 'gift cards', 'discounts', 'care'];
const FILLER = 'the a to of and for your we you is in it on with can be will this that our are'.split(' ');

function sentence(length: number): string {
  return Array.from({ length }, () => (random() < 0.35 ? pick(FILLER) : pickWord())).join(' ');
}

function syntheticArticle(i: number) {
  const topic = pick(TOPICS);
  const title = `${sentence(3 + Math.floor(random() * 5))} ${topic}`;
  const paragraphs = Array.from({ length: 3 + Math.floor(random() * 4) }, () => `${sentence(20 + Math.floor(random() * 30))}.`);
  const body = `${paragraphs[0]}\n\n- ${paragraphs[1]}\n- ${paragraphs[2]}\n\n${paragraphs.slice(3).join('\n\n')}`;
  return indexedArticleOf(`a${i}`, publishedFrom({ title, body, category: topic, tags: [topic, pickWord()] }, 1, NOW));
}

function typo(word: string): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

function syntheticQuery(kind: number): string {
  const words = Array.from({ length: 2 + Math.floor(random() * 3) }, pickWord);
  if (kind === 0) return words.join(' ');
  if (kind === 1) return `${words.slice(0, -1).join(' ')} ${words.at(-1)!.slice(0, 3 + Math.floor(random() * 3))}`; // still typing: 3–5 letters
  return words.map(typo).join(' ');
}

function heapUsed(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const articles = Array.from({ length: ARTICLES }, (_, i) => syntheticArticle(i));
const queries = Array.from({ length: QUERIES + WARMUP }, (_, i) => syntheticQuery(i % 3));
// Learned phrasings, drawn after the articles and queries so those stay the corpus earlier runs
// measured: visitors' questions, short, of the same vocabulary, ending with the article's topic.
articles.slice(0, LEARNED_ARTICLES).forEach((article, i) => {
  articles[i] = {
    ...article,
    phrasings: Array.from({ length: MAX_PHRASINGS }, () => `${sentence(4 + Math.floor(random() * 6))} ${article.category}?`),
  };
});

const heapBefore = heapUsed();
const buildStart = performance.now();
const index = new ArticleIndex('en');
articles.forEach((article, i) => {
  index.apply({ id: article.id, version: 1, article });
  if (!json && (i + 1) % 2500 === 0) process.stderr.write(`  indexed ${i + 1}/${ARTICLES}\n`);
});
const buildMs = performance.now() - buildStart;
const indexBytes = heapUsed() - heapBefore;
if (!globalThis.gc) process.stderr.write('  (run with node --expose-gc for an exact memory figure)\n');

// Wall-clock latency is what a visitor waits; CPU time per search is the same work without the
// waits for a core, which tell apart a slow search from a busy machine (the load average is printed).
const timings: number[] = [];
const cpuTimings: number[] = [];
let hits = 0;
queries.forEach((query, i) => {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const ranked = index.rank(query, 5);
  confidenceOf(ranked);
  const results = ranked.hits;
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  if (i >= WARMUP) {
    timings.push(elapsed);
    cpuTimings.push((cpu.user + cpu.system) / 1000);
    hits += results.length > 0 ? 1 : 0;
  }
});
timings.sort((a, b) => a - b);
cpuTimings.sort((a, b) => a - b);
const round = (x: number) => Math.round(x * 100) / 100;

const result = {
  articles: index.size,
  articlesWithPhrasings: LEARNED_ARTICLES,
  phrasingsPerArticle: MAX_PHRASINGS,
  queries: timings.length,
  queriesWithResults: hits,
  buildSeconds: round(buildMs / 1000),
  indexMemoryMB: round(indexBytes / 1024 / 1024),
  latencyMs: {
    p50: round(percentile(timings, 50)),
    p95: round(percentile(timings, 95)),
    p99: round(percentile(timings, 99)),
    max: round(timings.at(-1)!),
  },
  cpuMs: { p50: round(percentile(cpuTimings, 50)), p95: round(percentile(cpuTimings, 95)), p99: round(percentile(cpuTimings, 99)) },
  cores: availableParallelism(),
  loadAverage1m: round(loadavg()[0]!),
};
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  process.stdout.write(
    `${result.articles} published articles (${LEARNED_ARTICLES} with ${MAX_PHRASINGS} learned phrasings each) indexed in ${result.buildSeconds} s, index ≈ ${result.indexMemoryMB} MB of heap\n`,
  );
  process.stdout.write(
    `${result.queries} searches (top 5; ${hits} with results): p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms\n`,
  );
  process.stdout.write(
    `CPU time per search: p50 ${result.cpuMs.p50} ms, p95 ${result.cpuMs.p95} ms, p99 ${result.cpuMs.p99} ms (load average ${result.loadAverage1m} on ${result.cores} cores)\n`,
  );
}
