import Bull from 'bull';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConversationSummary, HealthResponse, ProactivePrompt } from '../../shared/contract';
import { type Deployment, newDeployment, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { walkToCheckout } from '../helpers/shop';
import { connectAgent, connected, joinAsVisitor, signIn } from '../helpers/test-server';
import { startFaultServices, type FaultServices } from './services';

/** The shortest checkout-idle threshold a site may have. */
const IDLE_SECONDS = 5;
/** Redis goes down once the timer is stored in it, and stays down this long past the timer's due time. */
const OVERDUE_MS = 1000;

let services: FaultServices;
let deployment: Deployment;
let server: ServerProcess;

beforeAll(async () => {
  services = await startFaultServices();
  deployment = newDeployment();
  server = await startServerProcess(deployment, { CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS) }, services);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await services?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The deployment's hesitation timers waiting in Redis (delayed bull jobs). */
async function pendingTimers(): Promise<number> {
  const queue = new Bull('hesitation-timers', services.redisUrl, { prefix: `${deployment.dbName}:bull` });
  try {
    return await queue.getDelayedCount();
  } finally {
    await queue.close();
  }
}

async function healthStatus(): Promise<number> {
  const res = await fetch(`${server.url}/healthz`);
  (await res.json()) as HealthResponse;
  return res.status;
}

it('fires a pending escalation timer after Redis (AOF) is killed and restarted across its due time', async () => {
  const agent = connectAgent(server, await signIn(server));
  await connected(agent);
  const offers: Array<{ at: number; conversation: ConversationSummary }> = [];
  agent.on('escalation:offer', ({ conversation }) => offers.push({ at: Date.now(), conversation }));
  const { socket: visitor } = await joinAsVisitor(server);
  const prompts: Array<{ at: number; prompt: ProactivePrompt }> = [];
  visitor.on('proactive:prompt', (prompt) => prompts.push({ at: Date.now(), prompt }));

  await walkToCheckout(visitor);
  const dueAt = Date.now() + IDLE_SECONDS * 1000;
  await expect.poll(pendingTimers, { interval: 50 }).toBe(1);
  const crashedAt = Date.now();
  await services.redis.crash();
  await expect.poll(healthStatus, { timeout: 5000 }).toBe(503);
  await expect.poll(() => Date.now() > dueAt + OVERDUE_MS, { timeout: (IDLE_SECONDS + 5) * 1000, interval: 100 }).toBe(true);
  expect(offers).toEqual([]);
  await services.redis.restart();
  const restartedAt = Date.now();

  await expect.poll(() => offers.length > 0 && prompts.length > 0, { timeout: 20_000, interval: 100 }).toBe(true);
  await expect.poll(healthStatus, { timeout: 5000 }).toBe(200);
  await sleep(500);
  expect(prompts.map((p) => p.prompt.kind)).toEqual(['checkout_idle']);
  expect(offers.map((o) => o.conversation.escalation?.kind)).toEqual(['checkout_idle']);
  const firedAfterRestartMs = Math.max(offers[0]!.at, prompts[0]!.at) - restartedAt;
  console.log(
    `[faults] redis restart: ${JSON.stringify({
      idleSeconds: IDLE_SECONDS,
      redisDownMs: restartedAt - crashedAt,
      dueWhileDown: dueAt < restartedAt,
      offerAfterRestartMs: offers[0]!.at - restartedAt,
      promptAfterRestartMs: prompts[0]!.at - restartedAt,
      firedAfterRestartMs,
      offers: offers.length,
      prompts: prompts.length,
    })}`,
  );
  visitor.close();
  agent.close();
}, 60_000);
