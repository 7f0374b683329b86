// Inbox search on the embedded database: a case-insensitive regex over messages and visitor names
// (what a plain MongoDB query would do) against the Redis word-start index the server uses
// (server/conversations/search-index.ts) plus one `_id` lookup per hit. Same data, same queries.
// Usage: npm run bench:inbox-search [-- --json] [-- --messages N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { ConversationSearchIndex } from '../server/conversations/search-index';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { json, option, say } from './cli';

const MESSAGES = option('--messages', 20_000);
const PER_CONVERSATION = 10;
const RUNS = 5;
/** What the server shows of a search (workplace.ts SEARCH_LIMIT). */
const SHOWN = 30;

const WORDS = (
  'order shipping delivery parcel courier refund return size colour jacket shoes trail waterproof price discount ' +
  'coupon payment card invoice address tracking warehouse tomorrow week help thanks please question stock available teal ' +
  'black medium large small exchange broken late arrived'
).split(' ');
const NAMES = ['Jana Nováková', 'Piotr Kowalski', 'Maria Ionescu', 'Olga Petrova', 'Sara Ahmadi', 'Tom Baker', 'Eva Svobodová'];
// A deterministic generator, so every run searches the same data.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const sentence = () => Array.from({ length: 6 + Math.floor(random() * 10) }, () => pick(WORDS)).join(' ');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function time(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    runs.push(performance.now() - start);
  }
  return Math.round(median(runs) * 10) / 10;
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-search-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const services = await startBackingServices(config, createLogger('silent'));
const db = await mongoose.createConnection(`${services.mongoUri.replace(/\/lifecycle_chat$/, '')}/bench_inbox_search`).asPromise();
const redis = new Redis(services.redisUrl, { keyPrefix: 'bench-search:' });
try {
  const siteId = new mongoose.Types.ObjectId();
  const conversations = Array.from({ length: Math.ceil(MESSAGES / PER_CONVERSATION) }, (_, i) => ({
    _id: new mongoose.Types.ObjectId(),
    siteId,
    visitorName: i === 7 ? 'Zoë Quimby' : pick(NAMES),
    status: 'open',
    updatedAt: new Date(),
  }));
  say(`storing ${conversations.length} conversations and ${MESSAGES} messages in the embedded database …`);
  await db.collection('conversations').insertMany(conversations);
  const index = new ConversationSearchIndex(redis);
  for (let c = 0; c < conversations.length; c += 100) {
    const batch = conversations.slice(c, c + 100);
    const messages = batch.flatMap((conversation) =>
      Array.from({ length: PER_CONVERSATION }, (_, seq) => ({
        siteId,
        conversationId: conversation._id,
        seq,
        author: 'visitor',
        text: sentence(),
      })),
    );
    // One rare phrase, so a search has a single answer to find in the whole collection.
    if (c === 500) messages[3]!.text = 'the zipper on my anorak broke';
    await db.collection('messages').insertMany(messages);
    await Promise.all(
      batch.map((conversation) =>
        index.add(
          siteId.toHexString(),
          conversation._id.toHexString(),
          Date.now(),
          conversation.visitorName,
          ...messages.filter((m) => m.conversationId.equals(conversation._id)).map((m) => m.text),
        ),
      ),
    );
    if (c % 500 === 0) say(`  ${c * PER_CONVERSATION} messages …`);
  }

  const regexSearch = async (query: string) => {
    const pattern = { $regex: escapeRegExp(query), $options: 'i' };
    const [byText, byName] = await Promise.all([
      db.collection('messages').find({ siteId, text: pattern }).project({ conversationId: 1 }).limit(500).toArray(),
      db.collection('conversations').find({ siteId, visitorName: pattern }).project({ _id: 1 }).limit(500).toArray(),
    ]);
    return new Set([...byText.map((m) => String(m.conversationId)), ...byName.map((c) => String(c._id))]).size;
  };
  const indexSearch = async (query: string) => {
    const ids = await index.find(siteId.toHexString(), query, SHOWN);
    await Promise.all(ids.map((id) => db.collection('conversations').findOne({ _id: new mongoose.Types.ObjectId(id) })));
    return ids.length;
  };

  const queries = [
    { query: 'anorak', what: 'a word in one message' },
    { query: 'quimby', what: 'a visitor name' },
    { query: 'waterproof', what: `a common word (many hits, ${SHOWN} shown)` },
    { query: 'late parcel', what: 'two common words' },
  ];
  const results = [];
  for (const { query, what } of queries) {
    const regexHits = await regexSearch(query);
    const indexHits = await indexSearch(query);
    results.push({
      query,
      what,
      regexMs: await time(() => regexSearch(query)),
      indexMs: await time(() => indexSearch(query)),
      regexHits,
      indexHits,
    });
  }
  const report = { messages: MESSAGES, conversations: conversations.length, runs: RUNS, results };
  if (json) console.log(JSON.stringify(report));
  else {
    console.log(`inbox search over ${MESSAGES} messages in ${conversations.length} conversations (median of ${RUNS} runs)`);
    for (const r of results) {
      console.log(
        `  "${r.query}" (${r.what}): regex scan ${r.regexMs} ms (${r.regexHits} conversations), Redis index ${r.indexMs} ms (${r.indexHits} shown)`,
      );
    }
  }
} finally {
  // Only this bench's keys: REDIS_URL may name a Redis shared with other work.
  const keys = await redis.keys('bench-search:*').then((all) => all.map((key) => key.replace(/^bench-search:/, '')));
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  redis.disconnect();
  await db.dropDatabase();
  await db.close();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
