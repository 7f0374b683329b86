// The embedded database's costs that shape the chat's hot path (see README, "Performance and
// reliability"): message inserts while updates run beside them, and reading or updating one document
// by `_id` in a collection of --docs documents.
// Usage: npm run bench:embedded-db [-- --json] [-- --seconds 20 --docs 5000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startEmbeddedMongo } from '../server/infra/embedded-mongo';
import { json, option, say } from './cli';

const SECONDS = option('--seconds', 20);
const DOCS = option('--docs', 5000);
const INSERTS_PER_SECOND = 250;
const UPDATES_PER_SECOND = 25;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) * 10) / 10;
};
const summary = (values: number[]) => ({
  n: values.length,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  max: percentile(values, 100),
});

const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-db-'));
const mongo = await startEmbeddedMongo(dataDir, say);
const uri = new URL(mongo.uri);
uri.pathname = '/bench';
const connection = await mongoose.createConnection(uri.href).asPromise();
const db = connection.db!;
try {
  const docs = db.collection('docs');
  const messages = db.collection('messages');
  await messages.createIndex({ conversationId: 1, seq: 1 }, { unique: true });
  const ids = Array.from({ length: DOCS }, () => new Types.ObjectId());
  for (let i = 0; i < DOCS; i += 1000) {
    await docs.insertMany(ids.slice(i, i + 1000).map((_id) => ({ _id, stage: 'awareness', n: 0, note: 'x'.repeat(300) })));
  }

  say(`${INSERTS_PER_SECOND} inserts/s with ${UPDATES_PER_SECOND} updates/s beside them, for ${SECONDS} s …`);
  const insertMs: number[] = [];
  const pending: Promise<unknown>[] = [];
  let seq = 0;
  const timed = (work: () => Promise<unknown>, into?: number[]) => {
    const started = performance.now();
    pending.push(work().then(() => into?.push(performance.now() - started)));
  };
  const ticker = setInterval(() => {
    for (let i = 0; i < INSERTS_PER_SECOND / 50; i++) {
      const n = seq++;
      timed(() => messages.insertOne({ conversationId: ids[n % 500], seq: n, text: `hello ${n}` }), insertMs);
    }
    if (seq % (INSERTS_PER_SECOND / UPDATES_PER_SECOND) < INSERTS_PER_SECOND / 50) {
      timed(() => docs.findOneAndUpdate({ _id: ids[seq % DOCS] }, { $set: { n: seq } }));
    }
  }, 20);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  clearInterval(ticker);
  await Promise.all(pending);

  // The launcher indexes `_id` lookups of new collections within 2 s (server/infra/ferretdb/id_index.go).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  say(`one lookup by _id at a time in a collection of ${DOCS} documents …`);
  const sequential = async (work: (i: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await work(i);
      ms.push(performance.now() - started);
    }
    return summary(ms);
  };
  const result = {
    config: { seconds: SECONDS, docs: DOCS, insertsPerSecond: INSERTS_PER_SECOND, updatesPerSecond: UPDATES_PER_SECOND },
    insertBesideUpdates: summary(insertMs),
    // The newest documents: a scan of the table would reach them last.
    byId: {
      findOne: await sequential((i) => docs.findOne({ _id: ids[DOCS - 1 - i] })),
      updateOne: await sequential((i) => docs.updateOne({ _id: ids[DOCS - 1 - i] }, { $set: { stage: 'engagement' } })),
    },
  };
  console.log(json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
} finally {
  await connection.close();
  await mongo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
