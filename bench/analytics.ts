// Analytics query times at 100,000 events. An event is one analytics fact as the product reports it
// (a visitor reaching a stage, a hesitation and its outcome, an order after one, a first reply, a
// resolution, a rating, a KB search/read/deflection). The bench generates the demo shop's facts over
// 365 days, records them through the product's recorder (Redis counters), flushes them into the day
// documents on the embedded database, and times every report over the last 30, 90 and 365 days.
// Usage: npm run bench:analytics [-- --json] [-- --events N] [-- --days D]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { AnalyticsReportName } from '../shared/contract/analytics';
import { DAY_MODELS } from '../server/data/models/analytics-day.model';
import { demoFacts } from '../server/analytics/demo/demo-facts';
import { countsOf, dayOf } from '../server/analytics/facts';
import { AnalyticsRecorder } from '../server/analytics/recorder';
import { REPORTS } from '../server/analytics/reports';
import { RollupFlusher } from '../server/analytics/rollup';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { json, option, say } from './cli';

const EVENTS = option('--events', 100_000);
const DAYS = option('--days', 365);
const RUNS = 7;
const ms = (n: number) => Math.round(n * 10) / 10;

const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-analytics-'));
const log = createLogger('silent');
const services = await startBackingServices(loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), log);
try {
  await mongoose.connect(services.mongoUri, { dbName: 'bench_analytics' });
  await Promise.all(Object.values(DAY_MODELS).map((m) => m.init()));
  const redis = new Redis(services.redisUrl, { keyPrefix: 'bench:' });
  const recorder = new AnalyticsRecorder(redis, log);
  const flusher = new RollupFlusher(redis, log);
  const siteId = new mongoose.Types.ObjectId().toHexString();
  const end = new Date();

  say(`generating ${EVENTS.toLocaleString('en')} events over ${DAYS} days…`);
  const facts = demoFacts({ siteId, events: EVENTS, days: DAYS, end });
  let started = performance.now();
  const counts = facts.flatMap(countsOf);
  for (let i = 0; i < counts.length; i += 5_000) await recorder.add(siteId, counts.slice(i, i + 5_000));
  const recordMs = performance.now() - started;
  say(
    `recorded ${facts.length.toLocaleString('en')} events (${counts.length.toLocaleString('en')} counts) in ${ms(recordMs)} ms; flushing…`,
  );
  started = performance.now();
  const batches = await flusher.flush();
  const flushMs = performance.now() - started;
  // Steady state: a report flushes only what arrived since the last flush, e.g. today's latest events.
  await recorder.add(siteId, demoFacts({ siteId, events: 200, days: 1, end, seed: 11 }).flatMap(countsOf));
  started = performance.now();
  await flusher.flush();
  const dailyFlushMs = performance.now() - started;
  const dayDocuments = Object.fromEntries(
    await Promise.all(Object.entries(DAY_MODELS).map(async ([family, m]) => [family, await m.countDocuments()] as const)),
  );
  say(`flushed ${batches} day batches in ${ms(flushMs)} ms; day documents per family: ${JSON.stringify(dayDocuments)}`);

  const loadBefore = loadavg()[0]!;
  const queries: Record<string, Record<string, { medianMs: number; maxMs: number }>> = {};
  for (const span of [30, 90, DAYS]) {
    const range = { siteId, from: dayOf(new Date(end.getTime() - (span - 1) * 86_400_000)), to: dayOf(end) };
    for (const name of AnalyticsReportName.options) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const t = performance.now();
        await REPORTS[name](range);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      queries[name] ??= {};
      queries[name][`last${span}Days`] = { medianMs: ms(times[Math.floor(RUNS / 2)]!), maxMs: ms(times[RUNS - 1]!) };
      say(
        `${name.padEnd(15)} last ${String(span).padStart(3)} days: median ${ms(times[Math.floor(RUNS / 2)]!)} ms, max ${ms(times[RUNS - 1]!)} ms`,
      );
    }
  }
  const slowest = Math.max(...Object.values(queries).flatMap((q) => Object.values(q).map((t) => t.maxMs)));
  const loadAverage1m = { before: ms(loadBefore), after: ms(loadavg()[0]!) };
  const result = {
    events: facts.length,
    days: DAYS,
    counts: counts.length,
    dayDocuments,
    recordMs: ms(recordMs),
    bulkFlushMs: ms(flushMs),
    dailyFlushMs: ms(dailyFlushMs),
    runsPerQuery: RUNS,
    queries,
    slowestMs: slowest,
    loadAverage1m,
  };
  if (json) console.log(JSON.stringify(result, null, 2));
  else
    say(
      `slowest query: ${slowest} ms (limit 500 ms); flushing one day's new events: ${ms(dailyFlushMs)} ms; load average ${loadAverage1m.before} → ${loadAverage1m.after}`,
    );
  redis.disconnect();
  await mongoose.disconnect();
} finally {
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
