// Load: one client process holds VISITORS visitor sockets (websocket transport); SENDERS of them send
// a message every INTERVAL into conversations served by AGENTS connected agents, for SECONDS. Reports
// ack latency (the server persists before it acks), delivery latency to the agent, server CPU and RSS,
// and lost/duplicated messages counted in the database. The same load then runs against a bare
// Socket.IO echo server (bench/load/echo-server.ts) on the same machine: the floor.
// Usage: npm run bench:load [-- --json] [-- --visitors 5000 --senders 500 --agents 20 --seconds 60 --settle-ms 20000]
//        [-- --cpu-prof-dir DIR]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import mongoose from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type Ack } from '../shared/contract';
import { loadConfig } from '../server/config';
import { spawnUntilReady, stopProcess, type ManagedProcess } from '../server/infra/child-process';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { json, option, say, textOption } from './cli';
import { ask, connected, inBatches, lostAndDuplicated, percentiles, seedAgents, signInAgent, startConversation } from './load/clients';

const VISITORS = option('--visitors', 5000);
const SENDERS = option('--senders', 500);
const AGENTS = option('--agents', 20);
const SECONDS = option('--seconds', 60);
const INTERVAL_MS = option('--interval-ms', 2000);
const SETTLE_MS = option('--settle-ms', 20_000);
/** With `--cpu-prof-dir DIR` the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
const CPU_PROF_DIR = textOption('--cpu-prof-dir');
/** CPU seconds (user + system) and RSS of a process, from /proc. */
function processStats(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuSeconds: ticks / 100, rssMb: Math.round(rssKb / 1024) };
}

interface Target {
  pid: number;
  connectVisitor(i: number): Promise<Socket>;
  connectAgent(j: number): Promise<Socket>;
  /** Called once per sender before the timed phase (e.g. start the conversation and let its agent open it). */
  prepareSender?(sender: Socket, agent: Socket, i: number): Promise<void>;
  payload(clientId: string, agent: number): unknown;
}

async function runLoad(target: Target, label: string) {
  say(`[${label}] connecting ${AGENTS} agents and ${VISITORS} visitors …`);
  const agents = await Promise.all(Array.from({ length: AGENTS }, (_, j) => target.connectAgent(j)));
  const visitors = await inBatches(VISITORS, (i) => target.connectVisitor(i));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = processStats(target.pid);
  say(`[${label}] ${VISITORS} idle sockets: server RSS ${idle.rssMb} MB`);

  const senders = visitors.slice(0, SENDERS);
  if (target.prepareSender) {
    say(`[${label}] starting ${SENDERS} conversations …`);
    await inBatches(SENDERS, (i) => target.prepareSender!(senders[i]!, agents[i % AGENTS]!, i));
    // Setting up leaves work behind in the server and the database (5,000 handshakes, 5,000 new
    // visitor records, 500 conversation starts). Measured with per-step timers and a count of database
    // calls: for about 20 s after the last start, with only message inserts from the app, the insert's
    // p99 was 15-22 ms instead of ~5 and the event loop's p99 17-21 ms instead of ~9. The timed phase
    // measures the steady state after it.
    say(`[${label}] letting the set-up work settle for ${SETTLE_MS / 1000} s …`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }

  const sentAt = new Map<string, number>();
  const ackMs: number[] = [];
  const deliveryMs: number[] = [];
  const acked = new Set<string>();
  const errors: Record<string, number> = {};
  const failed = (code: string) => {
    errors[code] = (errors[code] ?? 0) + 1;
  };
  for (const agent of agents) {
    agent.on('message:new', (message: { clientId: string }) => {
      const at = sentAt.get(message.clientId);
      if (at !== undefined) deliveryMs.push(Date.now() - at);
    });
  }
  say(`[${label}] ${SENDERS} senders × 1 message / ${INTERVAL_MS} ms for ${SECONDS} s …`);
  const before = processStats(target.pid);
  const started = Date.now();
  const pending: Promise<void>[] = [];
  let counter = 0;
  await Promise.all(
    senders.map(async (socket, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i / SENDERS) * INTERVAL_MS));
      for (let t = started + (i / SENDERS) * INTERVAL_MS; t < started + SECONDS * 1000; t += INTERVAL_MS) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, t - Date.now())));
        const clientId = `load-${i}-${counter++}`;
        sentAt.set(clientId, Date.now());
        pending.push(
          (socket.timeout(30_000).emitWithAck('message:send', target.payload(clientId, i % AGENTS)) as Promise<Ack<unknown>>).then(
            (res) => {
              if (res.ok) {
                acked.add(clientId);
                ackMs.push(Date.now() - sentAt.get(clientId)!);
              } else {
                failed(res.error.code);
              }
            },
            () => failed('ack_timeout'),
          ),
        );
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const after = processStats(target.pid);
  await Promise.all(pending);
  await new Promise((resolve) => setTimeout(resolve, 2000)); // late deliveries
  for (const socket of [...visitors, ...agents]) socket.close();
  return {
    sent: sentAt.size,
    acked: acked.size,
    errors,
    ackedIds: acked,
    ack: percentiles(ackMs),
    delivery: percentiles(deliveryMs),
    delivered: deliveryMs.length,
    serverCpuPct: Math.round(((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100),
    serverRssMb: after.rssMb,
    idleRssMb: idle.rssMb,
  };
}

// --- the floor: a bare Socket.IO echo server --------------------------------------------------
const echo = await spawnUntilReady(
  process.execPath,
  ['--import', 'tsx', 'bench/load/echo-server.ts'],
  (l) => l.startsWith('listening'),
  30_000,
);
const echoUrl = `http://127.0.0.1:${echo.readyLine.split(' ')[1]}`;
const echoResult = await runLoad(
  {
    pid: echo.child.pid!,
    connectVisitor: () => connected(io(`${echoUrl}/visitor`, { transports: ['websocket'], forceNew: true })),
    connectAgent: (j) => connected(io(`${echoUrl}/agent`, { transports: ['websocket'], forceNew: true, auth: { agent: j } })),
    payload: (clientId, agent) => ({ clientId, text: `hello ${clientId}`, agent }),
  },
  'echo',
);
await echo.stop();

// --- our server --------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-load-'));
const services = await startBackingServices(loadConfig({ ...process.env, DATA_DIR: dataDir }), createLogger('silent'));
const mongoUri = `${services.mongoUri.replace(/\/lifecycle_chat$/, '')}/bench_load`;
const port = await getPort({ host: '127.0.0.1' });
const url = `http://127.0.0.1:${port}`;
let server: ManagedProcess | undefined;
try {
  server = await spawnUntilReady(
    process.execPath,
    [...(CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR] : []), '--import', 'tsx', 'server/main.ts'],
    (l) => l.includes('Lifecycle Chat is running'),
    120_000,
    {
      ...process.env,
      PORT: String(port),
      MONGODB_URI: mongoUri,
      REDIS_URL: services.redisUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Every simulated visitor comes from 127.0.0.1: the per-address limit would throttle them as one.
      RATE_LIMIT_PER_IP: '0',
    },
  );
  // Server warnings and errors go to this process's stderr, with the progress lines.
  server.child.stdout?.pipe(process.stderr);
  server.child.stderr?.pipe(process.stderr);
  const db = await mongoose.createConnection(mongoUri).asPromise();
  const siteKey = await seedAgents(db.db!, AGENTS);

  const ours = await runLoad(
    {
      pid: server.child.pid!,
      connectVisitor: async () => {
        const socket = await connected(io(`${url}${VISITOR_NAMESPACE}`, { transports: ['websocket'], forceNew: true, auth: { siteKey } }));
        await ask(socket, 'visitor:sync', { afterSeq: -1 });
        return socket;
      },
      connectAgent: async (j) => {
        const cookie = await signInAgent(url, j);
        return connected(io(`${url}${AGENT_NAMESPACE}`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } }));
      },
      prepareSender: startConversation,
      payload: (clientId) => ({ clientId, text: `hello ${clientId}` }),
    },
    'ours',
  );

  // Lost and duplicated, from the database: every acked client id must be stored exactly once.
  const { lost, duplicated } = await lostAndDuplicated(db.db!, ours.ackedIds);
  await db.close();

  const result = {
    config: {
      visitors: VISITORS,
      senders: SENDERS,
      agents: AGENTS,
      seconds: SECONDS,
      intervalMs: INTERVAL_MS,
      settleMs: SETTLE_MS,
      transport: 'websocket',
    },
    sent: ours.sent,
    acked: ours.acked,
    errors: ours.errors,
    ack: ours.ack,
    delivery: ours.delivery,
    delivered: ours.delivered,
    lost,
    duplicated,
    serverCpuPct: ours.serverCpuPct,
    serverRssMb: ours.serverRssMb,
    idleSocketsRssMb: ours.idleRssMb,
    echo: {
      ...echoResult.ack,
      delivery: echoResult.delivery,
      serverCpuPct: echoResult.serverCpuPct,
      serverRssMb: echoResult.serverRssMb,
      sent: echoResult.sent,
      acked: echoResult.acked,
    },
    ackP99VsEcho: Math.round((ours.ack.p99 / Math.max(echoResult.ack.p99, 0.1)) * 10) / 10,
  };
  if (json) console.log(JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  // Writing a profile of a minute or more takes the server a while after SIGTERM.
  if (server) await stopProcess(server.child, CPU_PROF_DIR ? 60_000 : 5_000);
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
