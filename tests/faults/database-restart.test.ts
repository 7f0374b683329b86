import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ack, ErrorCode, Message } from '../../shared/contract';
import { newDeployment, startServerProcess, type Deployment, type ServerProcess } from '../helpers/server-process';
import { clientId, connectAgent, connected, connectVisitor, joinAsVisitor, request, signIn } from '../helpers/test-server';
import { startFaultServices, type FaultServices } from './services';

const ACKED_BEFORE = 20;
/**
 * The driver's monitor checks the database this often: `heartbeatFrequencyMS` of the connection
 * string, an option an operator can set in MONGODB_URI (the driver's default is 10 s, its minimum 0.5 s).
 */
const HEARTBEAT_MS = 1000;
/**
 * Long enough for the monitor to have marked the database unknown: from then on an operation waits
 * for server selection instead of failing on a refused connection.
 */
const SECOND_WAVE_AFTER_MS = HEARTBEAT_MS + 1000;
/** Longer than any answer may take: a request still unanswered after this counts as hanging. */
const HANG_MS = 12_000;

let services: FaultServices;
let deployment: Deployment;
let server: ServerProcess;

beforeAll(async () => {
  services = await startFaultServices();
  deployment = newDeployment();
  // More messages than one visitor may send in 10 s; this test is about the outage, not throttling.
  const mongoUri = `${services.mongoUri.replace(/\/$/, '')}/${deployment.dbName}?heartbeatFrequencyMS=${HEARTBEAT_MS}`;
  server = await startServerProcess(deployment, { RATE_LIMIT_PER_SENDER: '0', MONGODB_URI: mongoUri }, services);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await services?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `/healthz`, polled every 200 ms: when each status was first and last seen. */
function watchHealth(url: string) {
  const seen: Array<{ at: number; status: number }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
        (r) => r.status,
        () => 0,
      );
      seen.push({ at: Date.now(), status });
      await sleep(200);
    }
  })();
  return {
    seen,
    async stop() {
      running = false;
      await loop;
    },
  };
}

interface Outcome {
  event: string;
  code: string;
  ms: number;
}

/** A new widget connecting: its handshake's outcome as an acknowledgement would carry it. */
async function handshake(): Promise<Ack<null>> {
  const widget = connectVisitor(server);
  try {
    await Promise.race([connected(widget), sleep(HANG_MS).then(() => Promise.reject(new Error('hang')))]);
    return { ok: true, data: null };
  } catch (err) {
    const code = (err as { data?: { code?: ErrorCode } }).data?.code;
    if (!code) throw err;
    return { ok: false, error: { code, message: String(err) } };
  } finally {
    widget.close();
  }
}

/** A request during the outage: its answer's code (or `ok`, or `hang`) and how long it took. */
async function timed(event: string, send: () => Promise<Ack<unknown>>): Promise<Outcome> {
  const started = Date.now();
  const ack = await send().catch(() => null);
  return { event, code: ack === null ? 'hang' : ack.ok ? 'ok' : ack.error.code, ms: Date.now() - started };
}

it('recovers by itself when the database is killed and restarted: 503 then 200, coded errors, nothing acked lost', async () => {
  const agent = connectAgent(server, await signIn(server));
  await connected(agent);
  const { socket: visitor, session } = await joinAsVisitor(server);
  const acked: Message[] = [];
  for (let i = 0; i < ACKED_BEFORE; i++) {
    const ack = await request<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: `before ${i}` });
    if (!ack.ok) throw new Error(`message refused before the outage: ${ack.error.code}`);
    acked.push(ack.data.message);
  }
  const conversationId = acked[0]!.conversationId;

  const health = watchHealth(server.url);
  await expect.poll(() => health.seen.at(-1)?.status).toBe(200);
  const crashedAt = Date.now();
  await services.mongo.crash();

  // Requests made while it is down answer with a code: at once (connections are refused) and later in
  // the outage (when the driver knows the database is gone and waits to select a server), from a
  // visitor, an agent and a widget connecting anew.
  const wave = (at: string, id: string) =>
    Promise.all([
      timed(`${at} message:send`, () => visitor.timeout(HANG_MS).emitWithAck('message:send', { clientId: id, text: 'during the outage' })),
      timed(`${at} visitor:sync`, () => visitor.timeout(HANG_MS).emitWithAck('visitor:sync', { afterSeq: -1 })),
      timed(`${at} conversations:list`, () => agent.timeout(HANG_MS).emitWithAck('conversations:list', { status: 'open' })),
      timed(`${at} conversation:open`, () => agent.timeout(HANG_MS).emitWithAck('conversation:open', { conversationId })),
      timed(`${at} handshake`, () => handshake()),
    ]);
  const during = clientId();
  const outcomes = [...(await wave('at once', during))];
  await sleep(Math.max(0, crashedAt + SECOND_WAVE_AFTER_MS - Date.now()));
  outcomes.push(...(await wave(`after ${SECOND_WAVE_AFTER_MS / 1000} s`, during)));
  // Down until the second wave has answered.
  await services.mongo.restart();
  const restartedAt = Date.now();

  // Back by itself: health turns 200, and the visitor's outbox goes out.
  await expect.poll(() => health.seen.at(-1)?.status, { timeout: 30_000, interval: 100 }).toBe(200);
  await health.stop();
  const resent = await request<{ message: Message }>(visitor, 'message:send', { clientId: during, text: 'during the outage' });
  expect(resent.ok).toBe(true);
  const after = await request<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: 'after the outage' });
  expect(after.ok).toBe(true);

  // Nothing acked is lost; the message refused during the outage is stored once, after it.
  const db = await mongoose.createConnection(`${services.mongoUri.replace(/\/$/, '')}/${deployment.dbName}`).asPromise();
  const stored = await db
    .collection('messages')
    .find({ conversationId: new mongoose.Types.ObjectId(conversationId) })
    .toArray();
  await db.close();
  const storedIds = new Set(stored.map((m) => String(m._id)));
  const lost = acked.filter((m) => !storedIds.has(m.id));
  const unhealthy = health.seen.filter((s) => s.status === 503 && s.at >= crashedAt);
  const firstOk = health.seen.find((s) => s.status === 200 && s.at >= restartedAt);
  console.log(
    `[faults] database restart: ${JSON.stringify({
      ackedBefore: ACKED_BEFORE,
      lostAfterRestart: lost.length,
      databaseDownMs: restartedAt - crashedAt,
      first503AfterCrashMs: unhealthy[0] && unhealthy[0].at - crashedAt,
      unhealthyForMs: unhealthy[0] && unhealthy.at(-1)!.at - unhealthy[0].at,
      first200AfterRestartMs: firstOk && firstOk.at - restartedAt,
      errorsDuringOutage: outcomes,
    })}`,
  );

  for (const outcome of outcomes) {
    expect(outcome.code, outcome.event).toBe('unavailable');
    expect(outcome.ms, outcome.event).toBeLessThan(5000);
  }
  expect(unhealthy.length).toBeGreaterThan(0);
  expect(health.seen.filter((s) => s.at > crashedAt && s.at < restartedAt).map((s) => s.status)).not.toContain(200);
  expect(lost).toEqual([]);
  expect(stored.filter((m) => m.clientId === during)).toHaveLength(1);
  expect(stored).toHaveLength(ACKED_BEFORE + 2);
  const sync = await request<{ visitorId: string; messages: Message[] }>(visitor, 'visitor:sync', { afterSeq: -1 });
  expect(sync.ok && sync.data.messages.map((m) => m.text)).toEqual([...acked.map((m) => m.text), 'during the outage', 'after the outage']);
  expect(sync.ok && sync.data.visitorId).toBe(session.visitorId);
  visitor.close();
  agent.close();
}, 90_000);
