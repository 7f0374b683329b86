import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConversationSummary, HealthResponse, ProactivePrompt } from '../../shared/contract';
import { newDeployment, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { walkToCheckout } from '../helpers/shop';
import { connectAgent, connected, joinAsVisitor, signIn } from '../helpers/test-server';
import { startFaultServices, type FaultServices } from './services';

const IDLE_SECONDS = 5;
/** Redis goes down this long after the visitor reaches checkout, and stays down past the timer's due time. */
const DOWN_AFTER_MS = 1000;
const DOWN_FOR_MS = 6000;

let services: FaultServices;
let server: ServerProcess;

beforeAll(async () => {
  services = await startFaultServices();
  server = await startServerProcess(newDeployment(), { CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS) }, services);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await services?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  await sleep(DOWN_AFTER_MS);
  await services.redis.crash();
  await expect.poll(healthStatus, { timeout: 5000 }).toBe(503);
  await sleep(DOWN_FOR_MS);
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
      redisDownMs: DOWN_FOR_MS,
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
