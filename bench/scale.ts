// Scale: how the interactive reads cost as a shop's history grows. For each size it seeds a data folder
// through the data layer (about 15 messages per conversation, one conversation per visitor, a visitor
// in three with an order, 2 % of conversations open), times `npm start`'s server until /healthz answers,
// then times over real sockets: an agent opening a conversation, the inbox's first page (open and
// closed views), a visitor reconnecting and syncing, the visitor panel, and message acks.
// Usage: npm run bench:scale [-- --json] [-- --messages 100000] [-- --reps 50]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { Types } from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type Ack } from '../shared/contract';
import { accounts, connectData, sites } from '../server/data';
import { bulkImport } from '../server/data/bulk-import';
import { spawnUntilReady, type ManagedProcess } from '../server/infra/child-process';
import { startEmbeddedMongo } from '../server/infra/embedded-mongo';
import { createLogger } from '../server/infra/logger';
import { startEmbeddedRedis } from '../server/infra/embedded-redis';
import { VisitorTokens } from '../server/visitors/visitor-token';
import { json, option, say } from './cli';

const SIZES = process.argv.includes('--messages') ? [option('--messages', 10_000)] : [10_000, 100_000, 1_000_000];
const REPS = option('--reps', 50);
const PER_CONVERSATION = 15;
const BATCH = 2_000;
const ADMIN = { email: 'admin@example.com', password: 'scale-bench-password' };
const DAY_MS = 86_400_000;

const percentile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) * 10) / 10;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

function startServer(dataDir: string, secret: string, port: number): Promise<ManagedProcess> {
  const { MONGODB_URI: _m, REDIS_URL: _r, ...env } = process.env;
  return spawnUntilReady(process.execPath, ['--import', 'tsx', 'server/main.ts'], (l) => l.includes('Lifecycle Chat is running'), 600_000, {
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    APP_SECRET: secret,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_SENDER: '0',
  });
}

/** Milliseconds from spawning the server on `dataDir` until /healthz answers 200. */
async function timedStart(dataDir: string, secret: string, port: number): Promise<{ server: ManagedProcess; startMs: number }> {
  const started = performance.now();
  const server = await startServer(dataDir, secret, port);
  while ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status !== 200) await new Promise((r) => setTimeout(r, 20));
  return { server, startMs: Math.round(performance.now() - started) };
}

interface Seeded {
  siteId: string;
  visitors: Types.ObjectId[];
  conversations: Types.ObjectId[];
  /** Visitors whose conversation is open (they send the timed messages). */
  openVisitors: Types.ObjectId[];
}

async function seed(dataDir: string, messageCount: number): Promise<Seeded> {
  const [mongo, redisServer] = await Promise.all([startEmbeddedMongo(dataDir, say), startEmbeddedRedis(dataDir)]);
  const data = await connectData({
    mongoUri: `${mongo.uri.replace(/\/$/, '')}/lifecycle_chat`,
    redisUrl: redisServer.url,
    redisPrefix: 'lc',
    log: createLogger('silent'),
  });
  try {
    await new Promise((r) => setTimeout(r, 2_000)); // the launcher gives the new indexes their GIN twins
    const site = await sites.first();
    const admin = await accounts.byEmail(ADMIN.email);
    if (!site || !admin) throw new Error('the first start created no demo site or admin');
    const conversationCount = Math.ceil(messageCount / PER_CONVERSATION);
    const now = Date.now();
    const seeded: Seeded = { siteId: site._id.toHexString(), visitors: [], conversations: [], openVisitors: [] };
    let lastReport = 0;
    for (let from = 0; from < conversationCount; from += BATCH / PER_CONVERSATION) {
      const to = Math.min(conversationCount, from + BATCH / PER_CONVERSATION);
      const visitors = [],
        conversations = [],
        claims = [],
        messages = [],
        orders = [];
      for (let c = from; c < to; c++) {
        const visitorId = new Types.ObjectId();
        const conversationId = new Types.ObjectId();
        const open = c % 50 === 0;
        // Spread over the past year, newest last; the open ones are from today.
        const startedAt = new Date(open ? now - 3_600_000 : now - 365 * DAY_MS + (c / conversationCount) * 364 * DAY_MS);
        const count = Math.min(PER_CONVERSATION, messageCount - c * PER_CONVERSATION);
        const lastAt = new Date(startedAt.getTime() + count * 60_000);
        visitors.push({
          _id: visitorId,
          siteId: site._id,
          name: `Visitor ${c}`,
          email: `visitor${c}@example.com`,
          lastSeenAt: lastAt,
          createdAt: startedAt,
          updatedAt: lastAt,
        });
        conversations.push({
          _id: conversationId,
          siteId: site._id,
          visitorId,
          visitorName: `Visitor ${c}`,
          status: open ? ('open' as const) : ('closed' as const),
          assigneeId: admin._id,
          openAssigneeId: open ? admin._id : null,
          lastMessage: { seq: count - 1, text: `message ${count - 1}`, author: 'agent', createdAt: lastAt },
          closedAt: open ? null : lastAt,
          closedDay: open ? null : lastAt.toISOString().slice(0, 10),
          closeReason: open ? null : 'resolved',
          agentReadSeq: count - 1,
          visitorReadSeq: count - 1,
          createdAt: startedAt,
          updatedAt: lastAt,
        });
        if (open) claims.push({ _id: visitorId.toHexString(), conversationId, createdAt: startedAt });
        for (let seq = 0; seq < count; seq++) {
          const author = seq % 2 === 0 ? ('visitor' as const) : ('agent' as const);
          const clientId = `seed${seq}${'x'.repeat(4)}`;
          messages.push({
            _id: `${conversationId.toHexString()}:${clientId}`,
            siteId: site._id,
            conversationId,
            clientId,
            seq,
            author,
            authorId: author === 'agent' ? admin._id : null,
            authorName: author === 'agent' ? admin.name : null,
            text:
              author === 'visitor'
                ? `Question ${seq}: how long does delivery to Brno take, and can I return the shoes?`
                : `Answer ${seq}: 2–3 working days; returns are free within 30 days.`,
            createdAt: new Date(startedAt.getTime() + seq * 60_000),
          });
        }
        if (c % 3 === 0)
          orders.push({
            _id: new Types.ObjectId(),
            siteId: site._id,
            orderId: `order-${c}`,
            visitorId,
            total: 59.9,
            currency: 'EUR',
            createdAt: lastAt,
          });
        seeded.visitors.push(visitorId);
        seeded.conversations.push(conversationId);
        if (open) seeded.openVisitors.push(visitorId);
      }
      await Promise.all([
        bulkImport.visitors(visitors),
        bulkImport.conversations(conversations),
        bulkImport.openConversations(claims),
        bulkImport.messages(messages),
        orders.length ? bulkImport.orders(orders) : undefined,
      ]);
      const done = Math.min(messageCount, to * PER_CONVERSATION);
      if (done - lastReport >= messageCount / 10 || done === messageCount) {
        say(`  seeded ${done.toLocaleString('en')} / ${messageCount.toLocaleString('en')} messages`);
        lastReport = done;
      }
    }
    return seeded;
  } finally {
    await data.close();
    await Promise.all([mongo.stop(), redisServer.stop()]);
  }
}

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const res = (await socket.timeout(60_000).emitWithAck(event, payload)) as Ack<T>;
  if (!res.ok) throw new Error(`${event}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

async function timed(reps: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  return times;
}

async function measure(url: string, secret: string, seeded: Seeded) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const agent = await connected(io(`${url}${AGENT_NAMESPACE}`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } }));
  const siteKey = /data-site="([^"]+)"/.exec(await (await fetch(`${url}/demo`)).text())![1]!;
  const tokens = new VisitorTokens(secret);
  const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length]!;
  const visitorSocket = async (visitorId: Types.ObjectId) =>
    connected(
      io(`${url}${VISITOR_NAMESPACE}`, {
        transports: ['websocket'],
        forceNew: true,
        auth: { siteKey, token: await tokens.sign({ visitorId: visitorId.toHexString(), siteId: seeded.siteId }) },
      }),
    );

  const reads = {
    openConversation: summary(
      await timed(REPS, (i) => ask(agent, 'conversation:open', { conversationId: pick(seeded.conversations, i).toHexString() })),
    ),
    inboxOpen: summary(await timed(REPS, () => ask(agent, 'conversations:list', { status: 'open' }))),
    inboxClosed: summary(await timed(REPS, () => ask(agent, 'conversations:list', { status: 'closed' }))),
    visitorSync: summary(
      await timed(REPS, async (i) => {
        const socket = await visitorSocket(pick(seeded.openVisitors, i));
        await ask(socket, 'visitor:sync', { afterSeq: -1 });
        socket.close();
      }),
    ),
    visitorPanel: summary(await timed(REPS, (i) => ask(agent, 'visitor:context', { visitorId: pick(seeded.visitors, i).toHexString() }))),
  };
  const senders = await Promise.all(
    seeded.openVisitors.slice(0, 20).map(async (id) => {
      const socket = await visitorSocket(id);
      await ask(socket, 'visitor:sync', { afterSeq: -1 });
      return socket;
    }),
  );
  const acks = (
    await Promise.all(
      senders.map((socket, s) =>
        timed(Math.max(10, Math.ceil(200 / senders.length)), (i) =>
          ask(socket, 'message:send', { clientId: `bench-${s}-${i}-xxxx`, text: 'Is the blue one in stock?' }),
        ),
      ),
    )
  )
    .flat()
    .sort((a, b) => a - b);
  for (const socket of [agent, ...senders]) socket.close();
  return { reads, ackP99: percentile(acks, 99) };
}

const results = [];
for (const messages of SIZES) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-scale-'));
  const secret = randomBytes(32).toString('hex');
  const port = await getPort({ host: '127.0.0.1' });
  try {
    say(`[${messages.toLocaleString('en')} messages] first start (creates the demo site) …`);
    await (await timedStart(dataDir, secret, port)).server.stop();
    const seedStarted = performance.now();
    const seeded = await seed(dataDir, messages);
    const seedMs = Math.round(performance.now() - seedStarted);
    const diskBytes = Number(execFileSync('du', ['-sb', dataDir]).toString().split('\t')[0]);
    const { server, startMs } = await timedStart(dataDir, secret, port);
    say(
      `  seeded in ${(seedMs / 1000).toFixed(1)} s, ${(diskBytes / 1e6).toFixed(0)} MB on disk; healthy ${startMs} ms after start; measuring …`,
    );
    try {
      const measured = await measure(`http://127.0.0.1:${port}`, secret, seeded);
      results.push({ messages, ...measured, startMs, diskBytes, seedMs });
      if (!json) console.log(JSON.stringify(results.at(-1), null, 2));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (json) console.log(JSON.stringify({ sizes: results }));
process.exit(0);
