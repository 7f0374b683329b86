import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VisitorContext } from '../../shared/contract';
import { track } from '../helpers/shop';
import {
  connectAgent,
  connected,
  joinAsVisitor,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type TestServer,
} from '../helpers/test-server';

let server: TestServer;
let agent: AgentSocket;

beforeAll(async () => {
  server = await startTestServer();
  agent = connectAgent(server, await signIn(server));
  await connected(agent);
});
afterAll(async () => {
  agent.close();
  await server.close();
});

async function contextOf(visitorId: string): Promise<VisitorContext> {
  const res = await request<VisitorContext>(agent, 'visitor:context', { visitorId });
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

it('moves a visitor through the stages as they browse, and tells the widget and the watching agent', async () => {
  const { socket, session } = await joinAsVisitor(server);
  expect(session.stage).toBe('awareness');
  await contextOf(session.visitorId); // the agent now watches this visitor

  await track(socket, { type: 'page_view', url: 'https://shop.example/blog/trail-tips', title: 'Tips', pageType: null });
  expect((await contextOf(session.visitorId)).stage).toBe('awareness');

  const widgetStage = nextEvent<{ stage: string }>(socket, 'lifecycle:stage');
  const pushed = nextEvent<VisitorContext>(agent, 'visitor:context');
  await track(socket, { type: 'page_view', url: 'https://shop.example/products/shoes', title: 'Shoes', pageType: null });
  await track(socket, { type: 'page_view', url: 'https://shop.example/shipping', title: 'Shipping', pageType: null });
  expect(await widgetStage).toEqual({ stage: 'evaluation' });
  expect((await pushed).visitorId).toBe(session.visitorId);

  await track(socket, { type: 'page_time', activeSeconds: 40, idleSeconds: 5 });
  await track(socket, { type: 'cart', items: 2, value: 58, currency: 'EUR' });
  const context = await contextOf(session.visitorId);
  expect(context.stage).toBe('purchase');
  expect(context.timeline.map((c) => [c.stage, c.rule])).toEqual([
    ['awareness', 'first_visit'],
    ['evaluation', 'evaluation_pages'],
    ['purchase', 'cart_non_empty'],
  ]);
  expect(context.pages.map((p) => p.pageType)).toEqual(['content', 'product', 'shipping']);
  expect(context.cart).toEqual({ items: 2, value: 58, currency: 'EUR' });
  const cartReason = context.intent.reasons.find((r) => r.signal === 'cartItems');
  expect(cartReason?.contribution).toBeGreaterThan(0);
  socket.close();
});

it('counts a knowledge-base search as evaluation', async () => {
  const { socket, session } = await joinAsVisitor(server);
  const search = await request(socket, 'kb:search', { query: 'returns', mode: 'search' });
  expect(search.ok).toBe(true);
  await expect.poll(async () => (await contextOf(session.visitorId)).timeline.at(-1)?.rule).toBe('kb_search');
  socket.close();
});

it('refuses tracking payloads that break the contract, with a coded error', async () => {
  const { socket } = await joinAsVisitor(server);
  for (const bad of [{ type: 'page_view', url: 'not a url' }, { type: 'cart', items: -1, value: 1 }, { type: 'teleport' }]) {
    expect(await request(socket, 'track', bad)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  }
  socket.close();
});
