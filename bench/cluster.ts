// Scale-out: three server processes on one database and one Redis behind HAProxy (deploy/haproxy.cfg).
// VISITORS visitor sockets and AGENTS agents connect through the proxy; SENDERS visitors send a
// message every INTERVAL (500 / 2 s = 250 messages/s) for SECONDS. Default: process 2 is SIGKILLed at
// --kill-at and restarted at --restart-at. `--rolling`: from --kill-at, each process in turn gets
// SIGTERM (graceful), is restarted and is healthy before the next. The clients behave like the widget:
// a message without an ack is re-sent with its clientId after a reconnect; a server-side disconnect is
// followed by a reconnect 5 s later (the widget's RETRY_MS). Prints acked, lost and duplicated (counted
// in the database), the reconnect times of the sockets that were cut, and the ack latency (from the
// first send to the ack, re-sends included) of messages first sent before, during and after.
// Meanwhile HESITATING other visitors walk to checkout and idle (CHECKOUT_IDLE_SECONDS=5): the
// escalation timer must prompt each exactly once, whichever process runs it.
// Usage: npm run bench:cluster [-- --json] [-- --rolling] [-- --visitors 5000 --senders 500 --agents 20 --seconds 60 --hesitating 100]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, type Ack, type TrackedEvent, VISITOR_NAMESPACE } from '../shared/contract';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { json, option, say } from './cli';
import { type Cluster, HAPROXY_RISE_MS, requireHaproxy, startCluster, untilHealthy } from './cluster/processes';
import {
  ask,
  connected,
  inBatches,
  lostAndDuplicated,
  percentiles,
  retried,
  seedAgents,
  signInAgent,
  startConversation,
} from './load/clients';

const VISITORS = option('--visitors', 5000);
const SENDERS = option('--senders', 500);
const AGENTS = option('--agents', 20);
const SECONDS = option('--seconds', 60);
const INTERVAL_MS = option('--interval-ms', 2000);
const KILL_AT_MS = option('--kill-at', 20) * 1000;
const RESTART_AT_MS = option('--restart-at', 40) * 1000;
const SETTLE_MS = option('--settle-ms', 10_000);
const ROLLING = process.argv.includes('--rolling');
/** Visitors (not senders) who walk to checkout during the load and idle there: each must be prompted once. */
const HESITATING = option('--hesitating', 100);
const CHECKOUT_IDLE_SECONDS = 5;
const PROCESSES = 3;
const KILLED = 1;
/** The widget's wait before reconnecting after the server closed its socket. */
const SERVER_DISCONNECT_RETRY_MS = 5000;
const ATTEMPT_TIMEOUT_MS = 10_000;
const GIVE_UP_MS = 60_000;

requireHaproxy();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-cluster-'));
const services = await startBackingServices(loadConfig({ ...process.env, DATA_DIR: dataDir }), createLogger('silent'));
const mongoUri = `${services.mongoUri.replace(/\/lifecycle_chat$/, '')}/bench_cluster`;
const mongo = await MongoClient.connect(mongoUri);
let running: Cluster | undefined;
try {
  say(`starting ${PROCESSES} server processes and HAProxy …`);
  const cluster = await startCluster({
    mongoUri,
    redisUrl: services.redisUrl,
    dataDir,
    size: PROCESSES,
    env: { CHECKOUT_IDLE_SECONDS: String(CHECKOUT_IDLE_SECONDS) },
  });
  running = cluster;
  const url = cluster.proxyUrl;
  const siteKey = await seedAgents(mongo.db(), AGENTS);
  const reconnectMs: number[] = [];
  /** A socket that reconnects like the widget and the console, and records how long it was away. */
  const resilient = (socket: Socket, onReconnect?: () => void) => {
    let lostAt: number | undefined;
    const later = () => setTimeout(() => socket.connect(), SERVER_DISCONNECT_RETRY_MS);
    socket.on('disconnect', (reason) => {
      lostAt = Date.now();
      if (reason === 'io server disconnect') later();
    });
    // A handshake refused (a process shutting down) ends Socket.IO's own retries; the widget tries again later.
    socket.on('connect_error', () => {
      if (!socket.active) later();
    });
    socket.on('connect', () => {
      if (lostAt === undefined) return;
      reconnectMs.push(Date.now() - lostAt);
      lostAt = undefined;
      onReconnect?.();
    });
    return socket;
  };

  say(`connecting ${AGENTS} agents and ${VISITORS} visitors through the proxy …`);
  const agents = await Promise.all(
    Array.from({ length: AGENTS }, async (_, j) => {
      const cookie = await signInAgent(url, j);
      return resilient(
        await connected(io(`${url}${AGENT_NAMESPACE}`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } })),
      );
    }),
  );
  const visitorIds = new Map<Socket, string>();
  const visitors = await inBatches(VISITORS, async () => {
    let token: string | undefined;
    let visitorId = '';
    const socket = io(`${url}${VISITOR_NAMESPACE}`, {
      transports: ['websocket'],
      forceNew: true,
      auth: (callback) => callback(token ? { siteKey, token } : { siteKey }),
    });
    // Socket.IO retries a refused handshake (e.g. the proxy's 503 while every process is busy).
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const sync = async () => {
      ({ token, visitorId } = await ask<{ token: string; visitorId: string }>(socket, 'visitor:sync', { afterSeq: -1 }));
    };
    await retried(sync);
    visitorIds.set(socket, visitorId);
    return resilient(socket, () => void sync().catch(() => {}));
  });
  const senders = visitors.slice(0, SENDERS);
  say(`starting ${SENDERS} conversations …`);
  await inBatches(SENDERS, (i) => startConversation(senders[i]!, agents[i % AGENTS]!, i));
  say(`letting the set-up work settle for ${SETTLE_MS / 1000} s …`);
  await sleep(SETTLE_MS);
  reconnectMs.length = 0;

  // One attempt: the ack, or null when the socket drops or the attempt times out.
  const attempt = (socket: Socket, payload: unknown) =>
    new Promise<Ack<unknown> | null>((resolve) => {
      const done = (res: Ack<unknown> | null) => {
        clearTimeout(timer);
        socket.off('disconnect', dropped);
        resolve(res);
      };
      const dropped = () => done(null);
      const timer = setTimeout(dropped, ATTEMPT_TIMEOUT_MS);
      socket.once('disconnect', dropped);
      socket.emit('message:send', payload, done);
    });
  /** Whether the socket is connected by `deadline` (a socket that never comes back must not hold the run). */
  const untilConnected = (socket: Socket, deadline: number) =>
    socket.connected
      ? Promise.resolve(true)
      : new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
          socket.once('connect', () => {
            clearTimeout(timer);
            resolve(true);
          });
        });

  const started = Date.now();
  const phases = { disruptionFrom: KILL_AT_MS, disruptionTo: ROLLING ? Number.POSITIVE_INFINITY : RESTART_AT_MS };
  const ackMs = { before: [] as number[], during: [] as number[], after: [] as number[] };
  const phaseOf = (at: number) => (at < phases.disruptionFrom ? 'before' : at < phases.disruptionTo ? 'during' : 'after');
  const acked = new Set<string>();
  const errors: Record<string, number> = {};
  const failed = (code: string) => {
    errors[code] = (errors[code] ?? 0) + 1;
  };
  let sent = 0;
  const send = async (socket: Socket, clientId: string) => {
    const first = Date.now();
    sent++;
    while (Date.now() - first < GIVE_UP_MS) {
      if (!(await untilConnected(socket, first + GIVE_UP_MS))) break;
      const res = await attempt(socket, { clientId, text: `hello ${clientId}` });
      if (res?.ok) {
        acked.add(clientId);
        ackMs[phaseOf(first - started)].push(Date.now() - first);
        return;
      }
      if (res && res.error.code !== 'unavailable') return failed(res.error.code);
      await sleep(200);
    }
    failed('gave_up');
  };

  // Hesitating buyers arrive evenly over the load: prompts each receives, whichever process fires the timer.
  const hesitating = visitors.slice(SENDERS, SENDERS + HESITATING);
  const walks = hesitating.map(async (socket, i) => {
    // As the widget does: a prompt it already shows is not shown again, and it says it showed one (until
    // then each reconnect brings the prompt again).
    const shown = new Set<string>();
    socket.on('proactive:prompt', ({ conversationId }: { conversationId: string }) => {
      shown.add(conversationId);
      socket.emit('proactive:seen', { conversationId }, () => {});
    });
    await sleep((i / HESITATING) * (SECONDS - CHECKOUT_IDLE_SECONDS - 5) * 1000);
    const track = (event: TrackedEvent) => retried(() => ask(socket, 'track', event));
    try {
      await track({ type: 'page_view', url: `https://shop.example/product/p${i}`, title: `Product ${i}`, pageType: 'product' });
      await track({ type: 'cart', items: 1, value: 40 + i, currency: 'EUR' });
      await track({ type: 'page_view', url: 'https://shop.example/checkout', title: 'Checkout', pageType: 'checkout' });
    } catch {
      // Five tries refused or unanswered (a process going down): this walk never reached checkout.
      failed('walk_not_tracked');
    }
    return () => shown.size;
  });

  // The disruption, while the load runs.
  const events: Record<string, number> = {};
  const mark = (name: string) => {
    events[name] = Date.now() - started;
    say(`  ${(events[name] / 1000).toFixed(1)} s: ${name}`);
  };
  let disrupted = false;
  const disruption = (async () => {
    await sleep(KILL_AT_MS);
    if (ROLLING) {
      for (let k = 0; k < PROCESSES; k++) {
        mark(`SIGTERM process ${k + 1}`);
        await cluster.stopGracefully(k);
        mark(`process ${k + 1} exited`);
        await cluster.start(k);
        await untilHealthy(`http://127.0.0.1:${cluster.ports[k]}`);
        await sleep(HAPROXY_RISE_MS);
        mark(`process ${k + 1} healthy again`);
      }
      phases.disruptionTo = Date.now() - started;
    } else {
      cluster.kill(KILLED);
      mark(`SIGKILL process ${KILLED + 1}`);
      await sleep(RESTART_AT_MS - KILL_AT_MS);
      mark(`restarting process ${KILLED + 1}`);
      await cluster.start(KILLED);
      mark(`process ${KILLED + 1} running again`);
    }
  })()
    // A process that does not come back (the machine too busy to start it) ends the run with what was
    // measured, its processes stopped, instead of an unhandled rejection that leaves them running.
    .catch((err: unknown) => mark(`disruption failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`))
    .finally(() => {
      disrupted = true;
    });

  say(`${SENDERS} senders × 1 message / ${INTERVAL_MS} ms for ${SECONDS} s${ROLLING ? ' (and until the rolling restart is over)' : ''} …`);
  const pending: Promise<void>[] = [];
  let counter = 0;
  await Promise.all(
    senders.map(async (socket, i) => {
      for (let t = started + (i / SENDERS) * INTERVAL_MS; t < started + SECONDS * 1000 || !disrupted; t += INTERVAL_MS) {
        await sleep(Math.max(0, t - Date.now()));
        pending.push(send(socket, `cluster-${i}-${counter++}`));
      }
    }),
  );
  await disruption;
  const loadSeconds = Math.round((Date.now() - started) / 100) / 10;
  const unsettled = { sends: pending.length, walks: walks.length };
  for (const send of pending) void send.finally(() => unsettled.sends--);
  for (const walk of walks) void walk.finally(() => unsettled.walks--);
  // What the run still waits for, every 10 s (sends retry for up to a minute, walks up to five asks).
  const progress = setInterval(() => say(`  waiting for ${unsettled.sends} sends and ${unsettled.walks} checkout walks …`), 10_000);
  await Promise.all(pending);
  const promptCounts = await Promise.all(walks);
  clearInterval(progress);
  say('load over; counting prompts and messages …');
  await sleep((CHECKOUT_IDLE_SECONDS + 10) * 1000);
  const firedInDatabase = () =>
    mongo
      .db()
      .collection('visitors')
      .countDocuments({ _id: { $in: hesitating.map((socket) => new ObjectId(visitorIds.get(socket))) }, lastPromptedAt: { $ne: null } });
  // A prompt is stored before it is sent; under this load the send can trail by seconds: wait for it (at most 30 s).
  const promptDeadline = Date.now() + 30_000;
  while (Date.now() < promptDeadline && promptCounts.filter((count) => count() > 0).length < (await firedInDatabase())) await sleep(1000);
  const prompted = promptCounts.map((count) => count());
  const fired = await firedInDatabase();
  for (const socket of [...visitors, ...agents]) socket.close();

  const { lost, duplicated } = await lostAndDuplicated(mongo.db(), acked);
  const ackPhase = (values: number[]) => ({ messages: values.length, ...percentiles(values) });
  const result = {
    config: {
      visitors: VISITORS,
      senders: SENDERS,
      agents: AGENTS,
      seconds: SECONDS,
      intervalMs: INTERVAL_MS,
      processes: PROCESSES,
      proxy: 'haproxy',
    },
    mode: ROLLING
      ? 'rolling restart (SIGTERM, one process at a time)'
      : `SIGKILL process ${KILLED + 1} at ${KILL_AT_MS / 1000} s, restart at ${RESTART_AT_MS / 1000} s`,
    events,
    loadSeconds,
    sent,
    acked: acked.size,
    errors,
    lost,
    duplicated,
    reconnect: { sockets: reconnectMs.length, ...percentiles(reconnectMs) },
    checkoutIdleEscalations: {
      visitors: HESITATING,
      firedInDatabase: fired,
      promptedOnce: prompted.filter((n) => n === 1).length,
      promptedMoreThanOnce: prompted.filter((n) => n > 1).length,
      notPrompted: prompted.filter((n) => n === 0).length,
    },
    ack: { before: ackPhase(ackMs.before), during: ackPhase(ackMs.during), after: ackPhase(ackMs.after) },
  };
  console.log(json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
} finally {
  await running?.stop();
  await mongo.close();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
