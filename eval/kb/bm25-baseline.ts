import bm25 from 'wink-bm25-text-search';
import type { EvalDocument } from './datasets';

/** Plain BM25 (k1 1.2, b 0.75) over title + body: lower-cased words, no stemming, no stop words — Elasticsearch's standard analyzer, roughly. */
export function bm25Baseline(documents: readonly EvalDocument[]): (query: string, limit: number) => string[] {
  const engine = bm25();
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  engine.defineConfig({ fldWeights: { text: 1 }, bm25Params: { k1: 1.2, b: 0.75, k: 1 } });
  engine.definePrepTasks([words]);
  for (const doc of documents) engine.addDoc({ text: `${doc.title} ${doc.body}` }, doc.id);
  engine.consolidate();
  return (query, limit) => engine.search(query, limit).map(([id]) => String(id));
}
