import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConversationSummary, ProactivePrompt } from '../../shared/contract';
import { walkToCheckout } from '../helpers/shop';
import { newDeployment, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { connectAgent, connected, joinAsVisitor, nextEvent, signIn } from '../helpers/test-server';

const IDLE_SECONDS = 5;
let processes: ServerProcess[] = [];

beforeAll(async () => {
  const deployment = newDeployment();
  const env = { CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS) };
  // The first process creates the demo site; the second joins the same deployment.
  // At once, as a deployment's processes start: the first-run step is atomic.
  processes = await Promise.all([startServerProcess(deployment, env), startServerProcess(deployment, env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

it('fires a hesitation timer once with two server processes, across processes', async () => {
  const [first, second] = processes as [ServerProcess, ServerProcess];
  const agent = connectAgent(second, await signIn(second));
  await connected(agent);
  const offers: ConversationSummary[] = [];
  agent.on('escalation:offer', ({ conversation }) => offers.push(conversation));

  const { socket, session } = await joinAsVisitor(first);
  const prompts: ProactivePrompt[] = [];
  socket.on('proactive:prompt', (prompt) => prompts.push(prompt));
  await walkToCheckout(socket);
  // A buyer reaching checkout after this one, on the other process, is prompted and offered after this one's timer fired.
  const { socket: later, session: laterSession } = await joinAsVisitor(second);
  const laterPrompt = nextEvent<ProactivePrompt>(later, 'proactive:prompt', (IDLE_SECONDS + 5) * 1000);
  await walkToCheckout(later);
  await laterPrompt;
  await expect.poll(() => offers.some((c) => c.visitorId === laterSession.visitorId), { timeout: 5_000 }).toBe(true);

  expect(prompts.map((p) => p.kind)).toEqual(['checkout_idle']);
  expect(offers.filter((c) => c.visitorId === session.visitorId).map((c) => c.escalation?.kind)).toEqual(['checkout_idle']);
  socket.close();
  later.close();
  agent.close();
}, 30_000);
