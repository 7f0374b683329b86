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
import type { Types } from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type Ack } from '../shared/contract';
import { VisitorTokens } from '../server/visitors/visitor-token';
import { json, option, say } from './cli';
import { ADMIN, type Seeded, seedHistory, timedStart } from './seed-history';

const SIZES = process.argv.includes('--messages') ? [option('--messages', 10_000)] : [10_000, 100_000, 1_000_000];
const REPS = option('--reps', 50);

const percentile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) * 10) / 10;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

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
    const seeded = await seedHistory(dataDir, messages);
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
