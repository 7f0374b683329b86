import { type ChildProcess, spawn } from 'node:child_process';
import getPort from 'get-port';
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { heldThrough } from '../../shared/client/merge-messages';
import type { Message } from '../../shared/contract';
import { stopProcess } from '../../server/infra/child-process';
import { newDeployment, startServerProcess, type ServerProcess } from '../helpers/server-process';
import {
  type AgentSocket,
  clientId,
  connectAgent,
  connected,
  connectVisitor,
  type Reachable,
  request,
  signIn,
  type VisitorSession,
  type VisitorSocket,
} from '../helpers/test-server';
import { kill, startFaultServices, type FaultServices } from './services';

// Two server processes behind HAProxy running the repository's deploy/haproxy.cfg. The visitor's
// widget and the agent's console reach them through the proxy only, and land on different
// processes; the visitor's process is SIGKILLed while both are writing. The widget's socket
// reconnects through the proxy to the survivor, syncs and re-sends what was never acked.

const VISITOR_MESSAGES = 120;
const AGENT_REPLIES = 40;
const KILL_AFTER_ACKS = 40;
const IN_FLIGHT = 4;

let services: FaultServices;
let processes: ServerProcess[] = [];
let haproxy: ChildProcess | undefined;
let proxy: Reachable;
let db: mongoose.Connection;

beforeAll(async () => {
  services = await startFaultServices();
  const deployment = newDeployment();
  const env = { RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0' };
  processes = await Promise.all([startServerProcess(deployment, env, services), startServerProcess(deployment, env, services)]);
  const [first, second] = processes as [ServerProcess, ServerProcess];
  const proxyPort = await getPort({ host: '127.0.0.1' });
  const address = (p: ServerProcess) => new URL(p.url).host;
  // The config names three servers: the third is the first process again, under another name.
  haproxy = spawn('haproxy', ['-f', 'deploy/haproxy.cfg', '-db'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      LC_BIND: `127.0.0.1:${proxyPort}`,
      LC_SERVER_1: address(first),
      LC_SERVER_2: address(second),
      LC_SERVER_3: address(first),
    },
  });
  proxy = { url: `http://127.0.0.1:${proxyPort}`, demoSiteKey: first.demoSiteKey };
  for (let healthy = false; !healthy; await new Promise((r) => setTimeout(r, 100))) {
    healthy = await fetch(`${proxy.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  }
  db = await mongoose.createConnection(`${services.mongoUri.replace(/\/$/, '')}/${deployment.dbName}`).asPromise();
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (haproxy) await stopProcess(haproxy);
  await Promise.all(processes.map((p) => p.stop()));
  await services?.stop();
});

/** The process holding `namespace`'s sockets, read from each process's own /metrics (loopback may scrape). */
async function socketsOn(namespace: '/visitor' | '/agent'): Promise<number[]> {
  return Promise.all(
    processes.map(async (p) => {
      const text = await (await fetch(`${p.url}/metrics`)).text();
      return Number(new RegExp(`lifecycle_chat_sockets_connected\\{namespace="${namespace}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    }),
  );
}

/** Connects a console through the proxy until it lands on another process than `avoid` (leastconn spreads them). */
async function agentAwayFrom(avoid: number, cookie: string): Promise<AgentSocket> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const agent = connectAgent(proxy, cookie);
    await connected(agent);
    const counts = await socketsOn('/agent');
    if (counts[avoid] === 0) return agent;
    agent.close();
    await expect.poll(async () => (await socketsOn('/agent'))[avoid]).toBe(0);
  }
  throw new Error('the proxy kept sending the console to the visitor’s process');
}

it('loses nothing and delivers once when the visitor’s process is SIGKILLed behind the proxy mid-conversation', async () => {
  // The widget: a socket through the proxy that reconnects by itself, syncing on every connect.
  const visitor: VisitorSocket = connectVisitor(proxy);
  await connected(visitor);
  const first = await request<VisitorSession>(visitor, 'visitor:sync', { afterSeq: -1 });
  if (!first.ok) throw new Error(`visitor:sync failed: ${first.error.code}`);
  // Every reconnect presents the visitor's token, as the widget's handshake does.
  visitor.auth = { siteKey: proxy.demoSiteKey, token: first.data.token };
  const visitorProcess = (await socketsOn('/visitor')).indexOf(1);
  expect(visitorProcess).toBeGreaterThanOrEqual(0);

  const hello = await request<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: 'hello' });
  if (!hello.ok) throw new Error(`first message refused: ${hello.error.code}`);
  const conversationId = hello.data.message.conversationId;

  const agent = await agentAwayFrom(visitorProcess, await signIn(proxy));
  const agentView = new Map<string, Message>();
  agent.on('message:new', (m) => agentView.set(m.id, m));
  const opened = await request<{ messages: Message[] }>(agent, 'conversation:open', { conversationId });
  if (!opened.ok) throw new Error(`conversation:open failed: ${opened.error.code}`);

  // What the visitor's widget shows: pushes and syncs merged by id.
  const visitorView = new Map<string, Message>();
  const show = (m: Message) => visitorView.set(m.id, m);
  visitor.on('message:new', show);
  show(hello.data.message);
  const outbox = new Map(Array.from({ length: VISITOR_MESSAGES }, (_, i) => [clientId(), `visitor ${i}`] as const));
  let acks = 0;
  let reconnects = 0;

  /** Sends what the outbox holds, `IN_FLIGHT` at a time, until it is empty or the connection fails. */
  const drain = async () => {
    const queue = [...outbox];
    const lane = async () => {
      for (let next = queue.shift(); next && visitor.connected; next = queue.shift()) {
        const [id, text] = next;
        const ack = await request<{ message: Message }>(visitor, 'message:send', { clientId: id, text, conversationId }).catch(() => null);
        if (!ack?.ok) return;
        outbox.delete(id);
        show(ack.data.message);
        acks++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  };
  const resumed = new Promise<void>((resolve, reject) => {
    visitor.io.on('reconnect', async () => {
      reconnects++;
      const sync = await request<VisitorSession>(visitor, 'visitor:sync', {
        afterSeq: heldThrough([...visitorView.values()].sort((a, b) => a.seq - b.seq)),
      });
      if (!sync.ok) return reject(new Error(`sync after reconnect failed: ${sync.error.code}`));
      if (sync.data.visitorId !== first.data.visitorId) return reject(new Error('came back as another visitor'));
      for (const m of sync.data.messages) show(m);
      // As the widget does: what is still unacked is sent again, also when the sync shows it stored
      // (the killed process may have stored it without telling the agent; the server pushes it again).
      await drain();
      resolve();
    });
  });

  // The agent answers all along, on the surviving process.
  const replies = Array.from({ length: AGENT_REPLIES }, (_, i) => `agent ${i}`);
  const answering = (async () => {
    for (const text of replies) {
      for (;;) {
        const ack = await request<{ message: Message }>(agent, 'message:send', { conversationId, clientId: clientId(), text }).catch(
          () => null,
        );
        if (ack?.ok) break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();

  const sending = drain();
  await expect.poll(() => acks, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  await kill(processes[visitorProcess]!);
  await sending;
  const unackedAtKill = outbox.size;
  await resumed;
  await answering;
  expect(reconnects).toBe(1);
  expect(outbox.size).toBe(0);

  // The database holds every message exactly once.
  const stored = await db
    .collection('messages')
    .find({ conversationId: new mongoose.Types.ObjectId(conversationId) })
    .toArray();
  const expected = ['hello', ...Array.from({ length: VISITOR_MESSAGES }, (_, i) => `visitor ${i}`), ...replies];
  const storedTexts = stored.map((m) => String(m.text));
  expect(storedTexts.length - new Set(storedTexts).size).toBe(0);
  expect(expected.filter((t) => !storedTexts.includes(t))).toEqual([]);
  expect(stored).toHaveLength(expected.length);

  // The agent saw every visitor message live, once; the visitor sees every reply once.
  const agentTexts = () => [...agentView.values(), ...opened.data.messages].map((m) => m.text);
  await expect.poll(() => expected.filter((t) => t.startsWith('visitor') && !agentTexts().includes(t)), { timeout: 10_000 }).toEqual([]);
  const agentSeen = [...new Map([...opened.data.messages, ...agentView.values()].map((m) => [m.id, m])).values()].map((m) => m.text);
  expect(agentSeen.length - new Set(agentSeen).size).toBe(0);
  const visitorTexts = () => [...visitorView.values()].map((m) => m.text);
  await expect.poll(() => replies.filter((t) => !visitorTexts().includes(t)), { timeout: 10_000 }).toEqual([]);
  expect(visitorTexts().length - new Set(visitorTexts()).size).toBe(0);

  visitor.close();
  agent.close();
  console.log(
    `[faults] proxy kill: ${JSON.stringify({ unackedAtKill, acked: acks, reconnects, stored: stored.length, agentView: agentView.size, visitorView: visitorView.size })}`,
  );
}, 90_000);
