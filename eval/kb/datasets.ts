import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { BITEXT_TITLES } from './bitext-titles';

export interface EvalDocument {
  id: string;
  title: string;
  body: string;
  category: string;
}

export interface EvalQuery {
  text: string;
  relevant: ReadonlySet<string>;
  /** Bitext's variation tags (Q colloquial, Z noisy, K keyword-only, …); empty for StackFAQ. */
  tags: string;
}

export interface EvalDataset {
  name: 'stackfaq' | 'bitext';
  documents: EvalDocument[];
  queries: EvalQuery[];
}

const StackFaq = z.object({
  root: z.object({
    // The XML-to-JSON conversion left a one-answer thread as a bare string and one paraphrase as null.
    qapair: z.array(
      z.object({
        rephr: z.array(z.string().nullable()),
        question: z.string(),
        answer: z.union([z.string(), z.array(z.string())]).transform((a) => (typeof a === 'string' ? [a] : a)),
      }),
    ),
  }),
});

/**
 * StackFAQ (Karan & Šnajder 2018), the standard set-up: every (question, answer) pair is a document,
 * every real paraphrase a query, and every answer of the query's thread is relevant.
 */
export function loadStackFaq(file: string): EvalDataset {
  const threads = StackFaq.parse(JSON.parse(readFileSync(file, 'utf8'))).root.qapair;
  const documents: EvalDocument[] = [];
  const queries: EvalQuery[] = [];
  threads.forEach((thread, t) => {
    const ids = thread.answer.map((answer, a) => {
      const id = `${t}:${a}`;
      documents.push({ id, title: thread.question, body: answer, category: 'faq' });
      return id;
    });
    const relevant = new Set(ids);
    for (const text of thread.rephr) if (text !== null && text.trim() !== '*') queries.push({ text, relevant, tags: '' });
  });
  return { name: 'stackfaq', documents, queries };
}

const BitextRow = z.object({ instruction: z.string(), intent: z.string(), category: z.string(), tags: z.string(), response: z.string() });

/** Bitext: each intent is one article (a written title and the intent's first response); every request is a query. */
export function loadBitext(file: string): EvalDataset {
  const rows = z.array(BitextRow).parse(parse(readFileSync(file), { columns: true, skip_empty_lines: true }));
  const documents = new Map<string, EvalDocument>();
  for (const row of rows) {
    if (documents.has(row.intent)) continue;
    const title = BITEXT_TITLES[row.intent];
    if (!title) throw new Error(`No title written for the intent "${row.intent}".`);
    documents.set(row.intent, { id: row.intent, title, body: row.response, category: row.category.toLowerCase() });
  }
  const queries = rows.map((row) => ({ text: row.instruction, relevant: new Set([row.intent]), tags: row.tags }));
  return { name: 'bitext', documents: [...documents.values()], queries };
}

export function loadDataset(file: string): EvalDataset {
  if (file.endsWith('.json')) return loadStackFaq(file);
  if (file.endsWith('.csv')) return loadBitext(file);
  throw new Error(`Unknown dataset "${file}": expected the StackFAQ .json or the Bitext .csv.`);
}
