// Escalation latency: 200 scripted visitors walk product → cart → checkout and idle past the
// checkout threshold while 5 agents are online; for each, the time from the threshold (the
// visitor's last activity, as the server stored it, + CHECKOUT_IDLE_SECONDS) to the first agent
// receiving the escalation offer. Visitors arrive evenly over 60 s. Also the intent scoring cost per event (the pure scorer, in process).
// Usage: npm run bench:escalation [-- --json] [-- --visitors N] [-- --arrival-seconds S]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import getPort from 'get-port';
import mongoose from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type Ack, type TrackedEvent } from '../shared/contract';
import { scoreIntent, type IntentSignals } from '../shared/lifecycle';
import { hashPassword } from '../server/agents/passwords';
import { loadConfig } from '../server/config';
import { spawnUntilReady } from '../server/infra/child-process';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { json, option, say } from './cli';

const VISITORS = option('--visitors', 200);
const AGENTS = 5;
const IDLE_SECONDS = 5;
/** Visitors arrive evenly over this window: 200 hesitating buyers a minute is a very busy shop. */
const ARRIVAL_SECONDS = option('--arrival-seconds', 60);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const twoDecimals = (n: number) => Math.round(n * 100) / 100;

function intentCostMicros(): { p50: number; mean: number } {
  const signals: IntentSignals = {
    productPages: 12,
    productSeconds: 640,
    infoPages: 2,
    infoSeconds: 45,
    accountPages: 1,
    accountSeconds: 20,
    bounceRate: 0.01,
    exitRate: 0.03,
    pageValue: 18.5,
    returning: true,
    month: 11,
    weekend: false,
    cartItems: 2,
    checkoutStarted: true,
  };
  for (let i = 0; i < 20_000; i++) scoreIntent(signals); // warm-up
  const batches: number[] = [];
  for (let b = 0; b < 50; b++) {
    const start = performance.now();
    for (let i = 0; i < 2_000; i++) scoreIntent({ ...signals, productPages: i % 40 });
    batches.push(((performance.now() - start) * 1000) / 2_000);
  }
  batches.sort((a, b) => a - b);
  return { p50: twoDecimals(percentile(batches, 50)), mean: twoDecimals(batches.reduce((s, x) => s + x, 0) / batches.length) };
}

function ack<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return (socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>).then((res) => {
    if (!res.ok) throw new Error(`${event}: ${res.error.code} ${res.error.message}`);
    return res.data;
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-escalation-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const services = await startBackingServices(config, createLogger('silent'));
const mongoUri = `${services.mongoUri.replace(/\/lifecycle_chat$/, '')}/bench_escalation`;
const port = await getPort({ host: '127.0.0.1' });
const url = `http://127.0.0.1:${port}`;
const sockets: Socket[] = [];
say(`starting a server process (checkout idle ${IDLE_SECONDS} s) …`);
const server = await spawnUntilReady(
  process.execPath,
  ['--import', 'tsx', 'server/main.ts'],
  (l) => l.includes('Lifecycle Chat is running'),
  120_000,
  {
    ...process.env,
    PORT: String(port),
    MONGODB_URI: mongoUri,
    REDIS_URL: services.redisUrl,
    DATA_DIR: dataDir,
    CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS),
    LOG_LEVEL: 'warn',
  },
);

try {
  const db = await mongoose.createConnection(mongoUri).asPromise();
  const site = await db.collection('sites').findOne({});
  const password = 'bench-agent-password';
  const passwordHash = await hashPassword(password);
  const emails = Array.from({ length: AGENTS }, (_, i) => `agent${i}@bench.example`);
  await db.collection('users').insertMany(
    emails.map((email, i) => ({
      siteId: site!._id,
      email,
      name: `Agent ${i}`,
      role: 'agent',
      passwordHash,
      active: true,
      availability: 'online',
      capacity: 50,
    })),
  );

  const offeredAt = new Map<string, number>();
  for (const email of emails) {
    const res = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const agent = io(`${url}${AGENT_NAMESPACE}`, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
    agent.on('escalation:offer', ({ conversation }: { conversation: { visitorId: string } }) => {
      if (!offeredAt.has(conversation.visitorId)) offeredAt.set(conversation.visitorId, Date.now());
    });
    sockets.push(agent);
    await new Promise<void>((resolve) => agent.once('connect', () => resolve()));
  }

  say(`${VISITORS} visitors walk to checkout and idle …`);
  const visitorIds: string[] = [];
  const walk = async (i: number) => {
    await new Promise((resolve) => setTimeout(resolve, (i * ARRIVAL_SECONDS * 1000) / VISITORS));
    const socket = io(`${url}${VISITOR_NAMESPACE}`, { transports: ['websocket'], auth: { siteKey: site!.publicKey }, forceNew: true });
    sockets.push(socket);
    const { visitorId } = await ack<{ visitorId: string }>(socket, 'visitor:sync', { afterSeq: -1 });
    visitorIds.push(visitorId);
    const events: TrackedEvent[] = [
      { type: 'page_view', url: `https://shop.example/product/p${i}`, title: `Product ${i}`, pageType: 'product' },
      { type: 'cart', items: 1 + (i % 3), value: 20 + i, currency: 'EUR' },
      { type: 'page_view', url: 'https://shop.example/cart', title: 'Cart', pageType: 'cart' },
      { type: 'page_view', url: 'https://shop.example/checkout', title: 'Checkout', pageType: 'checkout' },
    ];
    for (const event of events) await ack(socket, 'track', event);
  };
  await Promise.all(Array.from({ length: VISITORS }, (_, i) => walk(i)));
  await new Promise((resolve) => setTimeout(resolve, (IDLE_SECONDS + 10) * 1000));

  const stored = await db
    .collection('visitors')
    .find({ _id: { $in: visitorIds.map((id) => new mongoose.Types.ObjectId(id)) } })
    .toArray();
  const latencies: number[] = [];
  for (const visitor of stored) {
    const offered = offeredAt.get(visitor._id.toHexString());
    if (offered === undefined) continue;
    const threshold = new Date(visitor.session.lastActivityAt).getTime() + IDLE_SECONDS * 1000;
    latencies.push(offered - threshold);
  }
  latencies.sort((a, b) => a - b);
  await db.close();

  const result = {
    visitors: VISITORS,
    agents: AGENTS,
    checkoutIdleSeconds: IDLE_SECONDS,
    arrivalSeconds: ARRIVAL_SECONDS,
    escalated: latencies.length,
    missed: VISITORS - latencies.length,
    latencyMs: latencies.length
      ? { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1)! }
      : null,
    intentScoringMicrosPerEvent: intentCostMicros(),
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`escalated ${result.escalated}/${VISITORS} hesitating visitors (${AGENTS} agents online)`);
    if (result.latencyMs)
      console.log(
        `threshold → agent notified: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms`,
      );
    console.log(
      `intent scoring: ${result.intentScoringMicrosPerEvent.p50} µs per event (p50 of batches), mean ${result.intentScoringMicrosPerEvent.mean} µs`,
    );
  }
} finally {
  for (const socket of sockets) socket.close();
  await server.stop();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
