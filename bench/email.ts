// Reply email latency: 50 visitors leave an email address, write, and close their tab; an agent
// replies to each (one reply every 100 ms); for each reply, the time from the agent sending it to
// the mail arriving at a real SMTP server (smtp-server, on loopback), minus the configured
// REPLY_EMAIL_DELAY_SECONDS: what the bull job, the presence check, rendering and SMTP add.
// Usage: npm run bench:email [-- --json] [-- --replies N] [-- --delay-seconds S]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, type Ack, VISITOR_NAMESPACE } from '../shared/contract';
import { loadConfig } from '../server/config';
import { spawnUntilReady } from '../server/infra/child-process';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { startSmtpReceiver } from '../tests/helpers/smtp';
import { json, option, say } from './cli';

const REPLIES = option('--replies', 50);
const DELAY_SECONDS = option('--delay-seconds', 1);
const REPLY_EVERY_MS = 100;
const ADMIN = { email: 'admin@bench.example', password: 'bench-admin-password' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ack<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return (socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>).then((res) => {
    if (!res.ok) throw new Error(`${event}: ${res.error.code} ${res.error.message}`);
    return res.data;
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-email-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const services = await startBackingServices(config, createLogger('silent'));
const smtp = await startSmtpReceiver();
const port = await getPort({ host: '127.0.0.1' });
const url = `http://127.0.0.1:${port}`;
const sockets: Socket[] = [];
say(`starting a server process (REPLY_EMAIL_DELAY_SECONDS=${DELAY_SECONDS}, SMTP on loopback) …`);
const server = await spawnUntilReady(
  process.execPath,
  ['--import', 'tsx', 'server/main.ts'],
  (line) => line.includes('Lifecycle Chat is running'),
  120_000,
  {
    ...process.env,
    PORT: String(port),
    MONGODB_URI: `${services.mongoUri.replace(/\/lifecycle_chat$/, '')}/bench_email`,
    REDIS_URL: services.redisUrl,
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: smtp.url,
    REPLY_EMAIL_DELAY_SECONDS: String(DELAY_SECONDS),
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_SENDER: '0',
    LOG_LEVEL: 'warn',
  },
);

try {
  const siteKey = /data-site="([^"]+)"/.exec(await (await fetch(`${url}/demo`)).text())?.[1];
  const signedIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const agent = io(`${url}${AGENT_NAMESPACE}`, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
  sockets.push(agent);
  await new Promise<void>((resolve) => agent.once('connect', () => resolve()));

  say(`${REPLIES} visitors leave an address, write and leave …`);
  const visitors = await Promise.all(
    Array.from({ length: REPLIES }, async (_, i) => {
      const socket = io(`${url}${VISITOR_NAMESPACE}`, { transports: ['websocket'], auth: { siteKey }, forceNew: true });
      await ack(socket, 'visitor:sync', { afterSeq: -1 });
      const email = `visitor${i}@bench.example`;
      await ack(socket, 'visitor:identify', { id: `bench-${i}`, email });
      const { message } = await ack<{ message: { conversationId: string } }>(socket, 'message:send', {
        clientId: `bench-visitor-${i}-0000`,
        text: `Question ${i}: do you ship to Iceland?`,
      });
      socket.close();
      return { email, conversationId: message.conversationId };
    }),
  );

  say(`the agent replies to each, one every ${REPLY_EVERY_MS} ms …`);
  const sentAt = new Map<string, number>();
  for (const [i, { email, conversationId }] of visitors.entries()) {
    sentAt.set(email, Date.now());
    await ack(agent, 'message:send', { conversationId, clientId: `bench-agent-${i}-0000`, text: `Answer ${i}: yes, in 4 days.` });
    await sleep(REPLY_EVERY_MS);
  }
  const deadline = Date.now() + (DELAY_SECONDS + 60) * 1000;
  while (smtp.mails.length < REPLIES && Date.now() < deadline) await sleep(50);

  const latencies = visitors
    .map(({ email }) => {
      const mail = smtp.to(email)[0];
      return mail ? mail.receivedAt - sentAt.get(email)! - DELAY_SECONDS * 1000 : null;
    })
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  const result = {
    replies: REPLIES,
    delaySeconds: DELAY_SECONDS,
    mailed: latencies.length,
    mails: smtp.mails.length,
    overheadMs: latencies.length ? { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1)! } : null,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`mailed ${result.mailed}/${REPLIES} replies (${result.mails} mails at the SMTP server; delay ${DELAY_SECONDS} s)`);
    if (result.overheadMs)
      console.log(
        `agent reply → mail at the SMTP server, minus the delay: p50 ${result.overheadMs.p50} ms, p95 ${result.overheadMs.p95} ms, max ${result.overheadMs.max} ms`,
      );
  }
} finally {
  for (const socket of sockets) socket.close();
  await server.stop();
  await smtp.close();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
